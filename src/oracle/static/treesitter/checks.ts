import type { Language } from '../../../core/records.js';
import { calleeName, type Flow } from './flow.js';
import type { Node } from './parser.js';
import { hasNestedQuantifier } from './regex.js';
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
export function literalContent(n: Node): string {
  if (n.type === 'regex') return field(n, 'pattern')?.text ?? n.text;
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
    return n !== undefined && c.is.includes(ctx.flow.classify(n));
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
    return hasNestedQuantifier(content);
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
  if (comparedBefore(scope, idx.text, sub.startIndex)) return false;
  // a loop variable bounded by its own for-condition is not a raw parameter index
  return true;
}

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
  uncheckedAlloc: (ctx: MatchContext): CheckResult => {
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
    if (ids.some((id) => comparedBefore(scope, id.text, ctx.hit.startIndex))) return false;
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
    if (/SIZE_MAX|INT_MAX|UINT_MAX|LONG_MAX|_overflow\s*\(|\bckd_mul\b/.test(scope.text)) return false;
    const ids = variable.flatMap((v) =>
      v.type === 'identifier' ? [v] : v.descendantsOfType('identifier').filter((x): x is Node => x !== null),
    );
    return !ids.some((id) => comparedBefore(scope, id.text, ctx.hit.startIndex));
  },
  /** a[param] written with no comparison of param in the function before it */
  paramIndexWrite: (ctx: MatchContext): CheckResult => paramIndex(ctx, true),
  /** a[param] read with no comparison of param in the function before it */
  paramIndexRead: (ctx: MatchContext): CheckResult => paramIndex(ctx, false),
  /** the @buf capture names a fixed-size array declared in the function or file */
  charArrayTarget: (ctx: MatchContext): CheckResult => {
    const buf = capture(ctx, 'buf');
    return buf !== undefined && declaredArraySize(ctx.flow, buf) !== undefined;
  },
} as const satisfies Readonly<Record<CustomCheckName, (ctx: MatchContext) => CheckResult>>;
