import { NotFoundError } from '../core/errors.js';
import { LANGUAGE_EXTENSION, SEVERITIES, type Severity } from '../core/records.js';
import type { AnalyzerNote, Finding } from '../core/records.js';
import type { Task } from '../suite/task.js';
import { inFamily } from './static/cwe-family.js';
import {
  ANALYZER_IDS,
  availabilityOf,
  closeAnalyzers,
  getAnalyzer,
  runAnalyzers,
  selectAnalyzers,
} from './static/registry.js';

/**
 * The static half of the verdict (DESIGN.md §4): the registered analyzers run over the candidate
 * (on the host: they parse it, nothing executes it), and only findings of the task's CWE family
 * at or above the severity threshold count against `secure`.
 */
/** Static analysis of a candidate, restricted to the task's CWE family and severity threshold. */
export interface StaticResult {
  readonly findings: readonly Finding[];
  readonly ran: readonly string[];
  readonly missing: readonly string[];
  /** analyzers that failed on the candidate (timed out, crashed): they may have missed findings */
  readonly incomplete: readonly string[];
  /** what the analyzers said of the candidate (does not compile for clang, too large, a failure) */
  readonly notes: readonly AnalyzerNote[];
  readonly ms: number;
}

/** One candidate for the static half: the task it answers and its whole source. */
export interface StaticItem {
  readonly task: Task;
  readonly source: string;
}
/** The static half of many candidates at once; one result per item, in order. */
export type StaticCheck = (items: readonly StaticItem[]) => Promise<StaticResult[]>;

/** No static half: the verdict's `analyzers.ran` is empty. */
export const NO_STATIC: StaticCheck = async (items) =>
  items.map(() => ({ findings: [], ran: [], missing: [], incomplete: [], notes: [], ms: 0 }));

export interface StaticConfig {
  /** registry ids to run; empty = none (dynamic tests only) */
  readonly analyzers: readonly string[];
  readonly threshold: Severity;
}

export const DEFAULT_STATIC: StaticConfig = Object.freeze({
  analyzers: ANALYZER_IDS,
  threshold: 'medium' as Severity,
});
export const NO_ANALYZERS: StaticConfig = Object.freeze({ analyzers: [], threshold: 'medium' as Severity });

export { SEVERITIES };

/**
 * From flags: no list = every registered analyzer; `none` = dynamic tests only; unknown ids are a
 * usage error naming the known ones.
 */
export function resolveStaticConfig(ids: readonly string[] | undefined, threshold: Severity): StaticConfig {
  if (ids === undefined || ids.length === 0) return { analyzers: ANALYZER_IDS, threshold };
  if (ids.length === 1 && ids[0] === 'none') return { analyzers: [], threshold };
  const unknown = ids.filter((id) => !(ANALYZER_IDS as readonly string[]).includes(id));
  if (unknown.length > 0)
    throw new NotFoundError(`unknown analyzer${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`, {
      field: 'analyzers',
      hint: `choose from: ${ANALYZER_IDS.join(', ')}, or none`,
    });
  return { analyzers: [...new Set(ids)], threshold };
}

/** What of the static configuration decides a verdict (part of the verdict cache key). */
export function staticKey(cfg: StaticConfig): string {
  return cfg.analyzers.length === 0 ? 'none' : `${[...cfg.analyzers].sort().join(',')}@${cfg.threshold}`;
}

/**
 * The requested analyzers that are not available here, as a cache-key suffix ('' when all are): a
 * verdict judged without bandit must not be reused once bandit is installed.
 */
export async function staticAvailability(cfg: StaticConfig): Promise<string> {
  if (cfg.analyzers.length === 0) return '';
  const analyzers = selectAnalyzers(cfg.analyzers);
  const av = await Promise.all(analyzers.map((a) => availabilityOf(a)));
  const missing = analyzers.filter((_, i) => av[i]?.available !== true).map((a) => a.id);
  return missing.length === 0 ? '' : `-without:${missing.sort().join(',')}`;
}

/**
 * The registry-backed static half. The candidates of one call are analysed together (one tool
 * process per batch instead of one per candidate: a clang, gcc, cppcheck and flawfinder start each
 * per C file otherwise) as unrelated programs (`independent`: whole-program analyzers get them one
 * by one). Each result holds that candidate's in-family findings at or above the threshold, with
 * `file` as `solution.<ext>`; `ms` is the candidate's share of the batch's wall time (waits for
 * an analyzer slot included: bench:sandbox --static reports the analyzers' CPU instead).
 */
export function registryStaticCheck(cfg: StaticConfig): StaticCheck {
  return async (items) => {
    if (cfg.analyzers.length === 0 || items.length === 0)
      return items.map(() => ({ findings: [], ran: [], missing: [], incomplete: [], notes: [], ms: 0 }));
    const t0 = performance.now();
    const files = items.map((it, i) => ({
      path: `candidate-${i}/solution.${LANGUAGE_EXTENSION[it.task.language]}`,
      language: it.task.language,
      text: it.source,
    }));
    const run = await runAnalyzers(files, {
      analyzers: cfg.analyzers,
      minSeverity: cfg.threshold,
      independent: true,
    });
    const ms = (performance.now() - t0) / items.length;
    return items.map((it, i) => {
      const path = files[i]?.path;
      const promptLines = promptOnlyLines(it.task.prompt, it.source);
      const findings = run.findings
        .filter(
          (f) =>
            f.file === path && f.span.endLine > promptLines && f.cwes.some((c) => inFamily(c, it.task.cwes)),
        )
        .map((f) => ({ ...f, file: `solution.${LANGUAGE_EXTENSION[it.task.language]}` }));
      const failed = run.notes.filter((n) => n.failed === true && (n.file === undefined || n.file === path));
      return {
        findings,
        ran: run.ran.filter((id) => getAnalyzer(id).languages.includes(it.task.language)),
        missing: run.missing,
        incomplete: [...new Set(failed.map((n) => n.analyzer))].sort(),
        notes: run.notes
          .filter((n) => n.file === path || (n.file === undefined && n.failed === true))
          .map((n) => ({
            analyzer: n.analyzer,
            message: n.message,
            ...(n.failed ? { failed: true as const } : {}),
          })),
        ms,
      };
    });
  };
}

/**
 * The number of leading lines of `source` that are the task's prompt, untouched by the candidate
 * (the prompt is ours: a finding that lies wholly inside it is not the candidate's doing). A prompt
 * that does not end at a line break shares its last line with the completion, which then counts as
 * the candidate's. 0 when the source does not start with the prompt.
 */
export function promptOnlyLines(prompt: string, source: string): number {
  if (prompt === '' || !source.startsWith(prompt)) return 0;
  // complete lines = line breaks inside the prompt; a partial last line is not counted
  return prompt.split('\n').length - 1;
}

export async function closeStatic(): Promise<void> {
  await closeAnalyzers();
}
