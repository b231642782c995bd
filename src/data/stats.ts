import type { DataError } from '../core/errors.js';
import { isLanguage } from '../core/records.js';
import type { Pair } from './pair.js';
import type { Prompt } from './prompt.js';
import { compareCwe } from './split.js';

/** Counts per language × CWE: `matrix[language][cwe]`. */
export type Matrix = Record<string, Record<string, number>>;

export interface PairGroupStats {
  readonly pairs: number;
  /** before == after (flagged, still counted in `pairs`) */
  readonly identical: number;
  /** same before/after text as an earlier pair (flagged, still counted in `pairs`) */
  readonly duplicates: number;
  /** pairs − duplicates */
  readonly unique: number;
  readonly byLanguage: Record<string, number>;
  readonly byCwe: Record<string, number>;
  readonly matrix: Matrix;
  /** languages present that are not one of our five (counted, but not `Language`s) */
  readonly otherLanguages: string[];
}

export interface SourceSplitStats extends PairGroupStats {
  readonly source: string;
  readonly split: string;
}

export interface PromptSplitStats {
  readonly source: string;
  readonly split: string;
  readonly prompts: number;
  readonly byLanguage: Record<string, number>;
  readonly byCwe: Record<string, number>;
}

export interface IssueSummary {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

export interface DataStats {
  readonly pairs: SourceSplitStats[];
  /** all loaded pair sources together, duplicates counted once (`unique`) */
  readonly totals: PairGroupStats;
  readonly prompts: PromptSplitStats[];
  /** bad records skipped (lenient mode) */
  readonly skipped: number;
  /** the first bad records, with place */
  readonly issues: IssueSummary[];
}

export function groupStats(pairs: readonly Pair[]): PairGroupStats {
  const byLanguage: Record<string, number> = {};
  const byCwe: Record<string, number> = {};
  const matrix: Matrix = {};
  let identical = 0;
  let duplicates = 0;
  for (const p of pairs) {
    if (p.flags.includes('identical')) identical++;
    if (p.flags.includes('duplicate')) duplicates++;
    bump(byLanguage, p.language);
    bump(byCwe, p.cwe);
    bump((matrix[p.language] ??= {}), p.cwe);
  }
  return {
    pairs: pairs.length,
    identical,
    duplicates,
    unique: pairs.length - duplicates,
    byLanguage: sortKeys(byLanguage),
    byCwe: sortCwes(byCwe),
    matrix: Object.fromEntries(Object.keys(sortKeys(matrix)).map((l) => [l, sortCwes(matrix[l] ?? {})])),
    otherLanguages: Object.keys(byLanguage)
      .filter((l) => !isLanguage(l))
      .sort(),
  };
}

/** Statistics per source and split (in load order), plus totals without duplicates. */
export function dataStats(
  pairs: readonly Pair[],
  prompts: readonly Prompt[],
  issues: readonly DataError[],
  maxIssues = 50,
): DataStats {
  const groups = new Map<string, Pair[]>();
  for (const p of pairs) {
    const k = `${p.source}\u0000${p.split}`;
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = []));
    g.push(p);
  }
  const promptGroups = new Map<string, Prompt[]>();
  for (const p of prompts) {
    const k = `${p.source}\u0000${p.split}`;
    let g = promptGroups.get(k);
    if (g === undefined) promptGroups.set(k, (g = []));
    g.push(p);
  }
  const unique = pairs.filter((p) => !p.flags.includes('duplicate'));
  return {
    pairs: [...groups.entries()].map(([k, g]) => {
      const [source = '', split = ''] = k.split('\u0000');
      return { source, split, ...groupStats(g) };
    }),
    totals: groupStats(unique),
    prompts: [...promptGroups.entries()].map(([k, g]) => {
      const [source = '', split = ''] = k.split('\u0000');
      const byLanguage: Record<string, number> = {};
      const byCwe: Record<string, number> = {};
      for (const p of g) {
        bump(byLanguage, p.language);
        bump(byCwe, p.cwe);
      }
      return { source, split, prompts: g.length, byLanguage: sortKeys(byLanguage), byCwe: sortCwes(byCwe) };
    }),
    skipped: issues.length,
    issues: issues.slice(0, maxIssues).map((e) => ({
      ...(e.file === undefined ? {} : { file: e.file }),
      ...(e.line === undefined ? {} : { line: e.line }),
      ...(e.field === undefined ? {} : { field: e.field }),
      message: e.message,
    })),
  };
}

/** Plain-text rendering: a language × CWE table per source and split. */
export function renderStats(s: DataStats): string {
  const out: string[] = [];
  for (const g of s.pairs) {
    const flags = [
      g.identical > 0 ? `${g.identical} identical before/after` : '',
      g.duplicates > 0 ? `${g.duplicates} duplicates of earlier pairs` : '',
    ].filter((x) => x !== '');
    out.push(`${g.source} ${g.split}: ${g.pairs} pairs${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`);
    out.push(table(g.matrix, g.byCwe, g.byLanguage), '');
  }
  if (s.pairs.length > 0) {
    out.push(
      `all pair sources: ${s.totals.unique} unique pairs (${s.totals.identical} identical before/after)` +
        (s.totals.otherLanguages.length > 0
          ? `; languages outside c/cpp/py/go/js: ${s.totals.otherLanguages.join(', ')}`
          : ''),
    );
    out.push(table(s.totals.matrix, s.totals.byCwe, s.totals.byLanguage), '');
  }
  for (const p of s.prompts) {
    out.push(
      `${p.source} ${p.split}: ${p.prompts} prompts; ` +
        Object.entries(p.byLanguage)
          .map(([l, n]) => `${l} ${n}`)
          .join(', '),
    );
  }
  if (s.skipped > 0) {
    out.push('', `${s.skipped} bad records skipped (run with --strict to fail on the first):`);
    for (const i of s.issues.slice(0, 10))
      out.push(
        `  ${[i.file === undefined ? '' : `${i.file}${i.line === undefined ? '' : `:${i.line}`}`, i.field === undefined ? '' : `field '${i.field}'`, i.message].filter((x) => x !== '').join(': ')}`,
      );
  }
  return out.join('\n').trimEnd();
}

function table(matrix: Matrix, byCwe: Record<string, number>, byLanguage: Record<string, number>): string {
  const cwes = Object.keys(byCwe);
  const langs = Object.keys(byLanguage);
  const head = ['lang', ...cwes.map((c) => c.replace('CWE-', '')), 'total'];
  const rows = langs.map((l) => [
    l,
    ...cwes.map((c) => String(matrix[l]?.[c] ?? '')),
    String(byLanguage[l] ?? 0),
  ]);
  rows.push(['total', ...cwes.map((c) => String(byCwe[c] ?? 0)), String(sum(byLanguage))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => r.map((x, i) => x.padStart(widths[i] ?? 0)).join(' ');
  return ['  ' + fmt(head), ...rows.map((r) => '  ' + fmt(r))].join('\n');
}

function bump(o: Record<string, number>, k: string): void {
  o[k] = (o[k] ?? 0) + 1;
}

function sum(o: Record<string, number>): number {
  return Object.values(o).reduce((a, b) => a + b, 0);
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortCwes(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => compareCwe(a, b)));
}
