import type { PairBenchSummary } from './pairs.js';
import { ALL } from './pairs.js';
import type { SuiteBenchSummary } from './suite.js';

/** Text rendering of `oracle bench` results (the JSON form is the summaries themselves). */

/** A plain-text table: the first `left` columns left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left = 2): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function pct(num: number, den: number): string {
  return den === 0 ? '–' : `${((100 * num) / den).toFixed(0)}%`;
}

export function renderPairs(
  s: PairBenchSummary,
  analyzerIds: readonly string[],
  minSeverity: string,
): string {
  const ids = [ALL, ...analyzerIds];
  const cell = (c: { pairs: number; vulnerableFlagged: number; fixedFlagged: number } | undefined): string =>
    c === undefined || c.pairs === 0
      ? '·'
      : `${pct(c.vulnerableFlagged, c.pairs)} / ${pct(c.fixedFlagged, c.pairs)}`;
  const rows = s.cells.map((c) => [
    c.language,
    c.cwe,
    String(c.pairs),
    ...ids.map((id) => cell(c.counts[id])),
  ]);
  rows.push(['total', '', String(s.totals[ALL]?.pairs ?? 0), ...ids.map((id) => cell(s.totals[id]))]);
  const out = [
    `Real pairs: recall / false alarms per language × CWE (a matching CWE at severity ≥ ${minSeverity} within ±2 lines of a changed line; vulnerable version / fixed version)`,
    table(['lang', 'cwe', 'pairs', ...ids], rows),
    '',
    `time per file: ${ids.map((id) => `${id} ${(s.msPerFile[id] ?? 0).toFixed(1)} ms`).join(', ')}`,
  ];
  const unread = Object.entries(s.unread)
    .filter(([, u]) => u.unread > 0)
    .map(([id, u]) => `${id} ${u.unread}/${u.files} (${pct(u.unread, u.files)})`);
  if (unread.length > 0)
    out.push(
      `files an analyzer could not fully read (parse/compile errors, limits; see notes): ${unread.join(', ')}`,
    );
  const noRule = s.cells
    .filter((c) => c.coveredBy.length === 0)
    .map((c) => `${c.language} ${c.cwe} (${c.pairs})`);
  out.push(
    noRule.length === 0 ? 'every language × CWE cell has a rule' : `cells with no rule: ${noRule.join(', ')}`,
  );
  const unsupported = Object.entries(s.unsupported).map(([l, n]) => `${l} (${n})`);
  if (unsupported.length > 0)
    out.push(`pairs in languages secplay does not analyse: ${unsupported.join(', ')}`);
  return out.join('\n');
}

export function renderSuite(
  s: SuiteBenchSummary,
  analyzerIds: readonly string[],
  minSeverity: string,
): string {
  const ids = [ALL, ...analyzerIds];
  const rows = s.rows.map((r) => [
    r.family,
    r.language,
    r.cwes.join(','),
    String(r.cases),
    ...ids.map(
      (id) => `${pct(r.vulnerableFlagged[id] ?? 0, r.cases)} / ${pct(r.secureFlagged[id] ?? 0, r.cases)}`,
    ),
    r.coveredBy.length === 0 ? 'no rule' : '',
  ]);
  const alarms = s.rows
    .filter((r) => r.falseAlarmRules.length > 0)
    .map((r) => `  ${r.family}/${r.language}: ${r.falseAlarmRules.join(', ')}`);
  return [
    `Built-in suite: vulnerable references flagged / secure references flagged (task CWE at severity ≥ ${minSeverity})`,
    table(['family', 'lang', 'cwe', 'cases', ...ids, ''], rows, 3),
    '',
    `recall on vulnerable references: ${pct(s.recall * s.cases, s.cases)} of ${s.cases}; ` +
      `on those whose weakness a rule can see: ${pct(s.recallVisible * s.visibleCases, s.visibleCases)} of ${s.visibleCases}`,
    `false alarms on secure references: ${pct(s.falseAlarmRate * s.cases, s.cases)} of ${s.cases}`,
    `time per file: ${ids.map((id) => `${id} ${(s.msPerFile[id] ?? 0).toFixed(1)} ms`).join(', ')}`,
    ...(alarms.length > 0 ? ['rules that fired on secure references:', ...alarms] : []),
  ].join('\n');
}
