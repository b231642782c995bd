import { LANGUAGE_EXTENSION, type Cwe, type Finding, type Language } from '../../core/records.js';
import type { Analyzer, SourceFile } from '../static/analyzer.js';
import { runAnalyzerList } from '../static/registry.js';
import { covers, relevant, type MatchRule } from './match.js';

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

export async function runSuiteBench(
  cases: readonly SuiteCase[],
  analyzers: readonly Analyzer[],
  rule: MatchRule,
): Promise<SuiteBenchSummary> {
  const files = cases.flatMap((c) => [file(c, 'vulnerable'), file(c, 'secure')]);
  const findings = new Map<string, readonly Finding[]>();
  const msPerFile: Record<string, number> = {};
  let allMs = 0;
  for (const a of analyzers) {
    const mine = files.filter((f) => a.languages.includes(f.language));
    if (mine.length === 0) continue;
    const r = await runAnalyzerList([a], mine, {});
    if (r.ran.length === 0) continue;
    findings.set(a.id, r.findings);
    const ms = r.timings[a.id] ?? 0;
    msPerFile[a.id] = ms / mine.length;
    allMs += ms;
  }
  msPerFile['all'] = files.length === 0 ? 0 : allMs / files.length;
  const rows = new Map<string, { row: Omit<SuiteRow, 'falseAlarmRules'>; rules: Set<string> }>();
  let flagged = 0;
  let visible = 0;
  let visibleFlagged = 0;
  let falseAlarms = 0;
  for (const c of cases) {
    const key = `${c.family}\u0000${c.language}`;
    const coveredBy = analyzers
      .filter((a) => c.cwes.some((w) => covers(a, c.language, w, rule.matches)))
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
    for (const [id, fs] of findings) {
      const v = relevant(fs, file(c, 'vulnerable').path, c.cwes, rule).length > 0;
      const s = relevant(fs, file(c, 'secure').path, c.cwes, rule);
      vf[id] = (vf[id] ?? 0) + (v ? 1 : 0);
      sf[id] = (sf[id] ?? 0) + (s.length > 0 ? 1 : 0);
      for (const f of s) entry.rules.add(`${f.analyzer}:${f.ruleId}`);
      anyV ||= v;
      anyS ||= s.length > 0;
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
  const n = cases.length;
  return {
    rows: [...rows.values()].map((e) => ({ ...e.row, falseAlarmRules: [...e.rules].sort() })),
    recall: n === 0 ? 0 : flagged / n,
    recallVisible: visible === 0 ? 0 : visibleFlagged / visible,
    visibleCases: visible,
    falseAlarmRate: n === 0 ? 0 : falseAlarms / n,
    cases: n,
    msPerFile,
  };
}
