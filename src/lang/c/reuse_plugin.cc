// secplay's gcc plugin for C++ candidate compiles: no code for the inline and template functions
// that the task's runner already defines.
//
// Why: at -O0 with the sanitizers, most of a small C++ candidate's compile is code generation for
// the std templates it uses (std::map<std::string, std::string>::find and the red-black tree under
// it: ~60 functions, ~70 of the ~120 ms one candidate took). The runner (c-build.ts) is linked with
// -rdynamic and comes first in the dynamic linker's lookup order, so for every symbol it exports the
// candidate's own copy is never called: each call, even from inside the candidate's library, binds
// to the runner's copy at load time (the candidate's library is not linked -Bsymbolic). Not
// generating a copy that would never run changes no behaviour; the call becomes a reference that
// the runner resolves, as before.
//
// Only functions that are replaceable this way are left out: public, default visibility, COMDAT
// (inline or template instantiations), not always_inline (inlined even at -O0), not thunks, and
// only when every symbol of their COMDAT group (a constructor and its aliases) is provided.
//
// -fplugin-arg-reuse_plugin-provided=FILE: the runner's exported symbols, one per line.
// Built outside the sandbox from trusted source; the list is written by the runner build.
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "hash-set.h"

int plugin_is_GPL_compatible;

static hash_set<nofree_string_hash> provided;
static char *provided_text;  // the list's bytes; the set's keys point into it

static bool read_provided(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == nullptr) return false;
  size_t cap = 1 << 16, len = 0;
  provided_text = XNEWVEC(char, cap + 1);
  size_t n;
  while ((n = fread(provided_text + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      cap *= 2;
      provided_text = XRESIZEVEC(char, provided_text, cap + 1);
    }
  }
  fclose(f);
  provided_text[len] = '\0';
  for (char *line = provided_text; *line != '\0';) {
    char *end = strchr(line, '\n');
    if (end != nullptr) *end = '\0';
    if (*line != '\0') provided.add(line);
    if (end == nullptr) break;
    line = end + 1;
  }
  return true;
}

static bool replaceable(symtab_node *s) {
  cgraph_node *f = dyn_cast<cgraph_node *>(s);
  if (f == nullptr || f->thunk || (f->alias && !f->cpp_implicit_alias)) return false;
  tree d = f->decl;
  if (!TREE_PUBLIC(d) || !DECL_COMDAT(d) || DECL_VISIBILITY(d) != VISIBILITY_DEFAULT) return false;
  if (lookup_attribute("always_inline", DECL_ATTRIBUTES(d)) != NULL_TREE) return false;
  return provided.contains(IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(d)));
}

/** The function becomes a declaration of an external symbol (the runner's). */
static void make_external(cgraph_node *n) {
  if (!n->alias) n->release_body();
  n->reset();
  n->set_comdat_group(NULL_TREE);
  tree d = n->decl;
  DECL_EXTERNAL(d) = 1;
  TREE_STATIC(d) = 0;
  DECL_COMDAT(d) = 0;
  DECL_WEAK(d) = 0;
  DECL_INITIAL(d) = NULL_TREE;
}

static void leave_out_provided(void *, void *) {
  auto_vec<cgraph_node *> out;
  cgraph_node *node;
  FOR_EACH_DEFINED_FUNCTION(node) {
    if (!replaceable(node)) continue;
    bool whole_group = true;
    for (symtab_node *s = node->same_comdat_group; s != nullptr && s != node; s = s->same_comdat_group)
      if (!replaceable(s)) {
        whole_group = false;
        break;
      }
    if (whole_group) out.safe_push(node);
  }
  for (cgraph_node *n : out)
    if (n->same_comdat_group != nullptr) n->dissolve_same_comdat_group_list();
  for (cgraph_node *n : out) make_external(n);
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version) {
  if (!plugin_default_version_check(version, &gcc_version)) return 1;
  const char *list = nullptr;
  for (int i = 0; i < info->argc; i++)
    if (strcmp(info->argv[i].key, "provided") == 0) list = info->argv[i].value;
  if (list == nullptr) {
    error("%qs: missing %<-fplugin-arg-%s-provided=FILE%>", info->base_name, info->base_name);
    return 1;
  }
  if (!read_provided(list)) {
    error("%qs: cannot read %qs", info->base_name, list);
    return 1;
  }
  register_callback(info->base_name, PLUGIN_ALL_IPA_PASSES_START, leave_out_provided, nullptr);
  return 0;
}
