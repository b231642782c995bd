import type { Language } from '../../../core/records.js';
import type { Node } from './parser.js';

/**
 * Intra-procedural "how was this value built" analysis over a tree-sitter tree.
 *
 * - `static`: only literals (or names bound to literals, or sanitiser calls such as `int(x)`).
 * - `built`: a string assembled from at least one non-static part by concatenation, `%`,
 *   f-strings, `.format`, template literals, `fmt.Sprintf`, `sprintf`/`strcat` into a buffer, …
 * - `opaque`: anything we cannot see into (a parameter, a call result, a field).
 *
 * Names are resolved through the assignments of the enclosing function that end before the use
 * (may-analysis: one `built` definition makes the name `built`). This is what lets a rule flag
 * `q = "… %s" % x` … `cur.execute(q)` while leaving `cur.execute("… %s", (x,))` alone.
 */
export type Taint = 'static' | 'built' | 'opaque';

interface Def {
  readonly name: string;
  /** end offset of the defining construct: a def reaches uses that start after it */
  readonly end: number;
  readonly augmented: boolean;
  /** the assigned value, or the parts a buffer was built from (sprintf/strcat) */
  readonly values: readonly Node[];
  /** the definition builds a string by construction (sprintf into a buffer, `+=` on a string) */
  readonly stringy: boolean;
}

/** What one language looks like to the analysis: a row of the FLOW table. */
interface FlowSyntax {
  readonly scopes: ReadonlySet<string>;
  readonly identifiers: ReadonlySet<string>;
  /** nodes whose text is a constant */
  literal(n: Node): boolean;
  /** a string literal (for deciding that a `+` is a string concatenation) */
  stringLiteral(n: Node): boolean;
  /** a call that yields a safe value whatever its input (int(), strconv.Itoa, escape…) */
  sanitizer(n: Node): boolean;
  /** a transparent wrapper (parentheses, str()/String()): the node to look through */
  unwrap(n: Node): Node | undefined;
  /** a string construction: its variable parts, and whether it is a string by construction */
  composite(n: Node): { readonly parts: readonly Node[]; readonly stringy: boolean } | undefined;
  /** definitions made by this node (assignment, declaration, sprintf into a buffer) */
  defs(n: Node): readonly Def[];
}

const named = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);
const field = (n: Node, f: string): Node | undefined => n.childForFieldName(f) ?? undefined;
const fieldAll = (n: Node, f: string): Node[] =>
  n.childrenForFieldName(f).filter((c): c is Node => c !== null);

/** The callee's dotted name: `cursor.execute`, `fmt.Sprintf`, `os.path.join`, `printf`. */
export function calleeName(call: Node): string {
  const f = field(call, 'function');
  return f === undefined ? '' : f.text.replace(/\s+/g, '');
}

function callArgs(call: Node): Node[] {
  const a = field(call, 'arguments');
  return a === undefined ? [] : named(a).filter((c) => c.type !== 'comment');
}

function lastSegment(name: string): string {
  const i = Math.max(name.lastIndexOf('.'), name.lastIndexOf('->'), name.lastIndexOf('::'));
  return i < 0 ? name : name.slice(i + (name[i] === '.' ? 1 : 2));
}

const PY_SANITIZERS =
  /^(int|float|bool|len|abs|round|hash|ord|id|shlex\.quote|pipes\.quote|quote|html\.escape|escape|markupsafe\.escape|re\.escape|secure_filename|werkzeug\.utils\.secure_filename|os\.path\.basename|uuid\.uuid4|urllib\.parse\.quote|urllib\.parse\.quote_plus|quote_plus|bleach\.clean|json\.dumps|repr|os\.getcwd|str\(uuid\.uuid4)$|^(os\.listdir|os\.walk|os\.scandir|glob\.i?glob|\S+\.(iterdir|glob|rglob))$/;
const JS_SANITIZERS =
  /^(parseInt|parseFloat|Number|Boolean|encodeURIComponent|encodeURI|escape|escapeHtml|escapeHTML|sanitize|sanitizeHtml|DOMPurify\.sanitize|validator\.escape|he\.encode|mysql\.escape|connection\.escape|pool\.escape|db\.escape|SqlString\.escape|sqlstring\.escape|pg\.escapeLiteral|client\.escapeLiteral|escapeLiteral|escapeIdentifier|JSON\.stringify|path\.basename|Math\.floor|Math\.round|String\(Number)$/;
const GO_SANITIZERS =
  /^(strconv\.(Itoa|FormatInt|FormatUint|FormatFloat|FormatBool|Quote)|html\.EscapeString|template\.HTMLEscapeString|template\.JSEscapeString|url\.QueryEscape|url\.PathEscape|filepath\.Base|path\.Base|len|pq\.QuoteIdentifier|pq\.QuoteLiteral)$/;
const C_SANITIZERS = /^(atoi|atol|strtol|strtoul|sizeof|strlen|abs)$/;

/** `CFG("table_name")`, `settings.get("schema")`: a configuration lookup with constant keys. */
function configLookup(n: Node): boolean {
  if (n.type !== 'call' && n.type !== 'call_expression') return false;
  if (
    !/(^|[._])(cfg|conf|config|configuration|setting|settings|option|options)([._]\w+)?$/i.test(calleeName(n))
  )
    return false;
  const args = callArgs(n);
  return (
    args.length > 0 && args.every((a) => /^(string|interpreted_string_literal|integer|number)$/.test(a.type))
  );
}

/** Helpers named like escapers are trusted to escape, in every language. */
const GENERIC_SANITIZER =
  /^(esc|escape\w*|\w+_?[Ee]scape\w*|sanitiz\w*|\w+_?[Ss]anitiz\w*|quote|shell_?quote|clean_?\w*|secure_?filename)$/i;

function sanitizerBy(re: RegExp): (n: Node) => boolean {
  return (n) => {
    if (n.type !== 'call' && n.type !== 'call_expression') return false;
    const name = calleeName(n);
    const last = lastSegment(name);
    return re.test(name) || re.test(last) || GENERIC_SANITIZER.test(last);
  };
}

const PY: FlowSyntax = {
  scopes: new Set(['function_definition', 'lambda', 'module']),
  identifiers: new Set(['identifier']),
  literal: (n) =>
    (n.type === 'string' && !named(n).some((c) => c.type === 'interpolation')) ||
    (n.type === 'concatenated_string' &&
      named(n).every((c) => !named(c).some((d) => d.type === 'interpolation'))) ||
    ['integer', 'float', 'true', 'false', 'none'].includes(n.type) ||
    // schema names held by the object (self.table, self.schema): configuration, not request data
    (n.type === 'attribute' &&
      /^(self|cls)\.\w*(table|schema|column|database|db_name|prefix|namespace|index)\w*$/i.test(n.text)),
  stringLiteral: (n) => n.type === 'string' || n.type === 'concatenated_string',
  sanitizer: (n) => sanitizerBy(PY_SANITIZERS)(n) || configLookup(n),
  unwrap: (n) => {
    if (n.type === 'parenthesized_expression') return named(n)[0];
    if (
      n.type === 'call' &&
      /^(str|bytes|format|text|sqlalchemy\.text|Path|pathlib\.Path|os\.path\.dirname|os\.path\.abspath|os\.fspath)$/.test(
        calleeName(n),
      ) &&
      callArgs(n).length === 1
    )
      return callArgs(n)[0];
    return undefined;
  },
  composite: (n) => {
    if (n.type === 'string' || n.type === 'concatenated_string') {
      const parts = n
        .descendantsOfType('interpolation')
        .flatMap((i) => (i === null ? [] : named(i).slice(0, 1)));
      return parts.length > 0 ? { parts, stringy: true } : undefined;
    }
    if (n.type === 'binary_operator') {
      const op = field(n, 'operator')?.type;
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined) return undefined;
      if (op === '+') return { parts: [l, r], stringy: PY.stringLiteral(l) || PY.stringLiteral(r) };
      if (op === '%' && PY.stringLiteral(l)) return { parts: [l, r], stringy: true };
      if (op === '/' && (PY.stringLiteral(r) || /Path|path|dir|base|root/i.test(l.text)))
        return { parts: [l, r], stringy: true };
      return undefined;
    }
    if (n.type === 'call') {
      if (
        /^(os\.path\.join|posixpath\.join|path\.join|join|pathlib\.Path|Path|safe_join)$/.test(
          calleeName(n),
        ) &&
        calleeName(n) !== 'safe_join'
      )
        return { parts: callArgs(n), stringy: true };
      const f = field(n, 'function');
      if (f?.type === 'attribute') {
        const attr = field(f, 'attribute')?.text;
        const obj = field(f, 'object');
        if (obj !== undefined && (attr === 'format' || attr === 'join' || attr === 'replace'))
          return {
            parts: [
              obj,
              ...callArgs(n).map((a) => (a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a)),
            ],
            stringy: attr !== 'replace' || PY.stringLiteral(obj),
          };
      }
    }
    return undefined;
  },
  defs: (n) => {
    if (n.type === 'for_statement') {
      // `for name in os.listdir(d)`: the loop variable takes its values from the iterable
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined) return [];
      const names =
        l.type === 'identifier'
          ? [l]
          : l.descendantsOfType('identifier').filter((x): x is Node => x !== null);
      return names.map((nm) => ({
        name: nm.text,
        end: r.endIndex,
        augmented: false,
        values: [r],
        stringy: false,
      }));
    }
    if (n.type !== 'assignment' && n.type !== 'augmented_assignment') return [];
    const l = field(n, 'left');
    const r = field(n, 'right');
    if (l?.type !== 'identifier' || r === undefined) return [];
    const aug = n.type === 'augmented_assignment';
    return [{ name: l.text, end: n.endIndex, augmented: aug, values: [r], stringy: false }];
  },
};

const JS: FlowSyntax = {
  scopes: new Set([
    'function_declaration',
    'function_expression',
    'arrow_function',
    'method_definition',
    'generator_function_declaration',
    'program',
  ]),
  identifiers: new Set(['identifier']),
  literal: (n) =>
    n.type === 'string' ||
    (n.type === 'template_string' && !named(n).some((c) => c.type === 'template_substitution')) ||
    ['number', 'true', 'false', 'null', 'undefined', 'regex'].includes(n.type),
  stringLiteral: (n) => n.type === 'string' || n.type === 'template_string',
  // jQuery's escape idiom $('<div/>').text(x).html() counts as a sanitiser
  sanitizer: (n) =>
    sanitizerBy(JS_SANITIZERS)(n) ||
    (n.type === 'call_expression' && /\.text\([^)]*\)\s*\.html$/.test(calleeName(n))),
  unwrap: (n) => {
    if (n.type === 'parenthesized_expression') return named(n)[0];
    if (n.type === 'call_expression' && calleeName(n) === 'String' && callArgs(n).length === 1)
      return callArgs(n)[0];
    if (n.type === 'await_expression') return named(n)[0];
    return undefined;
  },
  composite: (n) => {
    if (n.type === 'template_string') {
      const parts = named(n)
        .filter((c) => c.type === 'template_substitution')
        .flatMap((c) => named(c).slice(0, 1));
      return parts.length > 0 ? { parts, stringy: true } : undefined;
    }
    if (n.type === 'binary_expression' && field(n, 'operator')?.type === '+') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined) return undefined;
      return { parts: [l, r], stringy: JS.stringLiteral(l) || JS.stringLiteral(r) };
    }
    if (n.type === 'call_expression') {
      if (/^((util\.)?format|path\.(join|resolve|normalize))$/.test(calleeName(n)))
        return { parts: callArgs(n), stringy: true };
      const f = field(n, 'function');
      if (f?.type === 'member_expression') {
        const prop = field(f, 'property')?.text;
        const obj = field(f, 'object');
        if (
          obj !== undefined &&
          (prop === 'concat' || prop === 'join' || prop === 'replace' || prop === 'format')
        )
          return { parts: [obj, ...callArgs(n)], stringy: JS.stringLiteral(obj) || prop === 'join' };
      }
      if (/^(join|resolve)$/.test(calleeName(n))) return { parts: callArgs(n), stringy: true };
    }
    return undefined;
  },
  defs: (n) => {
    if (n.type === 'variable_declarator') {
      const name = field(n, 'name');
      const v = field(n, 'value');
      if (name?.type !== 'identifier' || v === undefined) return [];
      return [{ name: name.text, end: n.endIndex, augmented: false, values: [v], stringy: false }];
    }
    if (n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l?.type !== 'identifier' || r === undefined) return [];
      return [
        {
          name: l.text,
          end: n.endIndex,
          augmented: n.type !== 'assignment_expression',
          values: [r],
          stringy: false,
        },
      ];
    }
    return [];
  },
};

const GO: FlowSyntax = {
  scopes: new Set(['function_declaration', 'method_declaration', 'func_literal', 'source_file']),
  identifiers: new Set(['identifier']),
  literal: (n) =>
    [
      'interpreted_string_literal',
      'raw_string_literal',
      'int_literal',
      'float_literal',
      'rune_literal',
      'true',
      'false',
      'nil',
    ].includes(n.type),
  stringLiteral: (n) => n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal',
  sanitizer: sanitizerBy(GO_SANITIZERS),
  unwrap: (n) => {
    if (n.type === 'parenthesized_expression') return named(n)[0];
    if (n.type === 'call_expression' && /^(string|\[\]byte)$/.test(calleeName(n)) && callArgs(n).length === 1)
      return callArgs(n)[0];
    if (n.type === 'expression_list' && named(n).length === 1) return named(n)[0];
    return undefined;
  },
  composite: (n) => {
    if (n.type === 'binary_expression' && field(n, 'operator')?.type === '+') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined) return undefined;
      return { parts: [l, r], stringy: GO.stringLiteral(l) || GO.stringLiteral(r) };
    }
    if (n.type === 'call_expression') {
      const name = calleeName(n);
      if (
        /^fmt\.Sprint(f|ln)?$/.test(name) ||
        /^(strings\.(Join|Replace|ReplaceAll|Repeat)|filepath\.Join|path\.Join)$/.test(name)
      )
        return { parts: callArgs(n), stringy: true };
    }
    return undefined;
  },
  defs: (n) => {
    let names: Node[] = [];
    let values: Node[] = [];
    let aug = false;
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      names = l === undefined ? [] : named(l);
      values = r === undefined ? [] : named(r);
      aug = n.type === 'assignment_statement' && field(n, 'operator')?.type === '+=';
    } else if (n.type === 'var_spec' || n.type === 'const_spec') {
      names = fieldAll(n, 'name');
      const v = field(n, 'value');
      values = v === undefined ? [] : named(v);
    } else return [];
    return names.flatMap((nm, i) => {
      const v = values.length === names.length ? values[i] : values[0];
      return nm.type === 'identifier' && v !== undefined
        ? [{ name: nm.text, end: n.endIndex, augmented: aug, values: [v], stringy: false }]
        : [];
    });
  },
};

function cDeclName(d: Node | undefined): string | undefined {
  let cur = d;
  for (let i = 0; i < 8 && cur !== undefined; i++) {
    if (cur.type === 'identifier') return cur.text;
    cur = field(cur, 'declarator');
  }
  return undefined;
}

/** A C string literal: `"…"`, adjacent literals, or a literal with a prefix (L"…", u8"…"). */
const cStringLiteral = (n: Node): boolean =>
  n.type === 'string_literal' || n.type === 'concatenated_string' || n.type === 'raw_string_literal';

const C: FlowSyntax = {
  scopes: new Set(['function_definition', 'lambda_expression', 'translation_unit']),
  // type_identifier: C++'s most vexing parse reads `std::ifstream in(path, mode)` as a declaration
  identifiers: new Set(['identifier', 'type_identifier']),
  literal: (n) =>
    cStringLiteral(n) ||
    ['number_literal', 'char_literal', 'true', 'false', 'null', 'nullptr'].includes(n.type),
  stringLiteral: cStringLiteral,
  sanitizer: sanitizerBy(C_SANITIZERS),
  unwrap: (n) => {
    if (n.type === 'parenthesized_expression' || n.type === 'cast_expression')
      return field(n, 'value') ?? named(n)[named(n).length - 1];
    // std::string → const char*: look through .c_str() / .data()
    const f = n.type === 'call_expression' ? field(n, 'function') : undefined;
    if (f?.type === 'field_expression' && /^(c_str|data)$/.test(field(f, 'field')?.text ?? ''))
      return field(f, 'argument');
    return undefined;
  },
  composite: (n) => {
    if (n.type === 'binary_expression' && field(n, 'operator')?.type === '+') {
      // std::string concatenation in C++ ("ls " + dir); pointer arithmetic on literals is rare
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined) return undefined;
      return { parts: [l, r], stringy: cStringLiteral(l) || cStringLiteral(r) };
    }
    // std::filesystem::path composition: base / name
    if (n.type === 'binary_expression' && field(n, 'operator')?.type === '/') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === undefined || r === undefined || !/path|dir|base|root|folder/i.test(l.text)) return undefined;
      return { parts: [l, r], stringy: true };
    }
    return undefined;
  },
  defs: (n) => {
    if (n.type === 'init_declarator') {
      const name = cDeclName(field(n, 'declarator'));
      const v = field(n, 'value');
      return name === undefined || v === undefined
        ? []
        : [{ name, end: n.endIndex, augmented: false, values: [v], stringy: false }];
    }
    if (n.type === 'assignment_expression') {
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l?.type !== 'identifier' || r === undefined) return [];
      const aug = field(n, 'operator')?.type === '+=';
      return [{ name: l.text, end: n.endIndex, augmented: aug, values: [r], stringy: false }];
    }
    if (n.type === 'call_expression') {
      const name = lastSegment(calleeName(n));
      const args = callArgs(n);
      const dst = args[0]?.type === 'identifier' ? args[0].text : undefined;
      if (dst === undefined) return [];
      const fmtAt: Record<string, number> = { sprintf: 1, vsprintf: 1, snprintf: 2, vsnprintf: 2 };
      const at = fmtAt[name];
      if (at !== undefined)
        return [{ name: dst, end: n.endIndex, augmented: false, values: args.slice(at), stringy: true }];
      if (name === 'strcpy' || name === 'strncpy')
        return args[1] === undefined
          ? []
          : [{ name: dst, end: n.endIndex, augmented: false, values: [args[1]], stringy: false }];
      if (name === 'strcat' || name === 'strncat')
        return args[1] === undefined
          ? []
          : [{ name: dst, end: n.endIndex, augmented: true, values: [args[1]], stringy: true }];
    }
    return [];
  },
};

/** The FLOW table: one row per language (C++ shares C's row; its grammar extends C's). */
export const FLOW: Readonly<Record<Language, FlowSyntax>> = { py: PY, js: JS, go: GO, c: C, cpp: C };

const MAX_DEPTH = 12;

/** Names whose value does not come from the program's input. */
const CONSTANT_NAMES = new Set(['__file__', '__name__', '__dirname', '__filename', 'BASE_DIR']);

/** Per-tree analysis state: definitions are collected once per scope and reused by every rule. */
export class Flow {
  private readonly syntax: FlowSyntax;
  private readonly defsByScope = new Map<number, Def[]>();
  private readonly memo = new Map<number, Taint>();

  constructor(readonly language: Language) {
    this.syntax = FLOW[language];
  }

  /** The innermost function (or the file) containing `n`. */
  scopeOf(n: Node): Node {
    let cur = n.parent;
    let last = n;
    while (cur !== null) {
      if (this.syntax.scopes.has(cur.type)) return cur;
      last = cur;
      cur = cur.parent;
    }
    return last;
  }

  /** Definitions made directly in `scope` (not inside nested functions). */
  defsIn(scope: Node): readonly Def[] {
    const hit = this.defsByScope.get(scope.id);
    if (hit !== undefined) return hit;
    const out: Def[] = [];
    // iterative pre-order walk: deeply nested code must not overflow the JS stack
    const stack: Node[] = [scope];
    while (stack.length > 0) {
      const n = stack.pop();
      if (n === undefined) break;
      out.push(...this.syntax.defs(n));
      const kids = named(n);
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i];
        if (c !== undefined && !this.syntax.scopes.has(c.type)) stack.push(c);
      }
    }
    this.defsByScope.set(scope.id, out);
    return out;
  }

  /** Definitions of identifier `id` that end before it, in its function. */
  reaching(id: Node): readonly Def[] {
    const name = id.text;
    // the innermost enclosing scope that defines the name before this use (closures, module constants)
    for (
      let scope: Node | null = this.scopeOf(id);
      scope !== null;
      scope = scope.parent === null ? null : this.scopeOf(scope)
    ) {
      const defs = this.defsIn(scope).filter((d) => d.name === name && d.end <= id.startIndex);
      if (defs.length > 0) return defs;
      if (scope.parent === null) break;
    }
    return [];
  }

  classify(n: Node, depth = 0): Taint {
    const memo = this.memo.get(n.id);
    if (memo !== undefined) return memo;
    const t = depth > MAX_DEPTH ? 'opaque' : this.compute(n, depth);
    this.memo.set(n.id, t);
    return t;
  }

  /**
   * Whether `id` was checked for membership in a fixed set before this use (`if x not in ALLOWED:
   * raise`, `if (!COLUMNS.includes(x)) throw`, `if !allowed[x] { return }`): an allow-list makes
   * the value one of the program's own constants.
   */
  allowListed(id: Node): boolean {
    const name = id.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(
      `\\b${name}\\s+(not\\s+)?in\\s+[\\w.(\\[{]|\\.(includes|has|indexOf|contains)\\(\\s*${name}\\s*\\)|\\w\\[\\s*${name}\\s*\\]|Contains\\([^)]*\\b${name}\\s*\\)`,
    );
    const scope = this.scopeOf(id);
    return scope
      .descendantsOfType('if_statement')
      .some(
        (c) =>
          c !== null &&
          c.endIndex <= id.startIndex + 1e9 &&
          c.startIndex < id.startIndex &&
          re.test(field(c, 'condition')?.text ?? ''),
      );
  }

  /** True when `n` is a string literal or a name bound only to string literals. */
  isStaticString(n: Node, depth = 0): boolean {
    if (this.syntax.stringLiteral(n) && this.syntax.literal(n)) return true;
    if (depth > MAX_DEPTH || !this.syntax.identifiers.has(n.type)) return false;
    const defs = this.reaching(n);
    return (
      defs.length > 0 &&
      defs.every(
        (d) =>
          d.values.length === 1 && d.values[0] !== undefined && this.isStaticString(d.values[0], depth + 1),
      )
    );
  }

  private compute(n: Node, depth: number): Taint {
    const s = this.syntax;
    const inner = s.unwrap(n);
    if (inner !== undefined) return this.classify(inner, depth + 1);
    if (s.literal(n) || s.sanitizer(n)) return 'static';
    if (s.identifiers.has(n.type)) {
      if (this.allowListed(n)) return 'static';
      const defs = this.reaching(n);
      // unbound ALL_CAPS names are constants by convention (imported settings, macros)
      if (defs.length === 0)
        return /^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(n.text) || CONSTANT_NAMES.has(n.text) ? 'static' : 'opaque';
      const stringBase = defs.some(
        (d) =>
          !d.augmented &&
          d.values.length === 1 &&
          d.values[0] !== undefined &&
          (s.stringLiteral(d.values[0]) || this.classify(d.values[0], depth + 1) === 'built'),
      );
      let out: Taint = 'static';
      for (const d of defs) {
        const parts = d.values.map((v) => this.classify(v, depth + 1));
        let t: Taint;
        if (parts.every((p) => p === 'static')) t = 'static';
        else if (parts.includes('built')) t = 'built';
        else if (d.stringy || (d.augmented && stringBase)) t = 'built';
        else t = 'opaque';
        if (t === 'built') return 'built';
        if (t === 'opaque') out = 'opaque';
      }
      return out;
    }
    const comp = s.composite(n);
    if (comp !== undefined) {
      const parts = comp.parts.map((p) => this.classify(p, depth + 1));
      if (parts.every((p) => p === 'static')) return 'static';
      if (parts.includes('built')) return 'built';
      const stringy = comp.stringy || comp.parts.some((p) => this.isStaticString(p, depth + 1));
      return stringy ? 'built' : 'opaque';
    }
    return 'opaque';
  }
}
