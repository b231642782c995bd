import { isLanguage, LANGUAGE_EXTENSION, type Cwe, type Finding, type Language } from '../../core/records.js';
import type { RunDir } from '../../core/rundir.js';
import type { Analyzer, SourceFile } from '../static/analyzer.js';
import { runAnalyzerList } from '../static/registry.js';
import { changedLines } from './changed.js';
import { covers, flaggedNear, type MatchRule } from './match.js';
import { msPerFileOf, type TimingRecord } from './timing.js';

export type { TimingRecord } from './timing.js';

/**
 * `oracle bench` on real vulnerable/fixed pairs (SVEN, SafeCoder): for each language × CWE cell and
 * each analyzer, how often the vulnerable version is flagged with a matching CWE on or next to a
 * line the fix changed (recall), and how often the fixed version is flagged the same way near its
 * changed lines (false alarms). Results stream into a run directory one chunk at a time, so a long
 * bench resumes where it stopped.
 */
export interface BenchPair {
  readonly id: string;
  readonly language: string;
  readonly cwe: Cwe;
  readonly before: string;
  readonly after: string;
}

/** One pair's outcome: per analyzer, whether each side was flagged. Stream `pairs`. */
export interface PairOutcome {
  readonly pairId: string;
  readonly language: Language;
  readonly cwe: Cwe;
  readonly flags: Readonly<
    Record<
      string,
      {
        readonly vulnerable: boolean;
        readonly fixed: boolean;
        /** how many of the pair's two files this analyzer left a note on (could not parse or compile, too large, tool failure) */
        readonly unread: number;
      }
    >
  >;
}

export interface PairBenchOptions extends MatchRule {
  /** lines around a changed line that still count (default 2) */
  readonly radius?: number;
  /** pairs per chunk (default 40: 80 files per analyzer call) */
  readonly chunkSize?: number;
  readonly onChunk?: (done: number, total: number) => void;
}

export const ALL = 'all';

function sourceFile(pair: BenchPair, side: 'before' | 'after', language: Language): SourceFile {
  return { path: `${pair.id}/${side}.${LANGUAGE_EXTENSION[language]}`, language, text: pair[side] };
}

/** Run the analyzers over the pairs not yet in the run's `pairs` stream; append outcomes. */
export async function runPairBench(
  pairs: readonly BenchPair[],
  analyzers: readonly Analyzer[],
  run: RunDir,
  opts: PairBenchOptions,
): Promise<void> {
  const radius = opts.radius ?? 2;
  const done = await run.keys('pairs', (r) => (r as PairOutcome).pairId);
  const byLang = new Map<Language, BenchPair[]>();
  let total = 0;
  let finished = 0;
  for (const p of pairs) {
    const l = p.language;
    if (!isLanguage(l)) continue;
    total++;
    if (done.has(p.id)) finished++;
    else byLang.set(l, [...(byLang.get(l) ?? []), p]);
  }
  const out = run.stream('pairs');
  const timings = run.stream('timings');
  const size = Math.max(1, opts.chunkSize ?? 40);
  for (const [language, list] of byLang) {
    for (let i = 0; i < list.length; i += size) {
      const chunk = list.slice(i, i + size);
      const files = chunk.flatMap((p) => [
        sourceFile(p, 'before', language),
        sourceFile(p, 'after', language),
      ]);
      const perAnalyzer = new Map<string, readonly Finding[]>();
      const noted = new Map<string, Set<string>>();
      for (const a of analyzers) {
        if (!a.languages.includes(language)) continue;
        const r = await runAnalyzerList([a], files, {});
        if (r.ran.length === 0) continue;
        perAnalyzer.set(a.id, r.findings);
        timings.append({
          analyzer: a.id,
          files: files.length,
          ms: r.timings[a.id] ?? 0,
        } satisfies TimingRecord);
        noted.set(a.id, new Set(r.notes.flatMap((n) => (n.file === undefined ? [] : [n.file]))));
      }
      for (const p of chunk) {
        const changed = changedLines(p.before, p.after);
        const vf = sourceFile(p, 'before', language).path;
        const ff = sourceFile(p, 'after', language).path;
        const flags: Record<string, { vulnerable: boolean; fixed: boolean; unread: number }> = {};
        for (const [id, findings] of perAnalyzer) {
          const n = noted.get(id);
          flags[id] = {
            vulnerable: flaggedNear(findings, vf, [p.cwe], changed.before, radius, opts),
            fixed: flaggedNear(findings, ff, [p.cwe], changed.after, radius, opts),
            unread: (n?.has(vf) === true ? 1 : 0) + (n?.has(ff) === true ? 1 : 0),
          };
        }
        out.append({ pairId: p.id, language, cwe: p.cwe, flags } satisfies PairOutcome);
      }
      finished += chunk.length;
      run.setProgress({ state: 'running', done: finished, total, extra: { phase: 'pairs' } });
      opts.onChunk?.(finished, total);
    }
  }
}

/** Counts of one analyzer (or `all`) in one cell. */
export interface CellCounts {
  /** pairs this analyzer ran on */
  readonly pairs: number;
  readonly vulnerableFlagged: number;
  readonly fixedFlagged: number;
}

export interface PairCell {
  readonly language: Language;
  readonly cwe: Cwe;
  readonly pairs: number;
  /** per analyzer id, and `all` (flagged by any analyzer) */
  readonly counts: Readonly<Record<string, CellCounts>>;
  /** analyzers that can report this CWE (or its family) for this language; empty = no rule */
  readonly coveredBy: readonly string[];
}

export interface PairBenchSummary {
  readonly cells: readonly PairCell[];
  /** pairs in languages secplay does not analyse (Ruby, Java), by language */
  readonly unsupported: Readonly<Record<string, number>>;
  /** mean milliseconds per file, per analyzer and for all analyzers together */
  readonly msPerFile: Readonly<Record<string, number>>;
  readonly totals: Readonly<Record<string, CellCounts>>;
  /** per analyzer: files it ran on, and files it left a note on (could not read them fully) */
  readonly unread: Readonly<Record<string, { readonly files: number; readonly unread: number }>>;
}

/** Fold the streamed outcomes into the language × CWE table. */
export function summarisePairs(
  outcomes: readonly PairOutcome[],
  timings: readonly TimingRecord[],
  allPairs: readonly BenchPair[],
  analyzers: readonly Analyzer[],
  matches: MatchRule['matches'],
): PairBenchSummary {
  type Tally = { n: number; v: number; f: number };
  const cells = new Map<
    string,
    { language: Language; cwe: Cwe; pairs: number; counts: Map<string, Tally> }
  >();
  const bump = (m: Map<string, Tally>, id: string, v: boolean, f: boolean): void => {
    const c = m.get(id) ?? { n: 0, v: 0, f: 0 };
    c.n += 1;
    c.v += v ? 1 : 0;
    c.f += f ? 1 : 0;
    m.set(id, c);
  };
  for (const o of outcomes) {
    const key = `${o.language}\u0000${o.cwe}`;
    const cell = cells.get(key) ?? { language: o.language, cwe: o.cwe, pairs: 0, counts: new Map() };
    cell.pairs++;
    let anyV = false;
    let anyF = false;
    for (const [id, fl] of Object.entries(o.flags)) {
      bump(cell.counts, id, fl.vulnerable, fl.fixed);
      anyV ||= fl.vulnerable;
      anyF ||= fl.fixed;
    }
    bump(cell.counts, ALL, anyV, anyF);
    cells.set(key, cell);
  }
  const out: PairCell[] = [...cells.values()]
    .sort((a, b) =>
      a.language === b.language
        ? Number(a.cwe.slice(4)) - Number(b.cwe.slice(4))
        : a.language < b.language
          ? -1
          : 1,
    )
    .map((c) => ({
      language: c.language,
      cwe: c.cwe,
      pairs: c.pairs,
      counts: Object.fromEntries(
        [...c.counts].map(([id, x]) => [id, { pairs: x.n, vulnerableFlagged: x.v, fixedFlagged: x.f }]),
      ),
      coveredBy: analyzers.filter((a) => covers(a, c.language, c.cwe, matches)).map((a) => a.id),
    }));
  const unsupported: Record<string, number> = {};
  for (const p of allPairs)
    if (!isLanguage(p.language)) unsupported[p.language] = (unsupported[p.language] ?? 0) + 1;
  const msPerFile = msPerFileOf(timings, 2 * outcomes.length);
  const unread: Record<string, { files: number; unread: number }> = {};
  for (const o of outcomes)
    for (const [id, fl] of Object.entries(o.flags)) {
      const u = unread[id] ?? { files: 0, unread: 0 };
      unread[id] = { files: u.files + 2, unread: u.unread + (fl.unread ?? 0) };
    }
  const totals: Record<string, CellCounts> = {};
  for (const c of out) {
    for (const [id, x] of Object.entries(c.counts)) {
      const t = totals[id] ?? { pairs: 0, vulnerableFlagged: 0, fixedFlagged: 0 };
      totals[id] = {
        pairs: t.pairs + x.pairs,
        vulnerableFlagged: t.vulnerableFlagged + x.vulnerableFlagged,
        fixedFlagged: t.fixedFlagged + x.fixedFlagged,
      };
    }
  }
  return { cells: out, unsupported, msPerFile, totals, unread };
}
