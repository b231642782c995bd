import { LANGUAGE_EXTENSION, type Cwe, type Finding, type Language } from '../../core/records.js';
import type { RunDir } from '../../core/rundir.js';
import type { Analyzer, SourceFile } from '../static/analyzer.js';
import { runAnalyzerList } from '../static/registry.js';
import { covers, relevant, type MatchRule } from './match.js';
import { msPerFileOf, type TimingRecord } from './timing.js';

/**
 * `oracle bench` on the built-in suite: each task instance has a vulnerable and a secure reference.
 * Recall = share of vulnerable references flagged with a finding of the task's CWE (family) at or
 * above the threshold, anywhere in the file; false alarms = share of secure references flagged the
 * same way. A task counts as "syntactically visible" when some analyzer can report its CWE for its
 * language at all.
 */
export interface SuiteCase {
  readonly id: string;
  readonly family: string;
  readonly language: Language;
  readonly cwes: readonly Cwe[];
  readonly vulnerable: string;
  readonly secure: string;
}

export interface SuiteRow {
  readonly family: string;
  readonly language: Language;
  readonly cwes: readonly Cwe[];
  readonly cases: number;
  /** per analyzer id and `all` */
  readonly vulnerableFlagged: Readonly<Record<string, number>>;
  readonly secureFlagged: Readonly<Record<string, number>>;
  readonly coveredBy: readonly string[];
  /** rule ids that fired on secure references (to chase false alarms) */
  readonly falseAlarmRules: readonly string[];
}

export interface SuiteBenchSummary {
  readonly rows: readonly SuiteRow[];
  /** over every case */
  readonly recall: number;
  /** over cases whose CWE some analyzer covers for the language */
  readonly recallVisible: number;
  readonly visibleCases: number;
  readonly falseAlarmRate: number;
  readonly cases: number;
  readonly msPerFile: Readonly<Record<string, number>>;
}

function file(c: SuiteCase, side: 'vulnerable' | 'secure'): SourceFile {
  return { path: `${c.id}/${side}.${LANGUAGE_EXTENSION[c.language]}`, language: c.language, text: c[side] };
}

/** One case's outcome per analyzer. Stream `suite` of the run directory. */
export interface SuiteOutcome {
  readonly caseId: string;
  readonly family: string;
  readonly language: Language;
  readonly cwes: readonly Cwe[];
  readonly flags: Readonly<
    Record<
      string,
      { readonly vulnerable: boolean; readonly secure: boolean; readonly secureRules: readonly string[] }
    >
  >;
}

export interface SuiteBenchOptions extends MatchRule {
  /** cases per analyzer call (default 50: 100 files) */
  readonly chunkSize?: number;
  readonly onChunk?: (done: number, total: number) => void;
}

/**
 * Run the analyzers over the cases not yet in the run's `suite` stream (a resumed bench skips
 * the rest) and append their outcomes; timings go to `suite-timings`.
 */
export async function runSuiteCases(
  cases: readonly SuiteCase[],
  analyzers: readonly Analyzer[],
  run: RunDir,
  opts: SuiteBenchOptions,
): Promise<void> {
  const done = await run.keys('suite', (r) => (r as SuiteOutcome).caseId);
  const byLang = new Map<Language, SuiteCase[]>();
  let finished = 0;
  for (const c of cases) {
    if (done.has(c.id)) finished++;
    else byLang.set(c.language, [...(byLang.get(c.language) ?? []), c]);
  }
  const out = run.stream('suite');
  const timings = run.stream('suite-timings');
  const size = Math.max(1, opts.chunkSize ?? 50);
  for (const [language, list] of byLang) {
    for (let i = 0; i < list.length; i += size) {
      const chunk = list.slice(i, i + size);
      const files = chunk.flatMap((c) => [file(c, 'vulnerable'), file(c, 'secure')]);
      const perAnalyzer = new Map<string, readonly Finding[]>();
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
      }
      for (const c of chunk) {
        const flags: Record<string, { vulnerable: boolean; secure: boolean; secureRules: string[] }> = {};
        for (const [id, fs] of perAnalyzer) {
          const s = relevant(fs, file(c, 'secure').path, c.cwes, opts);
          flags[id] = {
            vulnerable: relevant(fs, file(c, 'vulnerable').path, c.cwes, opts).length > 0,
            secure: s.length > 0,
            secureRules: [...new Set(s.map((f) => `${f.analyzer}:${f.ruleId}`))],
          };
        }
        out.append({ caseId: c.id, family: c.family, language, cwes: c.cwes, flags } satisfies SuiteOutcome);
      }
      finished += chunk.length;
      run.setProgress({ state: 'running', done: finished, total: cases.length, extra: { phase: 'suite' } });
      opts.onChunk?.(finished, cases.length);
    }
  }
}

/** Fold streamed suite outcomes into per family × language rows and the overall rates. */
export function summariseSuite(
  outcomes: readonly SuiteOutcome[],
  timings: readonly TimingRecord[],
  analyzers: readonly Analyzer[],
  matches: MatchRule['matches'],
): SuiteBenchSummary {
  const rows = new Map<string, { row: Omit<SuiteRow, 'falseAlarmRules'>; rules: Set<string> }>();
  let flagged = 0;
  let visible = 0;
  let visibleFlagged = 0;
  let falseAlarms = 0;
  for (const c of outcomes) {
    const key = `${c.family}\u0000${c.language}`;
    const coveredBy = analyzers
      .filter((a) => c.cwes.some((w) => covers(a, c.language, w, matches)))
      .map((a) => a.id);
    const entry = rows.get(key) ?? {
      row: {
        family: c.family,
        language: c.language,
        cwes: c.cwes,
        cases: 0,
        vulnerableFlagged: {},
        secureFlagged: {},
        coveredBy,
      },
      rules: new Set<string>(),
    };
    const vf: Record<string, number> = { ...entry.row.vulnerableFlagged };
    const sf: Record<string, number> = { ...entry.row.secureFlagged };
    let anyV = false;
    let anyS = false;
    for (const [id, fl] of Object.entries(c.flags)) {
      vf[id] = (vf[id] ?? 0) + (fl.vulnerable ? 1 : 0);
      sf[id] = (sf[id] ?? 0) + (fl.secure ? 1 : 0);
      for (const r of fl.secureRules) entry.rules.add(r);
      anyV ||= fl.vulnerable;
      anyS ||= fl.secure;
    }
    vf['all'] = (vf['all'] ?? 0) + (anyV ? 1 : 0);
    sf['all'] = (sf['all'] ?? 0) + (anyS ? 1 : 0);
    rows.set(key, {
      row: { ...entry.row, cases: entry.row.cases + 1, vulnerableFlagged: vf, secureFlagged: sf },
      rules: entry.rules,
    });
    if (anyV) flagged++;
    if (anyS) falseAlarms++;
    if (coveredBy.length > 0) {
      visible++;
      if (anyV) visibleFlagged++;
    }
  }
  const n = outcomes.length;
  return {
    rows: [...rows.values()].map((e) => ({ ...e.row, falseAlarmRules: [...e.rules].sort() })),
    recall: n === 0 ? 0 : flagged / n,
    recallVisible: visible === 0 ? 0 : visibleFlagged / visible,
    visibleCases: visible,
    falseAlarmRate: n === 0 ? 0 : falseAlarms / n,
    cases: n,
    msPerFile: msPerFileOf(timings, 2 * n),
  };
}
