import { NotFoundError } from '../../core/errors.js';
import { logger } from '../../core/log.js';
import { atLeast, type Finding, type Language, type Severity } from '../../core/records.js';
import type { AnalysisNote, Analyzer, Availability, SourceFile } from './analyzer.js';
import { TreeSitterAnalyzer } from './treesitter/analyzer.js';
import { createIcd } from './icd/icd.js';
import { createBandit } from './tools/bandit.js';
import { createClang } from './tools/clang.js';
import { createCppcheck } from './tools/cppcheck.js';
import { createEslint } from './tools/eslint.js';
import { createFlawfinder } from './tools/flawfinder.js';
import { createGcc } from './tools/gcc.js';

/** Builds one analyzer instance. Instances are created lazily and reused (persistent workers). */
export type AnalyzerFactory = () => Analyzer;

/**
 * The explicit registry of static analyzers: id → factory. Add an entry here (and nowhere else)
 * to make an analyzer available to `secplay scan`, the verdict and `oracle bench`. The key must
 * equal the analyzer's `id`.
 */
export const ANALYZERS = {
  treesitter: () => new TreeSitterAnalyzer(),
  bandit: () => createBandit(),
  flawfinder: () => createFlawfinder(),
  cppcheck: () => createCppcheck(),
  clang: () => createClang(),
  gcc: () => createGcc(),
  eslint: () => createEslint(),
  icd: () => createIcd(),
} as const satisfies Readonly<Record<string, AnalyzerFactory>>;

export type AnalyzerId = keyof typeof ANALYZERS;

export function isAnalyzerId(x: string): x is AnalyzerId {
  return Object.hasOwn(ANALYZERS, x);
}

/** Every registered id, in registry order. */
export const ANALYZER_IDS: readonly AnalyzerId[] = Object.keys(ANALYZERS).filter(isAnalyzerId);

const instances = new Map<AnalyzerId, Analyzer>();

/** The process-wide instance of a registered analyzer (created on first use). */
export function getAnalyzer(id: string): Analyzer {
  if (!isAnalyzerId(id)) {
    throw new NotFoundError(`unknown analyzer '${id}'`, {
      field: 'analyzers',
      hint: `choose from: ${ANALYZER_IDS.join(', ')}`,
    });
  }
  let a = instances.get(id);
  if (a === undefined) {
    a = ANALYZERS[id]();
    instances.set(id, a);
  }
  return a;
}

/** Release every instance created so far (workers, temp dirs). Safe to call more than once. */
export async function closeAnalyzers(): Promise<void> {
  const all = [...instances.values()];
  instances.clear();
  availabilityCache.clear();
  await Promise.all(all.map(async (a) => a.close?.()));
}

const availabilityCache = new Map<Analyzer, Promise<Availability>>();

/** An analyzer's availability, asked once per instance (tools are probed once per process). */
export function availabilityOf(a: Analyzer): Promise<Availability> {
  let p = availabilityCache.get(a);
  if (p === undefined) {
    p = a.availability().catch((e: unknown): Availability => ({
      available: false,
      reason: `availability check failed: ${e instanceof Error ? e.message : String(e)}`,
    }));
    availabilityCache.set(a, p);
  }
  return p;
}

export interface RunAnalyzersOptions {
  /** registry ids to run (default: every registered analyzer) */
  readonly analyzers?: readonly string[];
  /** drop findings below this severity (default: keep all) */
  readonly minSeverity?: Severity;
  /** analyse only files in these languages (default: all) */
  readonly languages?: readonly Language[];
  /**
   * the files are unrelated programs (candidates judged together): a `crossFile` analyzer gets
   * them one at a time, so one candidate's code cannot produce or hide a finding in another's
   */
  readonly independent?: boolean;
}

export interface AnalyzerRun {
  /** every finding at or above minSeverity, sorted by file, line, column, analyzer, rule */
  readonly findings: readonly Finding[];
  /** unreadable/unparsable input, crashed tools, missing tools */
  readonly notes: readonly AnalysisNote[];
  /** analyzers that analysed at least one file */
  readonly ran: readonly string[];
  /** analyzers that were requested but are not available here (reason in `notes`) */
  readonly missing: readonly string[];
  /** analyzers that failed on some file (a note with `failed`): their findings may be incomplete */
  readonly incomplete: readonly string[];
  /** available analyzers with no file in their languages */
  readonly skipped: readonly string[];
  /** wall milliseconds per analyzer that ran */
  readonly timings: Readonly<Record<string, number>>;
}

/** Resolve ids (default: all registered) to instances; unknown ids are a usage error. */
export function selectAnalyzers(ids?: readonly string[]): Analyzer[] {
  const wanted = ids === undefined || ids.length === 0 ? ANALYZER_IDS : ids;
  return [...new Set(wanted)].map((id) => getAnalyzer(id));
}

/** Run the selected registered analyzers over `files`. Never throws for bad code or broken tools. */
export async function runAnalyzers(
  files: readonly SourceFile[],
  options: RunAnalyzersOptions = {},
): Promise<AnalyzerRun> {
  return runAnalyzerList(selectAnalyzers(options.analyzers), files, options);
}

/**
 * Run the given analyzer instances (the registry-free core of runAnalyzers). A missing tool is
 * logged once per process and recorded in `missing` + `notes`; an analyzer that throws becomes a
 * note, and the findings of the others are kept.
 */
export async function runAnalyzerList(
  analyzers: readonly Analyzer[],
  files: readonly SourceFile[],
  options: Pick<RunAnalyzersOptions, 'minSeverity' | 'languages' | 'independent'> = {},
): Promise<AnalyzerRun> {
  const log = logger('scan');
  const langs = options.languages;
  const selected = langs === undefined ? files : files.filter((f) => langs.includes(f.language));
  const findings: Finding[] = [];
  const notes: AnalysisNote[] = [];
  const ran: string[] = [];
  const missing: string[] = [];
  const skipped: string[] = [];
  const timings: Record<string, number> = {};
  for (const a of analyzers) {
    const av = await availabilityOf(a);
    if (!av.available) {
      log.once(`analyzer-missing:${a.id}`, 'warn', `analyzer '${a.id}' is not available: ${av.reason}`);
      missing.push(a.id);
      notes.push({ analyzer: a.id, message: `not available: ${av.reason}` });
      continue;
    }
    const mine = selected.filter((f) => a.languages.includes(f.language));
    if (mine.length === 0) {
      skipped.push(a.id);
      continue;
    }
    const t0 = performance.now();
    const calls = options.independent === true && a.crossFile === true ? mine.map((f) => [f]) : [mine];
    for (const part of calls) {
      try {
        const r = await a.analyze(part);
        for (const f of r.findings)
          if (options.minSeverity === undefined || atLeast(f.severity, options.minSeverity)) findings.push(f);
        notes.push(...r.notes);
      } catch (e) {
        const why = `analyzer failed on a batch of ${part.length} file(s): ${e instanceof Error ? e.message : String(e)}`;
        for (const f of part) notes.push({ analyzer: a.id, file: f.path, message: why, failed: true });
      }
    }
    timings[a.id] = performance.now() - t0;
    ran.push(a.id);
  }
  findings.sort(compareFindings);
  const incomplete = [...new Set(notes.filter((n) => n.failed === true).map((n) => n.analyzer))].sort();
  return { findings, notes, ran, missing, incomplete, skipped, timings };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.span.startLine - b.span.startLine ||
    a.span.startColumn - b.span.startColumn ||
    cmp(a.analyzer, b.analyzer) ||
    cmp(a.ruleId, b.ruleId) ||
    a.span.endLine - b.span.endLine ||
    a.span.endColumn - b.span.endColumn
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
