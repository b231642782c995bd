import { LANGUAGES, type Cwe, type Finding, type Language } from '../../../core/records.js';
import type { AnalysisNote, AnalysisResult, Analyzer, Availability, SourceFile } from '../analyzer.js';
import { RuleEngine, TREESITTER_ID } from './engine.js';
import { loadLanguage } from './parser.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';

/** Files larger than this are not parsed (a note says so); tree-sitter parses ~3 MB/s here. */
export const MAX_FILE_CHARS = 16 * 1024 * 1024;

/** The built-in rules (rules/*.ts) as an Analyzer, over web-tree-sitter's wasm grammars. */
export class TreeSitterAnalyzer implements Analyzer {
  readonly id = TREESITTER_ID;
  readonly languages: readonly Language[];
  readonly cwes: readonly Cwe[];
  private readonly engine: RuleEngine;

  constructor(readonly rules: readonly Rule[] = RULES) {
    this.engine = new RuleEngine(rules);
    this.languages = LANGUAGES.filter((l) => rules.some((r) => r.languages.includes(l)));
    this.cwes = [...new Set(rules.flatMap((r) => r.cwes))].sort((a, b) => cweNumber(a) - cweNumber(b));
  }

  /** CWEs of the rules for one language (oracle bench's per-language coverage) */
  cwesFor(language: Language): readonly Cwe[] {
    return [...new Set(this.rules.filter((r) => r.languages.includes(language)).flatMap((r) => r.cwes))];
  }

  async availability(): Promise<Availability> {
    try {
      await Promise.all(this.languages.map((l) => loadLanguage(l)));
      return { available: true, version: `web-tree-sitter, ${this.rules.length} rules` };
    } catch (e) {
      return { available: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  async analyze(files: readonly SourceFile[]): Promise<AnalysisResult> {
    const findings: Finding[] = [];
    const notes: AnalysisNote[] = [];
    for (const f of files) {
      if (!this.languages.includes(f.language)) continue;
      if (f.text.length > MAX_FILE_CHARS) {
        notes.push({
          analyzer: this.id,
          file: f.path,
          message: `not analysed: ${f.text.length} characters is over the ${MAX_FILE_CHARS}-character limit`,
        });
        continue;
      }
      try {
        const r = await this.engine.scan(f.path, f.language, f.text);
        findings.push(...r.findings);
        for (const err of r.ruleErrors)
          notes.push({
            analyzer: this.id,
            file: f.path,
            message: `rule check failed (matches dropped): ${err}`,
          });
        if (r.parseErrors > 0)
          notes.push({
            analyzer: this.id,
            file: f.path,
            message: `${r.parseErrors} syntax error(s) in ${f.language} code; findings cover the parts that parsed`,
          });
      } catch (e) {
        notes.push({
          analyzer: this.id,
          file: f.path,
          message: `not analysed: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
    return { findings, notes };
  }
}

function cweNumber(c: Cwe): number {
  return Number(c.slice(4));
}
