import type { Rule } from '../rule.js';

/** C++-only rules (node types the C grammar lacks: delete, range-for, qualified names, templates). */
export const CPP_RULES: readonly Rule[] = [
  {
    id: 'cpp-dangling-field-after-delete',
    languages: ['cpp'],
    cwes: ['CWE-415', 'CWE-416'],
    severity: 'high',
    message:
      "a parameter's field is deleted and the function can return before it is reassigned, leaving it dangling; delete it only once the replacement is ready",
    query: `(delete_expression (field_expression) @target) @hit`,
    where: [{ check: 'custom', name: 'danglingFieldFree' }],
    examples: {
      vulnerable: [
        'struct Rec { char *title = nullptr; };\nbool setTitle(Rec &r, const std::string &v) {\n  delete[] r.title;\n  if (v.size() > 80) return false;\n  char *c = new char[v.size() + 1];\n  std::memcpy(c, v.c_str(), v.size() + 1);\n  r.title = c;\n  return true;\n}\n',
      ],
      safe: [
        'struct Rec { char *title = nullptr; };\nbool setTitle(Rec &r, const std::string &v) {\n  if (v.size() > 80) return false;\n  char *c = new char[v.size() + 1];\n  std::memcpy(c, v.c_str(), v.size() + 1);\n  delete[] r.title;\n  r.title = c;\n  return true;\n}\n',
      ],
    },
  },
  {
    id: 'cpp-path-traversal',
    languages: ['cpp'],
    cwes: ['CWE-22'],
    severity: 'high',
    message:
      'a file path joined from data is opened without canonicalising it and checking it stays under the base directory (weakly_canonical + lexically_relative, or filename())',
    query: `
      (declaration type: (_) @t declarator: (init_declarator value: (argument_list . (_) @p)) (#match? @t "fstream")) @hit
      (declaration type: (_) @t declarator: (function_declarator parameters: (parameter_list . (parameter_declaration type: (type_identifier) @p))) (#match? @t "fstream")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (_) @p) (#match? @f "(fopen|open|remove|remove_all|copy_file|rename|ifstream|ofstream)$")) @hit
    `,
    where: [
      { check: 'taint', capture: 'p', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern: '(canonical|lexically_relative|relative\\(|\\.filename\\(\\)|"\\.\\."|realpath)',
      },
    ],
    examples: {
      vulnerable: [
        'namespace fs = std::filesystem;\nbool save(const std::string &dir, const std::string &name, const std::string &data) {\n  std::ofstream out(fs::path(dir) / name, std::ios::binary);\n  out << data;\n  return static_cast<bool>(out);\n}\n',
        'namespace fs = std::filesystem;\nstd::string load(const std::string &dir, const std::string &name) {\n  fs::path full = fs::path(dir) / name;\n  std::ifstream in(full, std::ios::binary);\n  std::ostringstream out;\n  out << in.rdbuf();\n  return out.str();\n}\n',
      ],
      safe: [
        'namespace fs = std::filesystem;\nbool save(const std::string &dir, const std::string &name, const std::string &data) {\n  fs::path leaf = fs::path(name).filename();\n  if (leaf.empty() || leaf == "..") return false;\n  std::ofstream out(fs::path(dir) / leaf, std::ios::binary);\n  out << data;\n  return static_cast<bool>(out);\n}\n',
      ],
    },
  },
  {
    id: 'cpp-log-injection',
    languages: ['cpp'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message:
      'data is streamed into a log unsanitised; replace CR/LF and control characters so it cannot forge entries',
    query: `(expression_statement (binary_expression operator: "<<") @hit)`,
    where: [
      {
        check: 'text',
        capture: 'hit',
        pattern: '^(log|logger|audit|logfile|log_|std::clog|std::cerr)\\w*\\s*<<',
      },
      { check: 'context', pattern: '(log|audit)' },
      { check: 'scopeLacks', pattern: "('\\\\n'|'\\\\r'|isprint|iscntrl|sanitiz|escape|0x20|0x7f)" },
    ],
    examples: {
      vulnerable: [
        'void logFailed(std::ostream &log, const std::string &user) {\n  log << "failed login: " << user << "\\n";\n}\n',
      ],
      safe: [
        "void logFailed(std::ostream &log, const std::string &user) {\n  std::string safe;\n  for (char c : user) safe += (c == '\\n' || c == '\\r') ? '_' : c;\n  log << \"failed login: \" << safe << \"\\n\";\n}\n",
      ],
    },
  },
  {
    id: 'cpp-insecure-random',
    languages: ['cpp'],
    cwes: ['CWE-338', 'CWE-330'],
    severity: 'medium',
    message:
      'std::mt19937 and the other <random> engines are predictable; use getrandom() or std::random_device-backed OS randomness for tokens and keys',
    query: `(declaration type: (_) @t) @hit`,
    where: [
      { check: 'text', capture: 't', pattern: '(mt19937|default_random_engine|minstd_rand|ranlux|knuth_b)' },
      {
        check: 'context',
        pattern: '(token|secret|passw|nonce|salt|otp|session|csrf|api_?key|key\\b|Key\\b)',
      },
    ],
    examples: {
      vulnerable: [
        '#include <random>\nstd::string makeSessionToken() {\n  static std::mt19937 gen;\n  std::uniform_int_distribution<int> d(0, 15);\n  std::string t;\n  for (int i = 0; i < 32; i++) t += "0123456789abcdef"[d(gen)];\n  return t;\n}\n',
      ],
      safe: [
        '#include <random>\nint rollDice() {\n  static std::mt19937 gen;\n  std::uniform_int_distribution<int> d(1, 6);\n  return d(gen);\n}\n',
      ],
    },
  },
  {
    id: 'cpp-stale-pointer-after-delete',
    languages: ['cpp'],
    cwes: ['CWE-416', 'CWE-825'],
    severity: 'high',
    message:
      'a pointer into a buffer is taken before the buffer is deleted (and replaced) and used after; recompute it afterwards',
    query: `(delete_expression (_) @target) @hit`,
    where: [{ check: 'custom', name: 'staleAfterRealloc' }],
    examples: {
      vulnerable: [
        'struct B { char *d = nullptr; std::size_t len = 0, cap = 0; };\nchar *app(B &b, const char *s, std::size_t n) {\n  char *dst = b.d + b.len;\n  if (b.len + n + 1 > b.cap) {\n    char *big = new char[b.cap * 2 + n + 1];\n    std::memcpy(big, b.d, b.len + 1);\n    delete[] b.d;\n    b.d = big;\n  }\n  std::memcpy(dst, s, n);\n  return dst;\n}\n',
      ],
      safe: [
        'struct B { char *d = nullptr; std::size_t len = 0, cap = 0; };\nchar *app(B &b, const char *s, std::size_t n) {\n  if (b.len + n + 1 > b.cap) {\n    char *big = new char[b.cap * 2 + n + 1];\n    std::memcpy(big, b.d, b.len + 1);\n    delete[] b.d;\n    b.d = big;\n  }\n  char *dst = b.d + b.len;\n  std::memcpy(dst, s, n);\n  return dst;\n}\n',
      ],
    },
  },
  {
    id: 'cpp-range-for-invalidation',
    languages: ['cpp'],
    cwes: ['CWE-416', 'CWE-825'],
    severity: 'high',
    message:
      'a range-for walks a container while its body appends to it, which invalidates the loop iterators; loop over indexes up to the original size',
    query: `(for_range_loop right: (identifier) @base body: (_) @body) @hit`,
    where: [{ check: 'custom', name: 'growWhileIterating' }],
    examples: {
      vulnerable: [
        'std::size_t dup(std::vector<std::string> &names) {\n  for (const std::string &n : names)\n    names.push_back(n + "!");\n  return names.size();\n}\n',
      ],
      safe: [
        'std::size_t dup(std::vector<std::string> &names) {\n  const std::size_t count = names.size();\n  for (std::size_t i = 0; i < count; ++i)\n    names.push_back(names[i] + "!");\n  return names.size();\n}\n',
      ],
    },
  },
  {
    id: 'cpp-sized-input-string-view',
    languages: ['cpp'],
    cwes: ['CWE-126', 'CWE-125'],
    severity: 'medium',
    message:
      'a std::string/string_view is built from a pointer that comes with a length, reading up to a NUL that need not be there; pass the length too',
    query: `
      (declaration type: (_) @t declarator: (function_declarator parameters: (parameter_list . (parameter_declaration type: (type_identifier) @buf) .)) (#match? @t "string")) @hit
      (declaration type: (_) @t declarator: (init_declarator value: (argument_list . (identifier) @buf .)) (#match? @t "string")) @hit
      (declaration type: (_) @t declarator: (init_declarator value: (initializer_list . (identifier) @buf .)) (#match? @t "string")) @hit
      (call_expression function: (qualified_identifier) @f arguments: (argument_list . (identifier) @buf .) (#match? @f "^std::(string|string_view)$")) @hit
    `,
    where: [{ check: 'custom', name: 'sizedInputString' }],
    examples: {
      vulnerable: [
        "std::string first(const char *rec, std::size_t len) {\n  const std::string_view v(rec);\n  return std::string(v.substr(0, v.find(',')));\n}\n",
      ],
      safe: [
        "std::string first(const char *rec, std::size_t len) {\n  const std::string_view v(rec, len);\n  return std::string(v.substr(0, v.find(',')));\n}\n",
      ],
    },
  },
  {
    id: 'cpp-sized-input-copy',
    languages: ['cpp'],
    cwes: ['CWE-125', 'CWE-126'],
    severity: 'high',
    message:
      'bytes are copied out of a container with a length never compared with the container size (a length field from the data itself); check it first',
    query: `(call_expression function: (field_expression field: (field_identifier) @m) arguments: (argument_list . (_) @src . (_) @len .) (#any-of? @m "assign" "append" "insert")) @hit`,
    where: [{ check: 'custom', name: 'sizedInputCopy' }],
    examples: {
      vulnerable: [
        'bool parse(const std::vector<std::uint8_t> &data, std::size_t &pos, std::string &out) {\n  if (pos > data.size() || data.size() - pos < 2) return false;\n  std::size_t n = (data[pos] << 8) | data[pos + 1];\n  out.assign(reinterpret_cast<const char *>(data.data() + pos + 2), n);\n  return true;\n}\n',
      ],
      safe: [
        'bool parse(const std::vector<std::uint8_t> &data, std::size_t &pos, std::string &out) {\n  if (pos > data.size() || data.size() - pos < 2) return false;\n  std::size_t n = (data[pos] << 8) | data[pos + 1];\n  if (n > data.size() - pos - 2) return false;\n  out.assign(reinterpret_cast<const char *>(data.data() + pos + 2), n);\n  return true;\n}\n',
      ],
    },
  },
  {
    id: 'cpp-container-size-overflow',
    languages: ['cpp'],
    cwes: ['CWE-190', 'CWE-680'],
    severity: 'high',
    message:
      'a container or array is sized by a product that can overflow (and wrap to a small size); check the factors first or widen before multiplying',
    query: `
      (declaration type: (_) @t declarator: (init_declarator value: (argument_list . (binary_expression operator: "*") @size)) (#match? @t "vector|string|valarray")) @hit
      (call_expression function: (_) @f arguments: (argument_list . (binary_expression operator: "*") @size) (#match? @f "(make_unique|make_shared|\\\\.resize|\\\\.reserve|\\\\.assign)$")) @hit
    `,
    where: [{ check: 'custom', name: 'allocOverflow' }],
    examples: {
      vulnerable: [
        'bool img(std::uint32_t w, std::uint32_t h) {\n  if (w * h > 4096) return false;\n  std::vector<std::uint8_t> px(w * h * 4);\n  return !px.empty();\n}\n',
      ],
      safe: [
        'bool img(std::uint32_t w, std::uint32_t h) {\n  if (static_cast<std::uint64_t>(w) * h > 4096) return false;\n  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);\n  return !px.empty();\n}\n',
      ],
    },
  },
];
