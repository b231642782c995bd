import type { Rule } from '../rule.js';

const C_CPP = ['c', 'cpp'] as const;
const TOKEN_CONTEXT =
  '(token|secret|passw|pwd|nonce|salt|otp|session|csrf|api_?key|apikey|auth|reset|verif|one_?time|\\bkey\\b|_key\\b|Key\\b|\\biv\\b)';

/**
 * C and C++ rules (queries use only node types both grammars share). The memory-safety rules
 * use the structural checks of checks.ts, which follow the statements of one function.
 */
export const C_RULES: readonly Rule[] = [
  {
    id: 'c-unbounded-copy',
    languages: C_CPP,
    cwes: ['CWE-120', 'CWE-787'],
    severity: 'high',
    message:
      'strcpy/strcat copy until the source ends, whatever the destination size; use snprintf or a bounded copy with the destination size',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @dst . (_) @src)
      (#match? @f "^(std::)?(strcpy|strcat|wcscpy|wcscat|lstrcpy|lstrcat|_mbscpy|stpcpy)$")) @hit`,
    where: [{ check: 'taint', capture: 'src', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        'void greet(const char *name) {\n  char buf[16];\n  strcpy(buf, name);\n  puts(buf);\n}\n',
        'void path(char *out, const char *dir) {\n  strcpy(out, "/home/");\n  strcat(out, dir);\n}\n',
      ],
      safe: [
        'void greet(const char *name) {\n  char buf[16];\n  snprintf(buf, sizeof buf, "%s", name);\n  puts(buf);\n}\n',
        'void init(void) {\n  char buf[16];\n  strcpy(buf, "hello");\n}\n',
      ],
    },
  },
  {
    id: 'c-unbounded-sprintf',
    languages: C_CPP,
    cwes: ['CWE-120', 'CWE-787'],
    severity: 'high',
    message: 'sprintf with %s writes as much as the argument holds; use snprintf with the destination size',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @dst . (_) @fmt)
      (#match? @f "^(std::)?(sprintf|vsprintf|swprintf|wsprintf)$")) @hit`,
    where: [{ check: 'text', capture: 'fmt', pattern: '%-?\\d*(l|h|ll)?[sS]|%-?\\d*\\[' }],
    examples: {
      vulnerable: [
        'void mk(const char *user) {\n  char path[32];\n  sprintf(path, "/home/%s/.profile", user);\n}\n',
      ],
      safe: [
        'void mk(const char *user) {\n  char path[32];\n  snprintf(path, sizeof path, "/home/%s/.profile", user);\n}\n',
        'void num(int n) {\n  char s[16];\n  sprintf(s, "%.3s", "abcdef");\n}\n',
      ],
    },
  },
  {
    id: 'c-gets',
    languages: C_CPP,
    cwes: ['CWE-242', 'CWE-120'],
    severity: 'critical',
    message: 'gets cannot be used safely (no size); use fgets with the buffer size',
    query: `(call_expression function: (_) @f (#match? @f "^(std::)?(gets|_getws)$")) @hit`,
    examples: {
      vulnerable: ['int main(void) {\n  char line[80];\n  gets(line);\n  return 0;\n}\n'],
      safe: ['int main(void) {\n  char line[80];\n  fgets(line, sizeof line, stdin);\n  return 0;\n}\n'],
    },
  },
  {
    id: 'c-scanf-unbounded',
    languages: C_CPP,
    cwes: ['CWE-120', 'CWE-787'],
    severity: 'high',
    message: 'scanf %s / %[ without a width writes past the buffer on long input; give a width (e.g. %63s)',
    query: `
      (call_expression function: (_) @f arguments: (argument_list . (_) @fmt) (#match? @f "^(std::)?(scanf|wscanf)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (_) . (_) @fmt) (#match? @f "^(std::)?(fscanf|sscanf|fwscanf|swscanf)$")) @hit
    `,
    where: [{ check: 'text', capture: 'fmt', pattern: '%(l|h)?(s|\\[)' }],
    examples: {
      vulnerable: ['int main(void) {\n  char name[32];\n  scanf("%s", name);\n  return 0;\n}\n'],
      safe: ['int main(void) {\n  char name[32];\n  scanf("%31s", name);\n  return 0;\n}\n'],
    },
  },
  {
    id: 'cpp-cin-char-array',
    languages: ['cpp'],
    cwes: ['CWE-120', 'CWE-787'],
    severity: 'high',
    message: 'reading into a char array with >> has no bound; read into std::string or set std::setw',
    query: `(binary_expression left: (_) @in operator: ">>" right: (identifier) @buf (#match? @in "^(std::)?cin$|>>")) @hit`,
    where: [
      { check: 'custom', name: 'charArrayTarget' },
      { check: 'scopeLacks', pattern: 'setw\\(|\\.width\\(' },
    ],
    examples: {
      vulnerable: [
        '#include <iostream>\nint main() {\n  char name[16];\n  std::cin >> name;\n  return 0;\n}\n',
      ],
      safe: [
        '#include <iostream>\n#include <string>\nint main() {\n  std::string name;\n  std::cin >> name;\n  return 0;\n}\n',
      ],
    },
  },
  {
    id: 'c-copy-length-unchecked',
    languages: C_CPP,
    cwes: ['CWE-120', 'CWE-787', 'CWE-805'],
    severity: 'high',
    message:
      'memcpy/memmove/strncpy length is neither derived from the destination size nor checked against it; bound it by sizeof the destination',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @dst . (_) @src . (_) @len)
      (#match? @f "^(std::)?(memcpy|memmove|strncpy|wcsncpy|CopyMemory|bcopy_s)$")) @hit`,
    where: [{ check: 'custom', name: 'copyLength' }],
    examples: {
      vulnerable: [
        'void put(const char *src, size_t n) {\n  char buf[64];\n  memcpy(buf, src, n);\n}\n',
        'void put(const char *src) {\n  char buf[8];\n  strncpy(buf, src, strlen(src));\n}\n',
      ],
      safe: [
        'void put(const char *src, size_t n) {\n  char buf[64];\n  if (n > sizeof buf) return;\n  memcpy(buf, src, n);\n}\n',
        'void put(const char *src) {\n  char buf[8];\n  strncpy(buf, src, sizeof(buf) - 1);\n  buf[sizeof(buf) - 1] = 0;\n}\n',
        'char *dup(const char *src, size_t n) {\n  char *p = malloc(n);\n  if (!p) return 0;\n  memcpy(p, src, n);\n  return p;\n}\n',
      ],
    },
  },
  {
    id: 'c-format-string',
    languages: C_CPP,
    cwes: ['CWE-134'],
    severity: 'high',
    message:
      'the format string is not a literal; an attacker-controlled %n or %s reads or writes memory. Use printf("%s", s)',
    query: `
      (call_expression function: (_) @f arguments: (argument_list . (_) @fmt) (#match? @f "^(std::)?(printf|vprintf|wprintf)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (_) . (_) @fmt)
        (#match? @f "^(std::)?(fprintf|vfprintf|sprintf|vsprintf|syslog|vsyslog|dprintf|fwprintf|err|warnx|errx|asprintf)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (_) . (_) . (_) @fmt) (#match? @f "^(std::)?(snprintf|vsnprintf|swprintf)$")) @hit
    `,
    where: [
      { check: 'taint', capture: 'fmt', is: ['built', 'opaque'] },
      { check: 'textNot', capture: 'fmt', pattern: '^(_|gettext|N_|tr|i18n)\\s*\\(' },
      // a printf-style wrapper passing its own format through (the call sites are checked instead)
      { check: 'scopeLacks', pattern: '\\bva_list\\b' },
    ],
    examples: {
      vulnerable: [
        'int main(int argc, char **argv) {\n  printf(argv[1]);\n  return 0;\n}\n',
        'void log_msg(FILE *f, const char *msg) {\n  fprintf(f, msg);\n}\n',
        'void copy(char *out, size_t n, const char *user) {\n  snprintf(out, n, user);\n}\n',
      ],
      safe: [
        'int main(int argc, char **argv) {\n  printf("%s", argv[1]);\n  return 0;\n}\n',
        'void log_msg(FILE *f, const char *msg) {\n  fputs(msg, f);\n}\n',
        'void banner(void) {\n  const char *fmt = "v%d\\n";\n  printf(fmt, 2);\n}\n',
      ],
    },
  },
  {
    id: 'c-alloc-size-overflow',
    languages: C_CPP,
    cwes: ['CWE-190', 'CWE-680'],
    severity: 'high',
    message:
      'allocation size is a product that can overflow and allocate too little; check n <= SIZE_MAX / size first (or use calloc)',
    query: `
      (call_expression function: (_) @f arguments: (argument_list (binary_expression operator: "*") @size .)
        (#match? @f "^(std::)?(malloc|realloc|alloca|xmalloc|g_malloc|kmalloc|reallocarray_unchecked)$")) @hit
    `,
    where: [{ check: 'custom', name: 'allocOverflow' }],
    examples: {
      vulnerable: [
        'int *make(size_t count) {\n  int *a = malloc(count * sizeof(int));\n  return a;\n}\n',
        'char *grid(unsigned w, unsigned h) {\n  return malloc(w * h);\n}\n',
        'unsigned char *img(uint32_t w, uint32_t h) {\n  if (w * h > 4096) return 0;\n  return malloc(w * h * 4);\n}\n',
      ],
      safe: [
        'int *make(size_t count) {\n  if (count > SIZE_MAX / sizeof(int)) return NULL;\n  return malloc(count * sizeof(int));\n}\n',
        'int *make(size_t count) {\n  return calloc(count, sizeof(int));\n}\n',
        'char *fixed(void) {\n  return malloc(16 * sizeof(char));\n}\n',
        'unsigned char *img(uint32_t w, uint32_t h) {\n  if ((uint64_t)w * h > 4096) return 0;\n  return malloc((size_t)w * h * 4);\n}\n',
      ],
    },
  },
  {
    id: 'c-int-overflow-size-arith',
    languages: C_CPP,
    cwes: ['CWE-190'],
    severity: 'medium',
    message:
      'a size computed with + or * of two variables can wrap before it is used; check for overflow first',
    query: `
      (init_declarator declarator: (identifier) @name value: (binary_expression left: (identifier) @a operator: ["*" "+"] right: (identifier) @b)) @hit
    `,
    where: [
      { check: 'text', capture: 'name', pattern: '(size|len|total|count|bytes|need|cap|sum|area)' },
      {
        check: 'scopeLacks',
        pattern: '(SIZE_MAX|INT_MAX|UINT_MAX|LONG_MAX|_overflow\\s*\\(|ckd_(add|mul)|numeric_limits)',
      },
      {
        check: 'scopeHas',
        pattern: '\\b(malloc|calloc|realloc|alloca|new|memcpy|memset|read|fread|recv)\\s*[(\\[]',
      },
    ],
    examples: {
      vulnerable: [
        'char *join(const char *a, size_t la, const char *b, size_t lb) {\n  size_t total = la + lb;\n  char *p = malloc(total);\n  return p;\n}\n',
      ],
      safe: [
        'char *join(const char *a, size_t la, const char *b, size_t lb) {\n  if (la > SIZE_MAX - lb) return NULL;\n  size_t total = la + lb;\n  char *p = malloc(total);\n  return p;\n}\n',
      ],
    },
  },
  {
    id: 'c-use-after-free',
    languages: C_CPP,
    cwes: ['CWE-416', 'CWE-415'],
    severity: 'critical',
    message:
      'memory is used (or freed again) after free(); set the pointer to NULL after freeing and do not use it',
    query: `(call_expression function: (identifier) @f arguments: (argument_list . [(identifier) (field_expression)] @ptr .) (#eq? @f "free")) @hit`,
    where: [{ check: 'custom', name: 'useAfterFree' }],
    examples: {
      vulnerable: [
        'void f(void) {\n  char *p = malloc(8);\n  free(p);\n  printf("%s", p);\n}\n',
        'void g(struct node *n) {\n  free(n->name);\n  n->name[0] = 0;\n}\n',
        'void h(char *p) {\n  free(p);\n  free(p);\n}\n',
      ],
      safe: [
        'void f(void) {\n  char *p = malloc(8);\n  printf("%s", p);\n  free(p);\n  p = NULL;\n}\n',
        'void f(char *p, int err) {\n  if (err) {\n    free(p);\n    return;\n  }\n  puts(p);\n}\n',
      ],
    },
  },
  {
    id: 'c-unchecked-alloc',
    languages: C_CPP,
    cwes: ['CWE-476', 'CWE-690'],
    severity: 'medium',
    message:
      'the result of malloc/calloc/realloc is used without a NULL check; check it before dereferencing',
    query: `
      (init_declarator declarator: (pointer_declarator declarator: (identifier) @ptr) value: (call_expression function: (identifier) @f) @hit
        (#match? @f "^(malloc|calloc|realloc|strdup|strndup|aligned_alloc)$"))
      (init_declarator declarator: (pointer_declarator declarator: (identifier) @ptr) value: (cast_expression value: (call_expression function: (identifier) @f) @hit)
        (#match? @f "^(malloc|calloc|realloc|strdup|strndup|aligned_alloc)$"))
      (assignment_expression left: (identifier) @ptr right: (call_expression function: (identifier) @f) @hit
        (#match? @f "^(malloc|calloc|realloc|strdup|strndup|aligned_alloc)$"))
      (assignment_expression left: (identifier) @ptr right: (cast_expression value: (call_expression function: (identifier) @f) @hit)
        (#match? @f "^(malloc|calloc|realloc|strdup|strndup|aligned_alloc)$"))
    `,
    where: [{ check: 'custom', name: 'uncheckedAlloc' }],
    examples: {
      vulnerable: [
        'int *make(int n) {\n  int *a = malloc(n * sizeof *a);\n  a[0] = n;\n  return a;\n}\n',
        'char *copy(const char *s) {\n  char *p = (char *)malloc(strlen(s) + 1);\n  strcpy(p, s);\n  return p;\n}\n',
      ],
      safe: [
        'int *make(int n) {\n  int *a = malloc(n * sizeof *a);\n  if (a == NULL) return NULL;\n  a[0] = n;\n  return a;\n}\n',
        'char *copy(const char *s) {\n  char *p = malloc(strlen(s) + 1);\n  if (!p)\n    return NULL;\n  memcpy(p, s, strlen(s) + 1);\n  return p;\n}\n',
      ],
    },
  },
  {
    id: 'c-unchecked-nullable-result',
    languages: C_CPP,
    cwes: ['CWE-476', 'CWE-690'],
    severity: 'medium',
    message:
      'a result that can be NULL (strchr, getenv, fopen, or a lookup that returns NULL) is dereferenced or offset before a NULL check',
    query: `
      (init_declarator declarator: (pointer_declarator declarator: (identifier) @ptr) value: (call_expression function: (_) @f) @hit)
      (assignment_expression left: (identifier) @ptr right: (call_expression function: (_) @f) @hit)
    `,
    where: [{ check: 'custom', name: 'uncheckedNullable' }],
    examples: {
      vulnerable: [
        "const char *ext(const char *name) {\n  const char *dot = strrchr(name, '.');\n  return dot + 1;\n}\n",
        'struct entry { const char *value; };\nstatic struct entry *find(const char *k) {\n  if (!k) return NULL;\n  return 0;\n}\nlong get(const char *k) {\n  struct entry *e = find(k);\n  return strtol(e->value, 0, 10);\n}\n',
      ],
      safe: [
        'const char *ext(const char *name) {\n  const char *dot = strrchr(name, \'.\');\n  return dot != NULL ? dot + 1 : "";\n}\n',
        'const char *home(void) {\n  const char *h = getenv("HOME");\n  if (h == NULL) return "/";\n  return h;\n}\n',
      ],
    },
  },
  {
    id: 'c-sized-input-read',
    languages: C_CPP,
    cwes: ['CWE-125', 'CWE-126'],
    severity: 'high',
    message:
      'a buffer that comes with a length is read at an index never compared with that length; check the index against it first',
    query: `(subscript_expression argument: (identifier)) @hit`,
    where: [{ check: 'custom', name: 'sizedInputRead' }],
    examples: {
      vulnerable: [
        'int sum(const unsigned char *s, size_t len) {\n  if (len == 0) return -1;\n  int n = s[0] & 7, v = 0;\n  for (int i = 1; i < n; i++) v += s[i];\n  return v;\n}\n',
      ],
      safe: [
        'int sum(const unsigned char *s, size_t len) {\n  if (len == 0) return -1;\n  int n = s[0] & 7, v = 0;\n  if ((size_t)n > len) return -1;\n  for (int i = 1; i < n; i++) v += s[i];\n  return v;\n}\n',
        'int total(const int *a, size_t n) {\n  int t = 0;\n  for (size_t i = 0; i < n; i++) t += a[i];\n  return t;\n}\n',
      ],
    },
  },
  {
    id: 'c-sized-input-copy',
    languages: C_CPP,
    cwes: ['CWE-125', 'CWE-126'],
    severity: 'high',
    message:
      'memcpy reads from a buffer that comes with a length, but the copy length is never compared with it (a length field from the data itself); check it first',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @dst . (_) @src . (_) @len)
      (#match? @f "^(std::)?(memcpy|memmove)$")) @hit`,
    where: [{ check: 'custom', name: 'sizedInputCopy' }],
    examples: {
      vulnerable: [
        'int parse(const unsigned char *buf, size_t len, char *out, size_t outsz) {\n  if (len < 2) return -1;\n  size_t n = (buf[0] << 8) | buf[1];\n  if (n + 1 > outsz) return -1;\n  memcpy(out, buf + 2, n);\n  out[n] = 0;\n  return (int)n;\n}\n',
      ],
      safe: [
        'int parse(const unsigned char *buf, size_t len, char *out, size_t outsz) {\n  if (len < 2) return -1;\n  size_t n = (buf[0] << 8) | buf[1];\n  if (n > len - 2 || n + 1 > outsz) return -1;\n  memcpy(out, buf + 2, n);\n  out[n] = 0;\n  return (int)n;\n}\n',
      ],
    },
  },
  {
    id: 'c-sized-input-string-func',
    languages: C_CPP,
    cwes: ['CWE-126', 'CWE-125'],
    severity: 'medium',
    message:
      'a NUL-terminated string function runs on a buffer that comes with a length (it need not be terminated); use memchr/memcmp with the length',
    query: `(call_expression function: (_) @f arguments: (argument_list . (identifier) @buf)
      (#match? @f "^(std::)?(strchr|strrchr|strlen|strstr|strcpy|strdup|strcmp|strcat|strtok|strspn|strcspn|strpbrk|atoi|atol|strtol|strtoul|sscanf)$")) @hit`,
    where: [{ check: 'custom', name: 'sizedInputString' }],
    examples: {
      vulnerable: [
        "size_t field(const char *rec, size_t len) {\n  const char *end = strchr(rec, ',');\n  return end ? (size_t)(end - rec) : len;\n}\n",
      ],
      safe: [
        "size_t field(const char *rec, size_t len) {\n  const char *end = memchr(rec, ',', len);\n  return end ? (size_t)(end - rec) : len;\n}\n",
      ],
    },
  },
  {
    id: 'c-terminator-off-by-one',
    languages: C_CPP,
    cwes: ['CWE-193', 'CWE-787'],
    severity: 'high',
    message:
      'the buffer is filled while `n < size` and then terminated at buf[n], one past the end when it is full; stop at size - 1',
    query: `(assignment_expression left: (subscript_expression argument: (identifier) @buf) @sub right: [(char_literal) (number_literal)] @z) @hit`,
    where: [
      { check: 'text', capture: 'z', pattern: '^(\\\\0|0)$' },
      { check: 'custom', name: 'terminatorOffByOne' },
    ],
    examples: {
      vulnerable: [
        "long rd(FILE *f, char *buf, size_t size) {\n  size_t n = 0;\n  int c;\n  while ((c = fgetc(f)) != EOF && c != '\\n') {\n    if (n < size)\n      buf[n++] = (char)c;\n  }\n  buf[n] = '\\0';\n  return (long)n;\n}\n",
      ],
      safe: [
        "long rd(FILE *f, char *buf, size_t size) {\n  size_t n = 0;\n  int c;\n  while ((c = fgetc(f)) != EOF && c != '\\n') {\n    if (n + 1 < size)\n      buf[n++] = (char)c;\n  }\n  buf[n] = '\\0';\n  return (long)n;\n}\n",
      ],
    },
  },
  {
    id: 'c-stale-pointer-after-realloc',
    languages: C_CPP,
    cwes: ['CWE-416', 'CWE-825'],
    severity: 'high',
    message:
      "a pointer into a buffer is taken before the buffer is realloc'd and used after; recompute it after realloc",
    query: `(call_expression function: (identifier) @f arguments: (argument_list . (_) @target) (#any-of? @f "realloc" "free")) @hit`,
    where: [{ check: 'custom', name: 'staleAfterRealloc' }],
    examples: {
      vulnerable: [
        'struct sb { char *d; size_t len, cap; };\nchar *app(struct sb *b, const char *s, size_t n) {\n  char *dst = b->d + b->len;\n  if (b->len + n + 1 > b->cap) {\n    char *p = realloc(b->d, b->cap * 2 + n + 1);\n    if (p == NULL) return NULL;\n    b->d = p;\n  }\n  memcpy(dst, s, n + 1);\n  return dst;\n}\n',
      ],
      safe: [
        'struct sb { char *d; size_t len, cap; };\nchar *app(struct sb *b, const char *s, size_t n) {\n  if (b->len + n + 1 > b->cap) {\n    char *p = realloc(b->d, b->cap * 2 + n + 1);\n    if (p == NULL) return NULL;\n    b->d = p;\n  }\n  char *dst = b->d + b->len;\n  memcpy(dst, s, n + 1);\n  return dst;\n}\n',
      ],
    },
  },
  {
    id: 'c-iterator-invalidation',
    languages: C_CPP,
    cwes: ['CWE-416', 'CWE-825'],
    severity: 'high',
    message:
      'a loop walks a container through a pointer or iterator while its body appends to that container, which may reallocate it; index by position instead',
    query: `
      (for_statement initializer: (declaration declarator: (init_declarator value: (field_expression argument: (identifier) @base))) body: (_) @body) @hit
      (for_statement initializer: (declaration declarator: (init_declarator value: (call_expression function: (field_expression argument: (identifier) @base)))) body: (_) @body) @hit
    `,
    where: [{ check: 'custom', name: 'growWhileIterating' }],
    examples: {
      vulnerable: [
        'struct list { char **items; size_t count; };\nint dup_all(struct list *l) {\n  char **end = l->items + l->count;\n  for (char **it = l->items; it != end; it++)\n    if (list_push(l, strdup(*it)) != 0) return -1;\n  return 0;\n}\n',
      ],
      safe: [
        'struct list { char **items; size_t count; };\nint dup_all(struct list *l) {\n  const size_t count = l->count;\n  for (size_t i = 0; i < count; i++)\n    if (list_push(l, strdup(l->items[i])) != 0) return -1;\n  return 0;\n}\n',
      ],
    },
  },
  {
    id: 'cpp-new-array-size-overflow',
    languages: ['cpp'],
    cwes: ['CWE-190', 'CWE-680'],
    severity: 'high',
    message: 'new T[a * b] with a product that can overflow allocates too little; check a <= max / b first',
    query: `(new_expression declarator: (new_declarator length: (binary_expression operator: "*") @size)) @hit`,
    where: [{ check: 'custom', name: 'allocOverflow' }],
    examples: {
      vulnerable: [
        'struct Cell { int v; };\nCell *grid(std::size_t rows, std::size_t cols) {\n  if (rows == 0 || cols == 0) return nullptr;\n  return new Cell[rows * cols];\n}\n',
      ],
      safe: [
        'struct Cell { int v; };\nCell *grid(std::size_t rows, std::size_t cols) {\n  if (rows == 0 || cols == 0 || rows > std::numeric_limits<std::size_t>::max() / sizeof(Cell) / cols) return nullptr;\n  return new Cell[rows * cols];\n}\n',
      ],
    },
  },
  {
    id: 'c-format-wrapper-call',
    languages: C_CPP,
    cwes: ['CWE-134'],
    severity: 'high',
    message:
      'a printf-style function of this file is called with a non-literal format; pass the text as an argument ("%s", text)',
    query: `(call_expression function: (identifier) @f) @hit`,
    where: [{ check: 'custom', name: 'formatWrapperCall' }],
    examples: {
      vulnerable: [
        'static void audit(const char *fmt, ...) {\n  va_list ap;\n  va_start(ap, fmt);\n  vfprintf(stderr, fmt, ap);\n  va_end(ap);\n}\nvoid login_failed(const char *user) {\n  char line[128];\n  snprintf(line, sizeof line, "failed login for %s", user);\n  audit(line);\n}\n',
        'void audit_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));\nvoid login_failed(const char *user) {\n  char line[128];\n  snprintf(line, sizeof line, "failed login for %s", user);\n  audit_printf(line);\n}\n',
      ],
      safe: [
        'static void audit(const char *fmt, ...) {\n  va_list ap;\n  va_start(ap, fmt);\n  vfprintf(stderr, fmt, ap);\n  va_end(ap);\n}\nvoid login_failed(const char *user) {\n  char line[128];\n  snprintf(line, sizeof line, "failed login for %s", user);\n  audit("%s", line);\n}\n',
      ],
    },
  },
  {
    id: 'c-dangling-field-after-free',
    languages: C_CPP,
    cwes: ['CWE-415', 'CWE-416'],
    severity: 'high',
    message:
      "a parameter's field is freed and the function can return before the field is reassigned, leaving it dangling (a later free or use is a double free / use after free); free it only once the replacement is ready",
    query: `(call_expression function: (identifier) @fn arguments: (argument_list . (field_expression) @target .) (#eq? @fn "free")) @hit`,
    where: [{ check: 'custom', name: 'danglingFieldFree' }],
    examples: {
      vulnerable: [
        'struct rec { char *title; };\nint set_title(struct rec *r, const char *v) {\n  size_t n = strlen(v);\n  free(r->title);\n  if (n > 80) return -1;\n  char *c = malloc(n + 1);\n  if (c == NULL) return -1;\n  memcpy(c, v, n + 1);\n  r->title = c;\n  return 0;\n}\n',
      ],
      safe: [
        'struct rec { char *title; };\nint set_title(struct rec *r, const char *v) {\n  size_t n = strlen(v);\n  if (n > 80) return -1;\n  char *c = malloc(n + 1);\n  if (c == NULL) return -1;\n  memcpy(c, v, n + 1);\n  free(r->title);\n  r->title = c;\n  return 0;\n}\n',
        'struct rec { char *title; };\nvoid clear(struct rec *r) {\n  free(r->title);\n  r->title = NULL;\n}\n',
      ],
    },
  },
  {
    id: 'c-hardcoded-fallback-secret',
    languages: C_CPP,
    cwes: ['CWE-798', 'CWE-1188'],
    severity: 'high',
    message:
      'a credential falls back to a value written in the source when the environment or configuration lacks it; fail instead',
    query: `
      (assignment_expression left: (identifier) @name right: (string_literal) @val) @hit
      (call_expression function: (identifier) @f arguments: (argument_list . (identifier) @name . (_) . (string_literal) @fmt . (string_literal) @val .) (#eq? @f "snprintf")) @hit
      (call_expression function: (identifier) @f arguments: (argument_list . (identifier) @name . (string_literal) @val) (#any-of? @f "strcpy" "strncpy" "strlcpy")) @hit
    `,
    where: [
      { check: 'scopeHas', pattern: '\\b(getenv|secure_getenv|fopen|fgets|getline)\\s*\\(' },
      { check: 'scopeHas', pattern: '(passw|secret|api_?key|token|credential|bearer)' },
      { check: 'text', capture: 'val', pattern: '^[^\\s%/]{4,}$' },
    ],
    examples: {
      vulnerable: [
        'int is_admin(const char *password) {\n  const char *expected = getenv("ADMIN_PASSWORD");\n  if (expected == NULL) expected = "admin123";\n  return strcmp(password, expected) == 0;\n}\n',
      ],
      safe: [
        'int is_admin(const char *password) {\n  const char *expected = getenv("ADMIN_PASSWORD");\n  if (expected == NULL || expected[0] == 0) return 0;\n  return strcmp(password, expected) == 0;\n}\n',
      ],
    },
  },
  {
    id: 'c-off-by-one-guard',
    languages: C_CPP,
    cwes: ['CWE-193', 'CWE-787'],
    severity: 'high',
    message:
      'the bound check lets the index equal the array size (> or <= instead of >= or <), so the write lands one past the end',
    query: `(subscript_expression argument: (_)) @hit`,
    where: [{ check: 'custom', name: 'offByOneGuard' }],
    examples: {
      vulnerable: [
        '#define MAX 8\nstruct table { size_t count; int entries[MAX]; };\nint add(struct table *t, int v) {\n  if (t->count > MAX) return -1;\n  t->entries[t->count++] = v;\n  return 0;\n}\n',
      ],
      safe: [
        '#define MAX 8\nstruct table { size_t count; int entries[MAX]; };\nint add(struct table *t, int v) {\n  if (t->count >= MAX) return -1;\n  t->entries[t->count++] = v;\n  return 0;\n}\n',
      ],
    },
  },
  {
    id: 'c-strncpy-unterminated',
    languages: C_CPP,
    cwes: ['CWE-170', 'CWE-125'],
    severity: 'medium',
    message:
      'strncpy with the full buffer size leaves it unterminated when the source is that long; terminate it (d[sizeof d - 1] = 0) or use snprintf',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @dst . (_) . (_) @len .) (#match? @f "^(std::)?strncpy$")) @hit`,
    where: [{ check: 'custom', name: 'strncpyUnterminated' }],
    examples: {
      vulnerable: [
        'struct conn { char name[16]; };\nsize_t set_name(struct conn *c, const char *name) {\n  strncpy(c->name, name, sizeof c->name);\n  return strlen(c->name);\n}\n',
      ],
      safe: [
        "struct conn { char name[16]; };\nsize_t set_name(struct conn *c, const char *name) {\n  strncpy(c->name, name, sizeof c->name);\n  c->name[sizeof c->name - 1] = '\\0';\n  return strlen(c->name);\n}\n",
      ],
    },
  },
  {
    id: 'c-off-by-one-loop',
    languages: C_CPP,
    cwes: ['CWE-787', 'CWE-193'],
    severity: 'high',
    message: 'the loop runs to index == size (<=) over an array of that size, one past its end; use <',
    query: `(for_statement condition: (binary_expression left: (identifier) @i operator: "<=" right: (_) @bound) body: (_) @body) @hit`,
    where: [{ check: 'custom', name: 'offByOneLoop' }],
    examples: {
      vulnerable: [
        'void fill(void) {\n  int a[10];\n  for (int i = 0; i <= 10; i++)\n    a[i] = i;\n}\n',
        '#define N 8\nvoid fill(void) {\n  char buf[N];\n  int i;\n  for (i = 0; i <= N; i++) {\n    buf[i] = 0;\n  }\n}\n',
      ],
      safe: [
        'void fill(void) {\n  int a[10];\n  for (int i = 0; i < 10; i++)\n    a[i] = i;\n}\n',
        'void fill(void) {\n  int a[11];\n  for (int i = 0; i <= 10; i++)\n    a[i] = i;\n}\n',
      ],
    },
  },
  {
    id: 'c-unchecked-index-write',
    languages: C_CPP,
    cwes: ['CWE-787', 'CWE-129'],
    severity: 'high',
    message:
      'an array is written at an index taken from a parameter without a bounds check; check 0 <= index < size first',
    query: `(subscript_expression argument: (_)) @hit`,
    where: [{ check: 'custom', name: 'paramIndexWrite' }],
    examples: {
      vulnerable: [
        'static int table[16];\nvoid set(int idx, int v) {\n  table[idx] = v;\n}\n',
        'int set(long *values, int count, int index, long value) {\n  if (index >= count) return -1;\n  values[index] = value;\n  return 0;\n}\n',
      ],
      safe: [
        'static int table[16];\nvoid set(int idx, int v) {\n  if (idx < 0 || idx >= 16) return;\n  table[idx] = v;\n}\n',
      ],
    },
  },
  {
    id: 'c-unchecked-index-read',
    languages: C_CPP,
    cwes: ['CWE-125', 'CWE-129'],
    severity: 'high',
    message:
      'an array is read at an index taken from a parameter without a bounds check; check 0 <= index < size first',
    query: `(subscript_expression argument: (_)) @hit`,
    where: [{ check: 'custom', name: 'paramIndexRead' }],
    examples: {
      vulnerable: [
        'static const char *names[4] = {"a", "b", "c", "d"};\nconst char *name(int i) {\n  return names[i];\n}\n',
      ],
      safe: [
        'static const char *names[4] = {"a", "b", "c", "d"};\nconst char *name(int i) {\n  if (i < 0 || i >= 4) return 0;\n  return names[i];\n}\n',
      ],
    },
  },
  {
    id: 'c-command-injection',
    languages: C_CPP,
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a shell command line built from data runs through system/popen; run the program with execv and an argument array',
    query: `
      (call_expression function: (_) @f arguments: (argument_list . (_) @cmd) (#match? @f "^(std::)?(system|popen|_popen|_wsystem)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (_) . (string_literal) @c . (_) @cmd)
        (#match? @f "^(execl|execlp|execle)$") (#match? @c "^\\"-c\\"$")) @hit
    `,
    where: [{ check: 'taint', capture: 'cmd', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        'void ping(const char *host) {\n  char cmd[256];\n  snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);\n  system(cmd);\n}\n',
        'void run(const char *cmd) {\n  system(cmd);\n}\n',
      ],
      safe: [
        'void ping(const char *host) {\n  execlp("ping", "ping", "-c", "1", host, (char *)0);\n}\n',
        'void clear(void) {\n  system("clear");\n}\n',
      ],
    },
  },
  {
    id: 'cpp-command-injection-string',
    languages: ['cpp'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a shell command built with std::string concatenation runs through system/popen; run the program with execv and an argument array',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @cmd) (#match? @f "^(std::)?(system|popen)$")) @hit`,
    where: [
      { check: 'taint', capture: 'cmd', is: ['built'] },
      { check: 'text', capture: 'cmd', pattern: 'c_str|data' },
    ],
    examples: {
      vulnerable: [
        '#include <string>\nvoid ls(const std::string &dir) {\n  std::string cmd = "ls -l " + dir;\n  std::system(cmd.c_str());\n}\n',
      ],
      safe: [
        '#include <string>\nvoid ls() {\n  std::string cmd = "ls -l";\n  std::system(cmd.c_str());\n}\n',
      ],
    },
  },
  {
    id: 'c-path-traversal',
    languages: C_CPP,
    cwes: ['CWE-22'],
    severity: 'high',
    message:
      'a file path built from data is opened without rejecting ".." or checking the resolved path (realpath + prefix compare)',
    query: `(call_expression function: (_) @f arguments: (argument_list . (_) @p)
      (#match? @f "^(std::)?(fopen|open|openat|unlink|remove|stat|lstat|opendir|creat|freopen|truncate|rmdir)$")) @hit`,
    where: [
      { check: 'taint', capture: 'p', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern: '(realpath|canonical|strstr\\([^)]*"\\.\\."|"\\.\\."|\'\\.\'|basename|strchr\\([^)]*\'/\')',
      },
    ],
    examples: {
      vulnerable: [
        'FILE *open_user(const char *name) {\n  char path[256];\n  snprintf(path, sizeof path, "/srv/files/%s", name);\n  return fopen(path, "r");\n}\n',
        'FILE *open_user(const char *name) {\n  char path[256] = "/srv/files/";\n  strncat(path, name, sizeof path - strlen(path) - 1);\n  return fopen(path, "r");\n}\n',
      ],
      safe: [
        'FILE *open_user(const char *name) {\n  char path[256];\n  if (strstr(name, "..") || strchr(name, \'/\')) return NULL;\n  snprintf(path, sizeof path, "/srv/files/%s", name);\n  return fopen(path, "r");\n}\n',
        'FILE *conf(void) {\n  return fopen("/etc/app.conf", "r");\n}\n',
      ],
    },
  },
  {
    id: 'c-insecure-random',
    languages: C_CPP,
    cwes: ['CWE-338', 'CWE-330'],
    severity: 'medium',
    message:
      'rand()/random() are predictable; use getrandom(), /dev/urandom or arc4random for tokens, keys and salts',
    query: `(call_expression function: (_) @f arguments: (argument_list) (#match? @f "^(std::)?(rand|random|drand48|lrand48|mrand48|rand_r)$")) @hit`,
    where: [{ check: 'context', pattern: TOKEN_CONTEXT }],
    examples: {
      vulnerable: [
        'void make_token(char *out, int n) {\n  for (int i = 0; i < n; i++)\n    out[i] = "abcdef0123456789"[rand() % 16];\n}\n',
        'unsigned session_id(void) {\n  return (unsigned)rand();\n}\n',
      ],
      safe: [
        'void make_token(unsigned char *out, size_t n) {\n  getrandom(out, n, 0);\n}\n',
        'int roll(void) {\n  return 1 + rand() % 6;\n}\n',
      ],
    },
  },
  {
    id: 'c-hardcoded-credential',
    languages: C_CPP,
    cwes: ['CWE-798', 'CWE-259'],
    severity: 'high',
    message:
      'a credential is written in the source (compared against or stored as a literal); load it from configuration or compare hashes',
    query: `
      (call_expression function: (_) @f arguments: (argument_list . (_) @name . (string_literal) @val)
        (#match? @f "^(std::)?(strcmp|strncmp|strcasecmp|memcmp|wcscmp)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (string_literal) @val . (_) @name)
        (#match? @f "^(std::)?(strcmp|strncmp|strcasecmp|memcmp|wcscmp)$")) @hit
      (init_declarator declarator: (_) @name value: (string_literal) @val) @hit
      (binary_expression left: (_) @name operator: "==" right: (string_literal) @val) @hit
    `,
    where: [
      {
        check: 'text',
        capture: 'name',
        pattern: '(passw(or)?d|passwd|pwd|secret|token|api_?key|apikey|passphrase|\\bpin\\b)',
      },
      { check: 'text', capture: 'val', pattern: '^[^\\s%]{3,}$' },
    ],
    examples: {
      vulnerable: [
        'int check(const char *password) {\n  return strcmp(password, "S3cret!") == 0;\n}\n',
        'static const char *api_key = "AKIA1234567890";\n',
      ],
      safe: [
        'int check(const char *password, const char *stored) {\n  return strcmp(password, stored) == 0;\n}\n',
        'static const char *prompt = "Password: ";\n',
      ],
    },
  },
  {
    id: 'c-log-injection',
    languages: C_CPP,
    cwes: ['CWE-117'],
    severity: 'medium',
    message:
      'data is written into a log line unsanitised; replace CR/LF (and control characters) before logging',
    query: `
      (call_expression function: (_) @f arguments: (argument_list . (_) @sink . (string_literal) @fmt) (#match? @f "^(std::)?(fprintf|syslog|dprintf)$")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (string_literal) @fmt) (#match? @f "^(log_\\\\w+|LOG\\\\w*|logmsg|log_printf)$")) @hit
    `,
    where: [
      { check: 'text', capture: 'fmt', pattern: '%s' },
      { check: 'context', pattern: '(log|audit|syslog|LOG_)' },
      { check: 'scopeLacks', pattern: "(isprint|iscntrl|'\\\\n'|'\\\\r'|sanitiz|escape|strcspn)" },
    ],
    examples: {
      vulnerable: [
        'void log_login(FILE *logf, const char *user) {\n  fprintf(logf, "login attempt: %s\\n", user);\n}\n',
      ],
      safe: [
        "void log_login(FILE *logf, const char *user) {\n  char clean[64];\n  size_t i;\n  for (i = 0; user[i] && i < sizeof clean - 1; i++)\n    clean[i] = (user[i] == '\\n' || user[i] == '\\r') ? '_' : user[i];\n  clean[i] = 0;\n  fprintf(logf, \"login attempt: %s\\n\", clean);\n}\n",
      ],
    },
  },
  {
    id: 'c-weak-crypto',
    languages: C_CPP,
    cwes: ['CWE-327', 'CWE-328'],
    severity: 'medium',
    message: 'MD5/SHA-1/DES/RC4 are broken for security uses; use SHA-256+ (EVP_sha256) and AES-GCM',
    query: `(call_expression function: (identifier) @f
      (#match? @f "^(MD5|MD5_Init|MD4|SHA1|SHA1_Init|EVP_md5|EVP_md4|EVP_sha1|DES_\\\\w+|EVP_des_\\\\w+|EVP_rc4\\\\w*|RC4|RC4_set_key|EVP_bf_\\\\w+|EVP_aes_\\\\d+_ecb)$")) @hit`,
    examples: {
      vulnerable: ['void h(const unsigned char *d, size_t n, unsigned char *out) {\n  MD5(d, n, out);\n}\n'],
      safe: ['void h(const unsigned char *d, size_t n, unsigned char *out) {\n  SHA256(d, n, out);\n}\n'],
    },
  },
  {
    id: 'c-toctou-access',
    languages: C_CPP,
    cwes: ['CWE-367'],
    severity: 'medium',
    message:
      'access() then open() on the same path races with the file changing in between; open first and check the descriptor',
    query: `(call_expression function: (identifier) @f (#eq? @f "access")) @hit`,
    where: [{ check: 'scopeHas', pattern: '\\b(fopen|open|unlink|rename|chmod|chown)\\s*\\(' }],
    examples: {
      vulnerable: [
        'int wr(const char *p) {\n  if (access(p, W_OK) != 0) return -1;\n  FILE *f = fopen(p, "w");\n  return f != NULL;\n}\n',
      ],
      safe: ['int wr(const char *p) {\n  FILE *f = fopen(p, "w");\n  return f != NULL;\n}\n'],
    },
  },
  {
    id: 'c-insecure-tempfile',
    languages: C_CPP,
    cwes: ['CWE-377'],
    severity: 'medium',
    message: 'tmpnam/tempnam/mktemp return a name another process can create first; use mkstemp',
    query: `(call_expression function: (_) @f (#match? @f "^(std::)?(tmpnam|tempnam|mktemp|_mktemp|tmpnam_r)$")) @hit`,
    examples: {
      vulnerable: [
        'FILE *tmp(void) {\n  char name[L_tmpnam];\n  tmpnam(name);\n  return fopen(name, "w");\n}\n',
      ],
      safe: ['int tmp(void) {\n  char name[] = "/tmp/xXXXXXX";\n  return mkstemp(name);\n}\n'],
    },
  },
];
