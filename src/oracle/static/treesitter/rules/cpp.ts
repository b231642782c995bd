import type { Rule } from '../rule.js';

/** C++-only rules (node types the C grammar lacks: delete, range-for, qualified names, templates). */
export const CPP_RULES: readonly Rule[] = [
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
