import type { Language } from '../../../core/records.js';
import { calleeName, type Flow } from './flow.js';
import type { Node } from './parser.js';
import { analyzeRegex } from './regex.js';
import type { CheckName, Condition, CustomCheckName } from './rule.js';

/** What a condition sees: the match's captures, the span node, and the tree's flow analysis. */
export interface MatchContext {
  readonly language: Language;
  readonly captures: ReadonlyMap<string, Node>;
  readonly hit: Node;
  readonly flow: Flow;
}

/** true: keep the finding; false: drop it; a Node: keep it with that node's span. */
export type CheckResult = boolean | Node;

const named = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);
const field = (n: Node, f: string): Node | undefined => n.childForFieldName(f) ?? undefined;

function regex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (r === undefined) {
    r = new RegExp(pattern, 'i');
    regexCache.set(pattern, r);
  }
  return r;
}
const regexCache = new Map<string, RegExp>();

/** The text inside a string or regex literal: quotes, prefixes (r, b, f, L, u8) and `/flags` removed. */
const LITERAL_TYPES = new Set([
  'string',
  'string_literal',
  'concatenated_string',
  'interpreted_string_literal',
  'raw_string_literal',
  'template_string',
  'char_literal',
]);

export function literalContent(n: Node): string {
  if (n.type === 'regex') return field(n, 'pattern')?.text ?? n.text;
  if (!LITERAL_TYPES.has(n.type)) return n.text;
  const t = n.text;
  const m = /^[A-Za-z0-9]*("""|'''|"|'|`)([\s\S]*)\1$/.exec(t);
  return m === null ? t : (m[2] ?? '');
}

/** The name of the enclosing function (empty at file level). */
function scopeName(scope: Node): string {
  const name = field(scope, 'name');
  if (name !== undefined) return name.text;
  const decl = field(scope, 'declarator');
  if (decl !== undefined) return field(decl, 'declarator')?.text ?? decl.text;
  const parent = scope.parent;
  if (parent?.type === 'variable_declarator' || parent?.type === 'pair')
    return field(parent, 'name')?.text ?? field(parent, 'key')?.text ?? '';
  return '';
}

const STATEMENT =
  /(_statement|_declaration|^declaration|^assignment|^expression_statement|^variable_declarator|^lexical_declaration|^return_statement|^short_var_declaration|^pair|^keyword_argument)$/;

function enclosingStatement(n: Node): Node {
  let cur: Node | null = n;
  while (cur !== null && !STATEMENT.test(cur.type)) cur = cur.parent;
  return cur ?? n;
}

function rootOf(n: Node): Node {
  let cur = n;
  while (cur.parent !== null) cur = cur.parent;
  return cur;
}

function capture(ctx: MatchContext, name: string): Node | undefined {
  return ctx.captures.get(name);
}

type Evaluator = (c: Condition, ctx: MatchContext) => CheckResult;

/**
 * The CHECKS table: condition name → evaluator. Each evaluator narrows the condition to its own
 * kind (the table is keyed by that kind, so the guard never fails in practice).
 */
export const CHECKS: { readonly [K in CheckName]: Evaluator } = {
  taint: (c, ctx) => {
    if (c.check !== 'taint') return false;
    const n = capture(ctx, c.capture);
    // an absent capture (the rule's other pattern matched) does not veto the match
    if (n === undefined) return true;
    return c.is.includes(ctx.flow.classify(n));
  },
  scopeLacks: (c, ctx) => c.check === 'scopeLacks' && !regex(c.pattern).test(ctx.flow.scopeOf(ctx.hit).text),
  fileHas: (c, ctx) => c.check === 'fileHas' && regex(c.pattern).test(rootOf(ctx.hit).text),
  scopeHas: (c, ctx) => c.check === 'scopeHas' && regex(c.pattern).test(ctx.flow.scopeOf(ctx.hit).text),
  context: (c, ctx) => {
    if (c.check !== 'context') return false;
    const r = regex(c.pattern);
    return r.test(scopeName(ctx.flow.scopeOf(ctx.hit))) || r.test(enclosingStatement(ctx.hit).text);
  },
  redos: (c, ctx) => {
    if (c.check !== 'redos') return false;
    const n = capture(ctx, c.capture);
    if (n === undefined) return false;
    let content = literalContent(n);
    const escaped =
      (n.type === 'string' || n.type === 'interpreted_string_literal' || n.type === 'string_literal') &&
      !/^[a-zA-Z]*[rR]/.test(n.text);
    if (escaped) content = content.replace(/\\\\/g, '\\');
    const v = analyzeRegex(content);
    // re.match/fullmatch anchor at the start, so the quadratic `[ \t]+$` shape does not apply
    const anchored = /^(match|fullmatch)$/.test(capture(ctx, 'f')?.text ?? '');
    return v.exponential || (v.polynomial && !anchored);
  },
  text: (c, ctx) => {
    if (c.check !== 'text') return false;
    const n = capture(ctx, c.capture);
    return n !== undefined && regex(c.pattern).test(literalContent(n));
  },
  textNot: (c, ctx) => {
    if (c.check !== 'textNot') return false;
    const n = capture(ctx, c.capture);
    return n === undefined || !regex(c.pattern).test(n.text);
  },
  custom: (c, ctx) => c.check === 'custom' && CUSTOM[c.name](ctx),
};

export function evaluate(cond: Condition, ctx: MatchContext): CheckResult {
  return CHECKS[cond.check](cond, ctx);
}

// ---------------------------------------------------------------------------------------------
// C/C++ memory-safety checks. Each walks the statements of one function; none crosses functions.

const JUMP = /^(return_statement|break_statement|continue_statement|goto_statement|throw_statement)$/;

function identifiersIn(n: Node, name: string): Node[] {
  return n
    .descendantsOfType(['identifier', 'field_expression'])
    .filter((x): x is Node => x !== null && x.text === name);
}

/** Whether `id` is written (left side of `=`), i.e. the old value is killed. */
function isAssigned(id: Node): boolean {
  const p = id.parent;
  return p !== null && p.type === 'assignment_expression' && field(p, 'left')?.id === id.id;
}

/** `*p`, `p[i]`, `p->f`, `p` passed to a call or returned: a use of the pointed-to memory. */
function isDeref(id: Node): boolean {
  const p = id.parent;
  if (p === null) return false;
  if (p.type === 'pointer_expression' && field(p, 'operator')?.type === '*') return true;
  if (p.type === 'subscript_expression' && field(p, 'argument')?.id === id.id) return true;
  if (
    p.type === 'field_expression' &&
    field(p, 'argument')?.id === id.id &&
    field(p, 'operator')?.type === '->'
  )
    return true;
  if (p.type === 'argument_list') {
    const call = p.parent;
    if (call !== null && /^(sizeof|free)$/.test(calleeName(call))) return calleeName(call) === 'free';
    return true;
  }
  return p.type === 'return_statement';
}

/** Statements after `stmt` in its block, then after its ancestors (unless the block jumps away). */
function* following(stmt: Node, scope: Node): Generator<Node> {
  let cur: Node = stmt;
  while (cur.parent !== null && cur.id !== scope.id) {
    const parent: Node = cur.parent;
    if (parent.type === 'compound_statement' || parent.type === 'translation_unit') {
      const kids = named(parent);
      const at = kids.findIndex((k) => k.id === cur.id);
      let jumped = false;
      for (const k of kids.slice(at + 1)) {
        yield k;
        if (JUMP.test(k.type) || /\b(exit|abort)\s*\(/.test(k.type === 'expression_statement' ? k.text : ''))
          jumped = true;
      }
      if (jumped) return;
    }
    if (/^(for_statement|while_statement|do_statement|function_definition)$/.test(parent.type)) return;
    cur = parent;
  }
}

function statementOf(n: Node): Node {
  let cur: Node = n;
  while (
    cur.parent !== null &&
    cur.parent.type !== 'compound_statement' &&
    cur.parent.type !== 'translation_unit'
  )
    cur = cur.parent;
  return cur;
}

function declaredArraySize(flow: Flow, arr: Node): string | undefined {
  const scope = flow.scopeOf(arr);
  const decls = [scope, scope.parent ?? scope].flatMap((s) =>
    s.descendantsOfType('array_declarator').filter((x): x is Node => x !== null),
  );
  for (const d of decls) if (field(d, 'declarator')?.text === arr.text) return field(d, 'size')?.text;
  return undefined;
}

function paramNames(scope: Node): Set<string> {
  let decl = field(scope, 'declarator');
  while (decl !== undefined && decl.type !== 'function_declarator') decl = field(decl, 'declarator');
  const params = decl === undefined ? undefined : field(decl, 'parameters');
  const out = new Set<string>();
  if (params === undefined) return out;
  for (const p of params.descendantsOfType('identifier'))
    if (p !== null && p.parent?.type !== 'type_identifier') out.add(p.text);
  return out;
}

/** The conditions (if/while/for/ternary/assert) of `scope` that compare `name` with something. */
function comparedBefore(scope: Node, name: string, before: number): boolean {
  const cmp = new RegExp(
    `(\\b${escapeRe(name)}\\b\\s*(<|>|<=|>=)|(<|>|<=|>=)\\s*\\(?\\s*${escapeRe(name)}\\b)`,
  );
  const conds = scope
    .descendantsOfType([
      'if_statement',
      'while_statement',
      'for_statement',
      'conditional_expression',
      'call_expression',
    ])
    .filter((x): x is Node => x !== null && x.startIndex < before);
  return conds.some((c) => {
    if (c.type === 'call_expression')
      return /^(assert|static_assert|require)$/.test(calleeName(c)) && cmp.test(c.text);
    const cond = field(c, 'condition') ?? c;
    return cmp.test(cond.text);
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The index of `a[i]` (C: field `index`; C++: the first of `indices`). */
function subscriptIndex(sub: Node): Node | undefined {
  const idx = field(sub, 'index');
  if (idx !== undefined) return idx;
  const list = field(sub, 'indices');
  return list === undefined ? undefined : named(list)[0];
}

function paramIndex(ctx: MatchContext, write: boolean): CheckResult {
  const sub = ctx.hit;
  const idx = subscriptIndex(sub);
  const arr = field(sub, 'argument');
  if (idx?.type !== 'identifier' || arr === undefined) return false;
  const p = sub.parent;
  const isWrite =
    p !== null &&
    /assignment_expression|update_expression/.test(p.type) &&
    (field(p, 'left') ?? field(p, 'argument'))?.id === sub.id;
  if (isWrite !== write) return false;
  const scope = ctx.flow.scopeOf(sub);
  if (!paramNames(scope).has(idx.text)) return false;
  if (!comparedBefore(scope, idx.text, sub.startIndex)) return true;
  // a signed index also needs a lower bound (index < 0), else a negative index passes `index >= count`
  const param = params(scope).find((x) => x.name === idx.text);
  if (param !== undefined && SIGNED_TYPE.test(param.type)) {
    const n = escapeRe(idx.text);
    const lower = new RegExp(
      `\\b${n}\\s*(<\\s*0\\b|>=\\s*0\\b)|\\b0\\s*(>|<=)\\s*${n}\\b|\\(\\s*(size_t|unsigned)[^)]*\\)\\s*${n}\\b`,
    );
    return !conditionsBefore(scope, sub.startIndex).some((c) => lower.test(c.text));
  }
  return false;
}

const RELATIONAL = new Set(['<', '>', '<=', '>=', '==', '!=']);
const ORDERING = new Set(['<', '>', '<=', '>=']);

/** Condition nodes (if/while/for/do/ternary) of `scope` that start before `before`. */
function conditionsBefore(scope: Node, before: number): Node[] {
  return scope
    .descendantsOfType([
      'if_statement',
      'while_statement',
      'for_statement',
      'do_statement',
      'conditional_expression',
    ])
    .filter((x): x is Node => x !== null && x.startIndex < before)
    .flatMap((c) => {
      const cond = field(c, 'condition');
      return cond === undefined ? [] : [cond];
    });
}

function identifierNames(n: Node): string[] {
  const out = n.type === 'identifier' ? [n.text] : [];
  for (const d of n.descendantsOfType('identifier')) if (d !== null) out.push(d.text);
  return out;
}

/** Relational comparisons inside `cond` (and `cond` itself). */
function comparisons(cond: Node): Node[] {
  const all = [cond, ...cond.descendantsOfType('binary_expression').filter((x): x is Node => x !== null)];
  return all.filter(
    (b) => b.type === 'binary_expression' && RELATIONAL.has(field(b, 'operator')?.type ?? ''),
  );
}

function unparen(n: Node): Node {
  let cur = n;
  while (cur.type === 'parenthesized_expression') cur = named(cur)[0] ?? cur;
  return cur;
}

/** The leftmost operand of a product chain `a * b * c`. */
function leftmost(n: Node): Node {
  let cur = unparen(n);
  while (cur.type === 'binary_expression' && field(cur, 'operator')?.type === '*')
    cur = unparen(field(cur, 'left') ?? cur);
  return cur;
}

const WIDE_CAST =
  /^(\(\s*|static_cast<\s*)(std::)?(size_t|uint64_t|int64_t|unsigned long long|long long|unsigned long|uintmax_t)\s*[)>]/;

/**
 * Names compared (as a bound) before `before`: a side that is the name itself, or a product
 * widened by a cast (`(uint64_t)w * h > MAX`). An unwidened product (`w * h > MAX`) bounds
 * nothing: it overflows itself.
 */
function boundedNames(scope: Node, before: number): Set<string> {
  const out = new Set<string>();
  for (const cond of conditionsBefore(scope, before))
    for (const cmp of comparisons(cond).filter((c) => ORDERING.has(field(c, 'operator')?.type ?? '')))
      for (const side of [field(cmp, 'left'), field(cmp, 'right')]) {
        if (side === undefined) continue;
        const u = unparen(side);
        if (u.type === 'binary_expression' && field(u, 'operator')?.type === '*') {
          if (WIDE_CAST.test(leftmost(u).text)) for (const id of identifierNames(u)) out.add(id);
          continue;
        }
        for (const id of identifierNames(u)) out.add(id);
      }
  return out;
}

/** Whether the expression text `text` appears inside a relational comparison before `before`. */
function textCompared(scope: Node, text: string, before: number): boolean {
  const t = text.replace(/\s+/g, '');
  return conditionsBefore(scope, before).some((c) =>
    comparisons(c).some((cmp) => cmp.text.replace(/\s+/g, '').includes(t)),
  );
}

interface Param {
  readonly name: string;
  readonly type: string;
  readonly pointer: boolean;
}

function params(scope: Node): Param[] {
  let decl = field(scope, 'declarator');
  while (decl !== undefined && decl.type !== 'function_declarator') decl = field(decl, 'declarator');
  const list = decl === undefined ? undefined : field(decl, 'parameters');
  if (list === undefined) return [];
  return named(list)
    .filter((p) => p.type === 'parameter_declaration')
    .flatMap((p) => {
      let cur = field(p, 'declarator');
      let name: string | undefined;
      let pointer = false;
      for (let i = 0; i < 6 && cur !== undefined; i++) {
        if (/pointer_declarator|array_declarator|reference_declarator/.test(cur.type)) pointer = true;
        if (cur.type === 'identifier') {
          name = cur.text;
          break;
        }
        cur = field(cur, 'declarator') ?? named(cur).find((c) => c.type === 'identifier');
      }
      return name === undefined ? [] : [{ name, type: field(p, 'type')?.text ?? '', pointer }];
    });
}

const LENGTH_NAME = /^(n|len|length|size|sz|count|nbytes|cnt|\w*_?(len|length|size|sz|count))$/i;
const INTEGER_TYPE =
  /^(size_t|ssize_t|int|unsigned|unsigned int|long|unsigned long|uint\d+_t|int\d+_t|std::size_t)$/;

const CONTAINER_TYPE = /\b(vector|basic_string|string|string_view|span|array|deque|u8string)\b/;

/**
 * Inputs that come with a length: a pointer parameter next to a length-named integer parameter
 * (`(const char *s, size_t len)` or `(size_t len, const char *s)`), mapped to the length's name;
 * and C++ container parameters, mapped to the pseudo-name `data#size` (their `.size()`).
 */
function sizedInputs(scope: Node): Map<string, string> {
  const ps = params(scope);
  const out = new Map<string, string>();
  const isLen = (q: Param | undefined): q is Param =>
    q !== undefined &&
    !q.pointer &&
    INTEGER_TYPE.test(q.type.replace(/^const\s+/, '')) &&
    LENGTH_NAME.test(q.name);
  ps.forEach((p, i) => {
    if (CONTAINER_TYPE.test(p.type)) out.set(p.name, `${p.name}#size`);
    else if (p.pointer) {
      const after = ps[i + 1];
      const before = ps[i - 1];
      if (isLen(after)) out.set(p.name, after.name);
      else if (isLen(before)) out.set(p.name, before.name);
    }
  });
  return out;
}

/**
 * The names a bound can flow through in `n`: identifiers, with `x.size()`/`x.length()` read as
 * `x#size`, and nothing inside a subscript (a value read from the data is not a bound).
 */
function boundTokens(n: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [n];
  while (stack.length > 0) {
    const m = stack.pop();
    if (m === undefined) break;
    if (m.type === 'subscript_expression') continue;
    if (m.type === 'call_expression') {
      const f = field(m, 'function');
      const fld = f?.type === 'field_expression' ? field(f, 'field')?.text : undefined;
      const arg = f?.type === 'field_expression' ? field(f, 'argument') : undefined;
      if ((fld === 'size' || fld === 'length') && arg?.type === 'identifier') {
        out.push(`${arg.text}#size`);
        continue;
      }
    }
    if (m.type === 'identifier') out.push(m.text);
    const kids = named(m);
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (c !== undefined) stack.push(c);
    }
  }
  return out;
}

/** Names bounded (transitively) by comparisons and assignments that involve `seed`, before `before`. */
function boundedClosure(scope: Node, seed: string, before: number): Set<string> {
  const b = new Set([seed]);
  const conds = conditionsBefore(scope, before).map(boundTokens);
  const defs = scope
    .descendantsOfType(['init_declarator', 'assignment_expression'])
    .filter((x): x is Node => x !== null && x.startIndex < before)
    .flatMap((d) => {
      const lhs = field(d, 'declarator') ?? field(d, 'left');
      const rhs = field(d, 'value') ?? field(d, 'right');
      const name =
        lhs === undefined ? undefined : lhs.type === 'identifier' ? lhs.text : identifierNames(lhs)[0];
      return name === undefined || rhs === undefined ? [] : [{ name, ids: boundTokens(rhs) }];
    });
  let changed = true;
  const add = (n: string): void => {
    if (!b.has(n)) {
      b.add(n);
      changed = true;
    }
  };
  while (changed) {
    changed = false;
    for (const ids of conds) if (ids.some((i) => b.has(i))) ids.forEach(add);
    for (const d of defs) if (d.ids.some((i) => b.has(i))) add(d.name);
  }
  return b;
}

const SIGNED_TYPE = /^(const\s+)?(int|long|short|signed|ssize_t|int\d+_t|ptrdiff_t|long long)$/;

export const CUSTOM = {
  /** `free(p)` then a later use of `p` in the same function with no reassignment in between */
  useAfterFree: (ctx: MatchContext): CheckResult => {
    const ptr = capture(ctx, 'ptr');
    if (ptr === undefined) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    for (const stmt of following(statementOf(ctx.hit), scope)) {
      const ids = identifiersIn(stmt, ptr.text).filter((i) => i.startIndex > ctx.hit.endIndex);
      for (const id of ids) {
        if (isAssigned(id)) return false;
        if (isDeref(id)) return id;
      }
    }
    return false;
  },
  /** `p = malloc(…)` then `*p`/`p[i]`/`p->f`/`memcpy(p, …)` before any NULL check of `p` */
  uncheckedAlloc: (ctx: MatchContext, arithmetic = false): CheckResult => {
    const ptr = capture(ctx, 'ptr');
    if (ptr === undefined) return false;
    const name = escapeRe(ptr.text);
    const check = new RegExp(
      `!\\s*\\(?\\s*${name}\\b|\\b${name}\\s*[!=]=\\s*(NULL|0|nullptr)\\b|\\b(NULL|0|nullptr)\\s*[!=]=\\s*${name}\\b|\\b(if|while|assert)\\s*\\(\\s*${name}\\s*[)&|]`,
    );
    const first = statementOf(ctx.hit);
    const scope = ctx.flow.scopeOf(ctx.hit);
    for (const stmt of [first, ...following(first, scope)]) {
      if (check.test(stmt.text)) return false;
      for (const id of identifiersIn(stmt, ptr.text)) {
        if (id.startIndex <= ctx.hit.endIndex) continue;
        if (isAssigned(id)) return false;
        const p = id.parent;
        const derefs =
          (p?.type === 'pointer_expression' && field(p, 'operator')?.type === '*') ||
          (p?.type === 'subscript_expression' && field(p, 'argument')?.id === id.id) ||
          (p?.type === 'field_expression' && field(p, 'argument')?.id === id.id) ||
          (arithmetic &&
            p?.type === 'binary_expression' &&
            /^[+-]$/.test(field(p, 'operator')?.type ?? '') &&
            field(p, 'left')?.id === id.id) ||
          (p?.type === 'argument_list' &&
            p.parent !== null &&
            /^(mem(cpy|move|set)|str(n?cpy|n?cat)|s?n?printf|fgets|fread|read)$/.test(calleeName(p.parent)) &&
            named(p)[0]?.id === id.id);
        if (derefs) return id;
      }
    }
    return false;
  },
  /** `for (i = 0; i <= N; i++) a[i]` where `a` is declared `a[N]` */
  offByOneLoop: (ctx: MatchContext): CheckResult => {
    const i = capture(ctx, 'i');
    const bound = capture(ctx, 'bound');
    const body = capture(ctx, 'body');
    if (i === undefined || bound === undefined || body === undefined) return false;
    for (const sub of body.descendantsOfType('subscript_expression')) {
      if (sub === null || subscriptIndex(sub)?.text !== i.text) continue;
      const arr = field(sub, 'argument');
      if (arr === undefined) continue;
      const size = declaredArraySize(ctx.flow, arr);
      const b = bound.text.replace(/\s+/g, '');
      if (size !== undefined && size.replace(/\s+/g, '') === b) return true;
      if (new RegExp(`^sizeof\\(?${escapeRe(arr.text)}\\)?(/sizeof)?`).test(b)) return true;
    }
    return false;
  },
  /** memcpy/memmove/strncpy(dst, src, n) where n is neither derived from dst nor bounds-checked */
  copyLength: (ctx: MatchContext): CheckResult => {
    const dst = capture(ctx, 'dst');
    const len = capture(ctx, 'len');
    if (dst === undefined || len === undefined) return false;
    const d = escapeRe(dst.text.replace(/^&/, ''));
    if (new RegExp(`sizeof\\s*\\(?\\s*\\*?${d}\\b`).test(len.text)) return false;
    if (/\b(min|MIN|std::min)\s*\(/.test(len.text)) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    if (len.type === 'number_literal') {
      const size = declaredArraySize(ctx.flow, dst);
      return (
        size !== undefined && /^\d+$/.test(size) && Number(size) < Number(len.text.replace(/[uUlL]+$/, ''))
      );
    }
    // dst allocated with this very length
    for (const def of ctx.flow.reaching(dst))
      for (const v of def.values) if (/alloc\s*\(/.test(v.text) && v.text.includes(len.text)) return false;
    const ids = [len, ...len.descendantsOfType('identifier').filter((x): x is Node => x !== null)].filter(
      (x) => x.type === 'identifier',
    );
    const dstName = lastName(dst.text.replace(/^&/, '').replace(/\s*(\.|->)\s*(data|begin)\s*\(\s*\)$/, ''));
    const fixed = fileArraySize(rootOf(ctx.hit), dstName);
    if (fixed !== undefined) {
      // a fixed-size destination: the guard must compare the length with its size (or sizeof it)
      const sizeRe = new RegExp(`${escapeRe(fixed)}|sizeof|\\b${escapeRe(dstName)}\\s*\\.\\s*size\\s*\\(`);
      const idNames = ids.map((id) => id.text);
      const guarded = conditionsBefore(scope, ctx.hit.startIndex).some(
        (c) => sizeRe.test(c.text) && identifierNames(c).some((n) => idNames.includes(n)),
      );
      // or the length is computed against the size (`n = len < SIZE - 1 ? len : SIZE - 1`, min(len, SIZE))
      const clamped = ids.some((id) =>
        ctx.flow
          .reaching(id)
          .some((def) => def.values.some((v) => sizeRe.test(v.text) && /[<>]|\bmin\s*\(/i.test(v.text))),
      );
      return !guarded && !clamped;
    }
    if (ids.some((id) => comparedBefore(scope, id.text, ctx.hit.startIndex))) return false;
    if (textCompared(scope, len.text, ctx.hit.startIndex)) return false;
    // a length computed with a comparison or min() (`n = a < b ? a : b`)
    for (const id of ids)
      for (const def of ctx.flow.reaching(id))
        if (def.values.some((v) => /[<>]|\bmin\s*\(|\bMIN\s*\(/.test(v.text))) return false;
    return true;
  },
  /** malloc(a * b) with a non-constant factor and no overflow guard in the function */
  allocOverflow: (ctx: MatchContext): CheckResult => {
    const size = capture(ctx, 'size');
    if (size === undefined) return false;
    const operands = [field(size, 'left'), field(size, 'right')].filter((x): x is Node => x !== undefined);
    const variable = operands.filter((o) => !/^(number_literal|sizeof_expression)$/.test(o.type));
    if (variable.length === 0) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    if (/SIZE_MAX|INT_MAX|UINT_MAX|LONG_MAX|_overflow\s*\(|\bckd_mul\b|numeric_limits/.test(scope.text))
      return false;
    const ids = variable.flatMap((v) =>
      v.type === 'identifier' ? [v] : v.descendantsOfType('identifier').filter((x): x is Node => x !== null),
    );
    const bounded = boundedNames(scope, ctx.hit.startIndex);
    return !ids.every((id) => bounded.has(id.text));
  },
  /** a[param] written with no comparison of param in the function before it */
  paramIndexWrite: (ctx: MatchContext): CheckResult => paramIndex(ctx, true),
  /** a[param] read with no comparison of param in the function before it */
  paramIndexRead: (ctx: MatchContext): CheckResult => paramIndex(ctx, false),
  /** `p = strchr(…)`/`getenv`/`fopen`/a same-file function that returns NULL, then used before a NULL check */
  uncheckedNullable: (ctx: MatchContext): CheckResult => {
    const f = capture(ctx, 'f');
    if (f === undefined) return false;
    const name = f.text.split(/\.|->|::/).pop() ?? f.text;
    if (!NULLABLE.test(name) || (f.text.includes('.') && !f.text.startsWith('std::'))) {
      const def = rootOf(ctx.hit)
        .descendantsOfType('function_definition')
        .find((d): d is Node => d !== null && functionName(d)?.split('::').pop() === name);
      if (def === undefined || !/\breturn\s+(NULL|0|nullptr)\s*;/.test(def.text)) return false;
    }
    return CUSTOM.uncheckedAlloc(ctx, true);
  },
  /** `s[i]` read from a buffer parameter that comes with a length, with `i` never bounded by that length */
  sizedInputRead: (ctx: MatchContext): CheckResult => {
    const sub = ctx.hit;
    const arr = field(sub, 'argument');
    const idx = subscriptIndex(sub);
    if (arr?.type !== 'identifier' || idx === undefined || idx.type === 'number_literal') return false;
    const p = sub.parent;
    if (p !== null && p.type === 'assignment_expression' && field(p, 'left')?.id === sub.id) return false;
    const scope = ctx.flow.scopeOf(sub);
    const len = sizedInputs(scope).get(arr.text);
    if (len === undefined) return false;
    const ids = boundTokens(idx);
    if (ids.length === 0) return false;
    const bounded = boundedClosure(scope, len, sub.startIndex);
    return !ids.every((i) => bounded.has(i));
  },
  /** memcpy(dst, src + k, n) from a buffer parameter with a length, with `n` never bounded by that length */
  sizedInputCopy: (ctx: MatchContext): CheckResult => {
    const src = capture(ctx, 'src');
    const len = capture(ctx, 'len');
    if (src === undefined || len === undefined) return false;
    const base =
      /\b(\w+)\s*(\.|->)\s*(data|begin|c_str)\s*\(\s*\)/.exec(src.text)?.[1] ?? leftmostIdentifier(src);
    if (base === undefined) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    const inLen = sizedInputs(scope).get(base);
    if (inLen === undefined) return false;
    const ids = boundTokens(len);
    if (ids.length === 0) return false;
    const bounded = boundedClosure(scope, inLen, ctx.hit.startIndex);
    return !ids.every((i) => bounded.has(i));
  },
  /** strchr/strlen/… on a buffer parameter that comes with a length: it need not be NUL-terminated */
  sizedInputString: (ctx: MatchContext): CheckResult => {
    const buf = capture(ctx, 'buf');
    if (buf === undefined || !/^[A-Za-z_]\w*$/.test(buf.text)) return false;
    const seed = sizedInputs(ctx.flow.scopeOf(ctx.hit)).get(buf.text);
    return seed !== undefined && !seed.endsWith('#size');
  },
  /** `buf[n] = '\0'` after a loop that fills `buf[n++]` while `n < size`: writes one past the end */
  terminatorOffByOne: (ctx: MatchContext): CheckResult => {
    const buf = capture(ctx, 'buf');
    const sub = capture(ctx, 'sub');
    const idx = sub === undefined ? undefined : subscriptIndex(sub);
    if (buf === undefined || idx?.type !== 'identifier') return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    const b = escapeRe(buf.text);
    const i = escapeRe(idx.text);
    const body = scope.text.slice(0, ctx.hit.startIndex - scope.startIndex);
    if (!new RegExp(`\\b${b}\\s*\\[\\s*${i}\\s*\\+\\+\\s*\\]`).test(body)) return false;
    const plain = new RegExp(`\\b${i}\\s*<\\s*[\\w.>-]+\\s*\\)`);
    const careful = new RegExp(
      `\\b${i}\\s*\\+\\s*1\\s*(<|>=)|\\b${i}\\s*<\\s*[\\w.>-]+\\s*-\\s*1\\b|\\b${i}\\s*>=\\s*[\\w.>-]+\\s*-\\s*1\\b|\\b${i}\\s*==\\s*[\\w.>-]+\\s*-\\s*1\\b`,
    );
    return plain.test(body) && !careful.test(body);
  },
  /** `q = p->buf + k` before `p->buf` is realloc'd, and q used after the realloc */
  staleAfterRealloc: (ctx: MatchContext): CheckResult => {
    const target = capture(ctx, 'target');
    if (target === undefined) return false;
    const t = target.text.replace(/\s+/g, '');
    const scope = ctx.flow.scopeOf(ctx.hit);
    const decls = scope
      .descendantsOfType(['init_declarator', 'assignment_expression'])
      .filter((x): x is Node => x !== null && x.endIndex <= ctx.hit.startIndex);
    for (const d of decls) {
      const lhs = field(d, 'declarator') ?? field(d, 'left');
      const rhs = field(d, 'value') ?? field(d, 'right');
      if (lhs === undefined || rhs === undefined) continue;
      const r = rhs.text.replace(/\s+/g, '');
      if (!r.includes(t) || r === t || !/[+&[]/.test(r)) continue; // a pointer into the buffer
      const name = lhs.type === 'identifier' ? lhs.text : identifierNames(lhs)[0];
      if (name === undefined) continue;
      const after = scope
        .descendantsOfType('identifier')
        .filter((x): x is Node => x !== null && x.text === name && x.startIndex > ctx.hit.endIndex);
      const first = after[0];
      if (first !== undefined && !isAssigned(first)) return first;
    }
    return false;
  },
  /** a loop walks `c->items` through a pointer/end bound while its body appends to `c` (which may realloc) */
  growWhileIterating: (ctx: MatchContext): CheckResult => {
    const base = capture(ctx, 'base');
    const body = capture(ctx, 'body');
    if (base === undefined || body === undefined) return false;
    const b = escapeRe(base.text);
    const grows = new RegExp(
      `\\b\\w*(push|append|add|insert|grow|emplace)\\w*\\s*\\(\\s*&?${b}\\b|\\brealloc\\s*\\(\\s*${b}\\s*->|\\b${b}\\s*(\\.|->)\\s*(push_back|emplace_back|insert|emplace|append|resize|reserve|push_front)\\s*\\(`,
      'i',
    );
    return grows.test(body.text);
  },
  /** a call to a printf-style wrapper defined in this file (`void audit(const char *fmt, ...)`) with a non-literal format */
  formatWrapperCall: (ctx: MatchContext): CheckResult => {
    const f = capture(ctx, 'f');
    if (f === undefined || NULLABLE.test(f.text)) return false;
    const at = formatParamIndex(rootOf(ctx.hit), f.text);
    if (at === undefined) return false;
    const argNode = named(field(ctx.hit, 'arguments') ?? ctx.hit)[at];
    if (argNode === undefined) return false;
    return ctx.flow.classify(argNode) === 'static' ? false : argNode;
  },
  /** `free(r->f)` (or delete) of a parameter's field, then a `return` before `r->f` is reassigned */
  danglingFieldFree: (ctx: MatchContext): CheckResult => {
    const target = capture(ctx, 'target');
    if (target === undefined || target.type !== 'field_expression') return false;
    const base = field(target, 'argument');
    const scope = ctx.flow.scopeOf(ctx.hit);
    if (base?.type !== 'identifier' || !params(scope).some((p) => p.name === base.text)) return false;
    const rest = scope.text.slice(ctx.hit.endIndex - scope.startIndex);
    const t = escapeRe(target.text.replace(/\s+/g, '')).replace(/(\\\.|->)/g, '\\s*$1\\s*');
    const reassign = new RegExp(`${t}\\s*=(?!=)`).exec(rest);
    const upto = reassign === null ? rest : rest.slice(0, reassign.index);
    if (reassign !== null && /^\s*(NULL|nullptr|0)\s*;/.test(rest.slice(reassign.index + reassign[0].length)))
      return false;
    return reassign !== null && /\breturn\b/.test(upto);
  },
  /** `if not key: key = "literal"` / `os.getenv(K, "literal")` / `env.K || 'literal'` for a credential */
  fallbackCredential: (ctx: MatchContext): CheckResult => {
    const val = capture(ctx, 'val');
    if (val === undefined || !/^[^\s%{}$<>]{4,}$/.test(literalContent(val))) return false;
    const cond = capture(ctx, 'c');
    const name = capture(ctx, 'name');
    if (
      cond !== undefined &&
      name !== undefined &&
      !new RegExp(`\\b${escapeRe(name.text)}\\b`).test(cond.text)
    )
      return false;
    const key = capture(ctx, 'key');
    const where = `${key?.text ?? ''} ${name?.text ?? ''} ${ctx.flow.scopeOf(ctx.hit).text}`;
    return /passw|secret|api_?key|apikey|token|credential|bearer|signing|private_?key|pwd/i.test(where);
  },
  /** `attr="${fn(x)}"` where `fn` (defined in this file) escapes <, > and & but not quotes */
  attributeEscaperLacksQuote: (ctx: MatchContext): CheckResult => {
    const fn = capture(ctx, 'fn');
    const call = capture(ctx, 'call');
    const sub = call?.parent;
    if (fn === undefined || call === undefined || sub === null || sub === undefined) return false;
    const before = sub.previousNamedSibling;
    if (before === null || !/=\s*["']$/.test(before.text)) return false;
    const def = rootOf(ctx.hit)
      .descendantsOfType(['function_declaration', 'function_definition', 'variable_declarator'])
      .find((d): d is Node => d !== null && field(d, 'name')?.text === fn.text);
    if (def === undefined) return false;
    // quotes handled: an entity for them, or a character class with " mapped through a table
    return !/&quot;|&#34;|&#x22;|&#39;|&#x27;|quote\s*=\s*True|\/\[[^\]\n]*"[^\]\n]*\]/.test(def.text);
  },
  /** `if (i > N) return;` then `a[i] = …` where `a` is declared `a[N]`: i == N passes the guard */
  offByOneGuard: (ctx: MatchContext): CheckResult => {
    const sub = ctx.hit;
    const arr = field(sub, 'argument');
    const idx = subscriptIndex(sub);
    if (arr === undefined || idx === undefined) return false;
    const p = sub.parent;
    if (p === null || !/assignment_expression/.test(p.type) || field(p, 'left')?.id !== sub.id) return false;
    const size = fileArraySize(rootOf(sub), lastName(arr.text));
    if (size === undefined) return false;
    const i = escapeRe(idx.text.replace(/\s*(\+\+|--)\s*/g, '').replace(/\s+/g, ''));
    const n = escapeRe(size.replace(/\s+/g, ''));
    const scope = ctx.flow.scopeOf(sub);
    const conds = conditionsBefore(scope, sub.startIndex).map((c) => c.text.replace(/\s+/g, ''));
    const loose = new RegExp(`(^|[^\\w>])${i}(>|<=)${n}\\b|\\b${n}(<|>=)${i}($|[^\\w])`);
    const tight = new RegExp(
      `(^|[^\\w>])${i}(>=|<)${n}\\b|\\b${n}(<=|>)${i}($|[^\\w])|${i}\\+1(>|<=)${n}\\b`,
    );
    return conds.some((c) => loose.test(c)) && !conds.some((c) => tight.test(c));
  },
  /** `strncpy(d, s, sizeof d)` with no `d[sizeof d - 1] = '\0'` after it: d may be left unterminated */
  strncpyUnterminated: (ctx: MatchContext): CheckResult => {
    const dst = capture(ctx, 'dst');
    const len = capture(ctx, 'len');
    if (dst === undefined || len === undefined) return false;
    const d = escapeRe(dst.text.replace(/\s+/g, ''));
    if (!new RegExp(`^sizeof\\(?${d}\\)?$`).test(len.text.replace(/\s+/g, ''))) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    const after = scope.text.slice(ctx.hit.endIndex - scope.startIndex).replace(/\s+/g, '');
    return !new RegExp(`${d}\\[[^\\]]*-1\\]=('\\\\0'|0|'\\\\x00')`).test(after);
  },
  /** the @q argument is a string built from data whose literal text is SQL (resolved through assignments) */
  builtSql: (ctx: MatchContext): CheckResult => {
    const q = capture(ctx, 'q');
    if (q === undefined || ctx.flow.classify(q) !== 'built') return false;
    const texts = [q.text];
    if (q.type === 'identifier')
      for (const d of ctx.flow.reaching(q)) for (const v of d.values) texts.push(v.text);
    return texts.some((t) => SQL_TEXT.test(t));
  },
  /** `n, err := strconv.Atoi(s)` then `int32(n)`/`uint16(n)`… with no range check of n in between */
  narrowingAfterParse: (ctx: MatchContext): CheckResult => {
    const v = capture(ctx, 'v');
    if (v === undefined) return false;
    const scope = ctx.flow.scopeOf(ctx.hit);
    const after = scope.text.slice(ctx.hit.endIndex - scope.startIndex);
    const n = escapeRe(v.text);
    const conv = new RegExp(`\\b(u?int(8|16|32)|int32|rune|byte)\\s*\\(\\s*${n}\\s*\\)`).exec(after);
    if (conv === null) return false;
    const before = after.slice(0, conv.index);
    return !new RegExp(`\\b${n}\\s*(<|>|<=|>=)|(<|>|<=|>=)\\s*${n}\\b`).test(before);
  },
  /** the @buf capture names a fixed-size array declared in the function or file */
  charArrayTarget: (ctx: MatchContext): CheckResult => {
    const buf = capture(ctx, 'buf');
    return buf !== undefined && declaredArraySize(ctx.flow, buf) !== undefined;
  },
} as const satisfies Readonly<Record<CustomCheckName, (ctx: MatchContext) => CheckResult>>;

/** SQL statement text (keywords in the order a statement uses them). */
const SQL_TEXT =
  /\b(select\s+(distinct\s+)?[\w*`"(]+[\s\S]*\bfrom\b|insert\s+(or\s+\w+\s+)?into\b|update\s+[\w`".]+\s+set\b|delete\s+from\b|replace\s+into\b|create\s+table\b|drop\s+table\b)/i;

/** Library functions that return NULL on failure or when nothing is found. */
const NULLABLE =
  /^(std::)?(strchr|strrchr|strstr|strpbrk|memchr|getenv|fopen|fdopen|popen|bsearch|strtok|realpath|opendir|readdir|fgets|tmpfile|localtime|gmtime|getpwnam|getpwuid|dlopen)$/;

/**
 * The format parameter's position of a printf-style function declared or defined in this file:
 * from `__attribute__((format(printf, N, M)))`, or a variadic definition that passes one of its
 * parameters as the format of vprintf/vfprintf/vsnprintf/vsyslog.
 */
function formatParamIndex(root: Node, name: string): number | undefined {
  const n = escapeRe(name);
  const attr = new RegExp(
    `\\b${n}\\s*\\([^)]*\\.\\.\\.\\s*\\)[^;{]*__attribute__\\s*\\(\\(\\s*(__)?format(__)?\\s*\\(\\s*(__)?printf(__)?\\s*,\\s*(\\d+)`,
  ).exec(root.text);
  if (attr !== null) return Number(attr[5]) - 1;
  const def = root
    .descendantsOfType('function_definition')
    .find((d): d is Node => d !== null && functionName(d) === name);
  if (def === undefined || !/\.\.\.\s*\)/.test(field(def, 'declarator')?.text ?? '')) return undefined;
  const ps = params(def).map((p) => p.name);
  const m = /\bv(?:f|s|d)?printf\s*\(([^;]*)\)|\bvsnprintf\s*\(([^;]*)\)|\bvsyslog\s*\(([^;]*)\)/.exec(
    def.text,
  );
  if (m === null) return undefined;
  const args = (m[1] ?? m[2] ?? m[3] ?? '').split(',').map((x) => x.trim());
  const fmtName = args.find((x) => ps.includes(x));
  return fmtName === undefined ? undefined : ps.indexOf(fmtName);
}

function lastName(text: string): string {
  return (
    text
      .split(/\.|->|::/)
      .pop()
      ?.trim() ?? text
  );
}

/** The declared size of an array (variable or struct field) named `name` anywhere in the file. */
function fileArraySize(root: Node, name: string): string | undefined {
  for (const d of root.descendantsOfType('array_declarator')) {
    if (d === null) continue;
    const decl = field(d, 'declarator');
    if (decl !== undefined && decl.text === name) return field(d, 'size')?.text;
  }
  // C++: std::array<T, N> name;
  for (const d of root.descendantsOfType(['field_declaration', 'declaration'])) {
    if (d === null) continue;
    const m = /\barray\s*<[^,<>]+,\s*([^<>]+?)\s*>/.exec(field(d, 'type')?.text ?? '');
    const decl = field(d, 'declarator');
    const declName = decl?.type === 'init_declarator' ? field(decl, 'declarator')?.text : decl?.text;
    if (m !== null && declName === name) return m[1];
  }
  return undefined;
}

function functionName(def: Node): string | undefined {
  let d = field(def, 'declarator');
  while (d !== undefined && d.type !== 'function_declarator') d = field(d, 'declarator');
  return d === undefined ? undefined : field(d, 'declarator')?.text;
}

function leftmostIdentifier(n: Node): string | undefined {
  let cur = unparen(n);
  for (let i = 0; i < 8; i++) {
    if (cur.type === 'identifier') return cur.text;
    const next = field(cur, 'left') ?? field(cur, 'argument') ?? field(cur, 'value');
    if (next === undefined) return undefined;
    cur = unparen(next);
  }
  return undefined;
}
