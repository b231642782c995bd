import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Cwe, type Finding, type Language } from '../../../core/records.js';
import type { AnalysisNote, AnalysisResult, Analyzer, Availability, SourceFile } from '../analyzer.js';
import { DEFAULT_MAX_FILE_BYTES, selectFiles } from '../tools/common.js';
import { ICD_LANGUAGE_FILES, defaultIcdRulesDir, loadIcdRules } from './rules.js';

/**
 * CyberSecEval's Insecure Code Detector regex rules as one analyzer. Like upstream
 * (`insecure_code_detector._search_pattern`), a match on a line whose text before the match starts a
 * comment or directive (`#`, `//`, `/*`, or ends a block comment) is ignored; unlike upstream, every
 * match is reported (not only the first per rule), because TSP needs each location.
 */
export interface IcdOptions {
  /** the `rules/regex` directory (default: under the shared data directory) */
  readonly rulesDir?: string;
  readonly maxFileBytes?: number;
  /** matches kept per rule per file (default 50) */
  readonly maxMatchesPerRule?: number;
}

export class IcdAnalyzer implements Analyzer {
  readonly id = 'icd';
  readonly languages: readonly Language[] = LANGUAGES;
  private readonly dir: string;
  private readonly maxFileBytes: number;
  private readonly maxMatches: number;

  constructor(opts: IcdOptions = {}) {
    this.dir = opts.rulesDir ?? defaultIcdRulesDir();
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxMatches = opts.maxMatchesPerRule ?? 50;
  }

  /** CWEs of every rule that loads (empty when the rule data is absent). */
  get cwes(): readonly Cwe[] {
    if (!existsSync(this.dir)) return [];
    const set = new Set<Cwe>();
    for (const l of LANGUAGES)
      for (const r of loadIcdRules(this.dir, l).rules) for (const c of r.cwes) set.add(c);
    return [...set].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  }

  cwesFor(language: Language): readonly Cwe[] {
    if (!existsSync(this.dir)) return [];
    const set = new Set<Cwe>();
    for (const r of loadIcdRules(this.dir, language).rules) for (const c of r.cwes) set.add(c);
    return [...set];
  }

  availability(): Promise<Availability> {
    if (!existsSync(join(this.dir, ICD_LANGUAGE_FILES.c[0] ?? 'c.yaml')))
      return Promise.resolve({
        available: false,
        reason: `CyberSecEval's rule data is not at ${this.dir} (set --data-dir or SECPLAY_DATA_DIR to the shared data folder)`,
      });
    const n = LANGUAGES.reduce((s, l) => s + loadIcdRules(this.dir, l).rules.length, 0);
    if (n === 0) return Promise.resolve({ available: false, reason: `no usable rule in ${this.dir}` });
    return Promise.resolve({ available: true, version: `regex rules (${n} rule-language pairs)` });
  }

  analyze(files: readonly SourceFile[]): Promise<AnalysisResult> {
    const warned = new Set<string>();
    const findings: Finding[] = [];
    const notes: AnalysisNote[] = [];
    if (!existsSync(this.dir)) {
      notes.push({ analyzer: this.id, message: `not run: no rule data at ${this.dir}` });
      return Promise.resolve({ findings, notes });
    }
    for (const file of selectFiles(this.id, files, this.languages, this.maxFileBytes, notes)) {
      const set = loadIcdRules(this.dir, file.language);
      for (const p of set.problems) {
        if (warned.has(p)) continue; // once per call, not once per file
        warned.add(p);
        notes.push({ analyzer: this.id, message: `rule skipped: ${p}` });
      }
      const starts = lineStarts(file.text);
      for (const rule of set.rules) {
        let n = 0;
        for (const m of file.text.matchAll(rule.regex)) {
          const start = m.index;
          const end = start + m[0].length;
          const sl = lineOf(starts, start);
          const lineStart = starts[sl - 1] ?? 0;
          if (isCommentOrDirective(file.text.slice(lineStart, start))) continue;
          const el = lineOf(starts, Math.max(start, end - 1));
          findings.push({
            analyzer: this.id,
            ruleId: rule.id,
            cwes: rule.cwes,
            severity: rule.severity,
            message: rule.description,
            file: file.path,
            span: {
              startLine: sl,
              startColumn: start - lineStart + 1,
              endLine: el,
              endColumn: Math.max(end, start + 1) - (starts[el - 1] ?? 0) + 1,
            },
          });
          if (++n >= this.maxMatches) break;
        }
      }
    }
    return Promise.resolve({ findings, notes });
  }
}

/** upstream's `_is_comment_or_directive`, applied to the line's text before the match */
function isCommentOrDirective(before: string): boolean {
  const t = before.trim();
  return t.startsWith('#') || t.startsWith('//') || t.startsWith('/*') || t.endsWith('*/');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of offset `pos` (binary search over line starts) */
function lineOf(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function createIcd(opts: IcdOptions = {}): IcdAnalyzer {
  return new IcdAnalyzer(opts);
}
