/**
 * The records that flow between secplay's modules (DESIGN.md §3). Types only, plus the small
 * normalisers every module needs (languages, CWE ids, severities).
 */

/** The five languages of the paper's claims. */
export const LANGUAGES = ['c', 'cpp', 'py', 'go', 'js'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/** File extension → language (SVEN/SafeCoder file names; candidate files). */
export const EXTENSION_LANGUAGE: Readonly<Record<string, Language>> = {
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  C: 'cpp',
  py: 'py',
  go: 'go',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
};

/** The canonical file extension of each language. */
export const LANGUAGE_EXTENSION: Readonly<Record<Language, string>> = {
  c: 'c',
  cpp: 'cpp',
  py: 'py',
  go: 'go',
  js: 'js',
};

/** A CWE id in canonical form: `CWE-89` (no leading zeros). */
export type Cwe = `CWE-${number}`;

/** Normalise `cwe-089`, `CWE089`, `89`, `CWE-89` → `CWE-89`; undefined if not a CWE id. */
export function normalizeCwe(raw: string | number): Cwe | undefined {
  const m = /^\s*(?:cwe[-_ ]?)?0*(\d{1,5})\s*$/i.exec(String(raw));
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n > 0 ? (`CWE-${n}` as Cwe) : undefined;
}

export const SEVERITIES = ['note', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/**
 * A source span: 1-based lines, 1-based columns in UTF-16 code units (SARIF's default and what
 * tree-sitter/ESLint give for JS strings); end is exclusive in column, inclusive in line.
 */
export interface Span {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One static-analysis result; maps 1:1 to a SARIF result. */
export interface Finding {
  /** analyzer id from the registry, e.g. `treesitter`, `bandit`, `cppcheck` */
  readonly analyzer: string;
  /** the analyzer's own rule id, e.g. `B608`, `py-sql-concat` */
  readonly ruleId: string;
  /** CWE ids this finding is evidence of (first = primary) */
  readonly cwes: readonly Cwe[];
  readonly severity: Severity;
  readonly message: string;
  /** the file path as given to the analyzer */
  readonly file: string;
  readonly span: Span;
}

/** Outcome of one functional or security test of a candidate. */
export type TestStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'crash' | 'skipped';

export interface TestOutcome {
  readonly name: string;
  readonly kind: 'functional' | 'security';
  readonly status: TestStatus;
  /** short reason: assertion message, sanitizer report head, signal */
  readonly detail?: string;
  readonly ms?: number;
}

/** Why a candidate could not be judged normally; a value, never an exception. */
export type VerdictProblem =
  | 'compile_error'
  | 'timeout'
  | 'oom'
  | 'crash'
  | 'output_limit'
  | 'empty'
  | 'binary'
  | 'too_large'
  /** the candidate wrote the harness's own result protocol (it tried to report its tests itself) */
  | 'tampering'
  | 'harness_error';

/** What an analyzer said of one candidate; `failed`: the tool itself failed on it (see `incomplete`). */
export interface AnalyzerNote {
  readonly analyzer: string;
  readonly message: string;
  readonly failed?: true;
}

/**
 * The oracle's judgement of one candidate for one task. `secure` requires no finding of the task's
 * CWE family at or above the threshold AND all security tests passing; the reward is
 * `functional && secure` (no "secure because it does nothing").
 */
export interface Verdict {
  readonly taskId: string;
  /** sha256 of the candidate source: the cache key together with the task and oracle version */
  readonly candidateHash: string;
  readonly compiles: boolean;
  readonly functional: boolean;
  readonly secure: boolean;
  readonly reward: 0 | 1;
  readonly tests: readonly TestOutcome[];
  readonly findings: readonly Finding[];
  /**
   * analyzers that ran, those that were requested but unavailable, and those that failed on this
   * candidate (timed out, crashed: they may have missed findings). A verdict with an incomplete
   * analyzer is not cached (the next judgement may be whole); unavailable ones are in the cache key.
   */
  readonly analyzers: {
    readonly ran: readonly string[];
    readonly missing: readonly string[];
    readonly incomplete: readonly string[];
    /** what they said of it: input they could not read whole (does not compile, too large), failures */
    readonly notes: readonly AnalyzerNote[];
  };
  readonly problems: readonly { readonly kind: VerdictProblem; readonly detail: string }[];
  readonly timings: Readonly<Record<string, number>>;
}
