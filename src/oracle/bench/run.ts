import type { Cwe, Language } from '../../core/records.js';
import { writeJsonAtomic } from '../../core/fsx.js';
import { RunDir } from '../../core/rundir.js';
import type { Analyzer } from '../static/analyzer.js';
import type { OracleBenchConfig } from './config.js';
import type { CweMatcher } from './match.js';
import {
  runPairBench,
  summarisePairs,
  type BenchPair,
  type PairBenchSummary,
  type PairOutcome,
  type TimingRecord,
} from './pairs.js';
import {
  runSuiteCases,
  summariseSuite,
  type SuiteBenchSummary,
  type SuiteCase,
  type SuiteOutcome,
} from './suite.js';

/**
 * The whole `oracle bench` job: pairs (resumable, in a run directory) and the built-in suite, then
 * the summaries, which are also written to the run directory as summary.json by the caller.
 */
export interface OracleBenchInput {
  readonly config: OracleBenchConfig;
  readonly pairs: readonly BenchPair[];
  readonly suite: readonly SuiteCase[];
  readonly analyzers: readonly Analyzer[];
  readonly matches: CweMatcher;
  readonly runsDir: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onSuiteProgress?: (done: number, total: number) => void;
}

export interface OracleBenchResult {
  readonly runDir: string;
  readonly analyzers: readonly string[];
  readonly minSeverity: string;
  readonly pairs?: PairBenchSummary;
  readonly suite?: SuiteBenchSummary;
}

/** Keep at most `limit` pairs per language × CWE cell, in input order. */
export function limitPerCell(pairs: readonly BenchPair[], limit: number | undefined): BenchPair[] {
  if (limit === undefined) return [...pairs];
  const seen = new Map<string, number>();
  return pairs.filter((p) => {
    const key = `${p.language}\u0000${p.cwe}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n < limit;
  });
}

export async function runOracleBench(input: OracleBenchInput): Promise<OracleBenchResult> {
  const { config } = input;
  const rule = { matches: input.matches, minSeverity: config.minSeverity };
  const run = RunDir.open({
    root: input.runsDir,
    kind: 'oracle-bench',
    config,
    ...(config.runId === undefined ? {} : { id: config.runId }),
  });
  try {
    let pairs: PairBenchSummary | undefined;
    if (input.pairs.length > 0) {
      await runPairBench(input.pairs, input.analyzers, run, {
        ...rule,
        radius: config.radius,
        chunkSize: config.chunkSize,
        ...(input.onProgress === undefined ? {} : { onChunk: input.onProgress }),
      });
      const outcomes: PairOutcome[] = [];
      for await (const o of run.read<PairOutcome>('pairs')) outcomes.push(o);
      const timings: TimingRecord[] = [];
      for await (const t of run.read<TimingRecord>('timings')) timings.push(t);
      const wanted = new Set(input.pairs.map((p) => p.id));
      pairs = summarisePairs(
        outcomes.filter((o) => wanted.has(o.pairId)),
        timings,
        input.pairs,
        input.analyzers,
        input.matches,
      );
    }
    let suite: SuiteBenchSummary | undefined;
    if (input.suite.length > 0) {
      await runSuiteCases(input.suite, input.analyzers, run, {
        ...rule,
        ...(input.onSuiteProgress === undefined ? {} : { onChunk: input.onSuiteProgress }),
      });
      const wanted = new Set(input.suite.map((c) => c.id));
      const outcomes: SuiteOutcome[] = [];
      for await (const o of run.read<SuiteOutcome>('suite')) if (wanted.has(o.caseId)) outcomes.push(o);
      const timings: TimingRecord[] = [];
      for await (const t of run.read<TimingRecord>('suite-timings')) timings.push(t);
      suite = summariseSuite(outcomes, timings, input.analyzers, input.matches);
    }
    const result: OracleBenchResult = {
      runDir: run.path,
      analyzers: input.analyzers.map((a) => a.id),
      minSeverity: config.minSeverity,
      ...(pairs === undefined ? {} : { pairs }),
      ...(suite === undefined ? {} : { suite }),
    };
    writeJsonAtomic(run.file('summary.json'), result);
    run.setProgress({ state: 'done', done: input.pairs.length, total: input.pairs.length });
    return result;
  } catch (e) {
    run.setProgress({
      state: 'failed',
      done: 0,
      total: input.pairs.length,
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  } finally {
    run.close();
  }
}

/** Shape a built-in task as a suite case (kept here so the bench does not depend on the suite's types). */
export function suiteCase(t: {
  readonly id: string;
  readonly family: string;
  readonly language: Language;
  readonly cwes: readonly Cwe[];
  readonly vulnerableReference: string;
  readonly secureReference: string;
}): SuiteCase {
  return {
    id: t.id,
    family: t.family,
    language: t.language,
    cwes: t.cwes,
    vulnerable: t.vulnerableReference,
    secure: t.secureReference,
  };
}
