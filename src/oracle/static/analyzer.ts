import type { Cwe, Finding, Language } from '../../core/records.js';

/** A file handed to an analyzer: its path (for reports) and its content (already read). */
export interface SourceFile {
  readonly path: string;
  readonly language: Language;
  readonly text: string;
}

/** Whether an analyzer can run here, and if not, why (reported once, recorded in verdicts). */
export type Availability =
  | { readonly available: true; readonly version: string }
  | { readonly available: false; readonly reason: string };

/** A note about input that could not be fully analysed (unparsable, too large, tool crashed). */
export interface AnalysisNote {
  readonly analyzer: string;
  readonly file?: string;
  readonly message: string;
  /**
   * The tool failed on this input (timed out, crashed, printed what secplay does not understand,
   * threw): it may have missed findings, and a rerun may differ. Unset for input the analyzer
   * declines for what it is (unparsable, too large), which is the same on every run.
   */
  readonly failed?: true;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly notes: readonly AnalysisNote[];
}

/**
 * A static analyzer. Implementations: the built-in tree-sitter rules, CyberSecEval's regex rules,
 * and adapters for bandit, flawfinder, cppcheck, clang --analyze, gcc -fanalyzer and ESLint.
 * Every implementation runs the shared contract suite (analyzer.contract.ts).
 *
 * `analyze` never throws for bad code or a misbehaving tool: what could not be read or run becomes
 * a note, and findings are returned for everything else.
 */
export interface Analyzer {
  /** registry id, e.g. `treesitter`, `bandit` */
  readonly id: string;
  readonly languages: readonly Language[];
  /** CWEs this analyzer can report at all (for coverage tables and verdict bookkeeping) */
  readonly cwes: readonly Cwe[];
  /** CWEs it can report for one language (coverage per language × CWE); default: `cwes` */
  cwesFor?(language: Language): readonly Cwe[];
  /**
   * Whether one `analyze` call relates its files to each other (whole-program analysis: cppcheck's
   * cross-translation-unit checks). The judge hands over unrelated candidates together; such an
   * analyzer then gets them one by one (`independent` in runAnalyzers). Default: false.
   */
  readonly crossFile?: boolean;
  availability(): Promise<Availability>;
  analyze(files: readonly SourceFile[]): Promise<AnalysisResult>;
  /** release persistent workers, temp dirs */
  close?(): Promise<void>;
}
