// secplay's gcc plugin for precompiled headers: `#pragma secplay instantiate_pending` instantiates
// every template that the code so far has used but gcc has deferred to the end of the translation
// unit. Put at the end of a header that is being precompiled, it moves that work into the PCH.
//
// Why: gcc writes a PCH before it instantiates pending templates, so every unit that loads the PCH
// instantiates them again, used or not. The inline functions of <string> alone (std::to_string,
// std::stoi…) leave ~4 MB of instantiations pending: an empty file with a <string> PCH compiled in
// 42 ms CPU, 15 ms with this pragma (g++ 12). The end of the translation unit and the end of the
// header are both points of instantiation of these specialisations ([temp.point]), so the unit
// means the same; the instantiated functions stay deferred and are emitted only where used.
//
// Built outside the sandbox, loaded only by the trusted PCH builds (never by candidate compiles).
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "cp/cp-tree.h"
#include "c-family/c-pragma.h"

int plugin_is_GPL_compatible;

static void instantiate_now(cpp_reader *) { instantiate_pending_templates(0); }

static void register_pragmas(void *, void *) {
  c_register_pragma("secplay", "instantiate_pending", instantiate_now);
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version) {
  if (!plugin_default_version_check(version, &gcc_version)) return 1;
  register_callback(info->base_name, PLUGIN_PRAGMAS, register_pragmas, nullptr);
  return 0;
}
