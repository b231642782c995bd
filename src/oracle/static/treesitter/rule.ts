import type { Cwe, Language, Severity } from '../../../core/records.js';
import type { Taint } from './flow.js';

/**
 * A built-in rule is data: a tree-sitter query, the CWE(s) it is evidence of, a severity, a
 * message, the languages it applies to, optional semantic conditions over the query's captures,
 * and example snippets that its test checks (every vulnerable snippet is flagged by this rule,
 * no safe snippet is).
 *
 * The query's `@hit` capture is the finding's span (else the first capture).
 */
export interface Rule {
  /** stable id, `<lang>-<what>`, e.g. `py-sql-built-query` */
  readonly id: string;
  readonly languages: readonly Language[];
  readonly cwes: readonly Cwe[];
  readonly severity: Severity;
  readonly message: string;
  readonly query: string;
  /** all must hold for a match to become a finding */
  readonly where?: readonly Condition[];
  readonly examples: { readonly vulnerable: readonly string[]; readonly safe: readonly string[] };
}

/** Semantic conditions that queries alone cannot express. Evaluated by checks.ts. */
export type Condition =
  /** the capture's value (resolved through the function's assignments) has one of these kinds (an absent capture passes: rules name different captures in different patterns) */
  | { readonly check: 'taint'; readonly capture: string; readonly is: readonly Taint[] }
  /** the enclosing function's text does not match this (case-insensitive) regex: no sanitiser/guard */
  | { readonly check: 'scopeLacks'; readonly pattern: string }
  /** the whole file's text matches this (case-insensitive) regex (an import, a require) */
  | { readonly check: 'fileHas'; readonly pattern: string }
  /** the enclosing function's text matches this (case-insensitive) regex */
  | { readonly check: 'scopeHas'; readonly pattern: string }
  /** the enclosing function's name, or the statement around the match, matches this regex */
  | { readonly check: 'context'; readonly pattern: string }
  /** the capture is a regex (literal or string) with nested quantifiers */
  | { readonly check: 'redos'; readonly capture: string }
  /** the capture's text (unquoted string content) matches this regex */
  | { readonly check: 'text'; readonly capture: string; readonly pattern: string }
  /** the capture's source text does not match this regex (an absent capture passes) */
  | { readonly check: 'textNot'; readonly capture: string; readonly pattern: string }
  /** a structural check written in code (memory safety in C/C++); may move the span */
  | { readonly check: 'custom'; readonly name: CustomCheckName };

export type CheckName = Condition['check'];

/** Structural checks written in code (checks.ts implements exactly these). */
export const CUSTOM_CHECKS = [
  'useAfterFree',
  'uncheckedAlloc',
  'offByOneLoop',
  'copyLength',
  'allocOverflow',
  'paramIndexWrite',
  'paramIndexRead',
  'charArrayTarget',
  'uncheckedNullable',
  'sizedInputRead',
  'sizedInputCopy',
  'sizedInputString',
  'terminatorOffByOne',
  'staleAfterRealloc',
  'growWhileIterating',
  'formatWrapperCall',
  'danglingFieldFree',
  'fallbackCredential',
  'attributeEscaperLacksQuote',
  'offByOneGuard',
  'strncpyUnterminated',
  'builtSql',
  'narrowingAfterParse',
] as const;
export type CustomCheckName = (typeof CUSTOM_CHECKS)[number];
