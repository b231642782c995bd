import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { isSafePattern } from 'redos-detector';
import type { Cwe, Finding, Language } from '../../../core/records.js';
import type { AnalysisNote, AnalysisResult, Analyzer, Availability, SourceFile } from '../analyzer.js';
import { LineIndex } from '../columns.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  cwes,
  makeFinding,
  selectFiles,
  tableCwes,
  type RuleInfo,
} from './common.js';

/**
 * ESLint (JavaScript) through its Node API with eslint-plugin-security, eslint-plugin-no-unsanitized
 * and core no-eval/no-implied-eval/no-new-func: one `ESLint` instance per source type, created once,
 * then `lintText` per file (~6 ms). ESLint gives 1-based line/column in UTF-16 code units, the same
 * units secplay uses, and no CWE ids: the table below maps rules to CWEs. ESLint does not see SQL
 * built by concatenation (the tree-sitter rules do).
 */
export const ESLINT_RULES: Readonly<Record<string, RuleInfo>> = {
  'no-eval': { cwes: cwes(95), severity: 'high' },
  'no-implied-eval': { cwes: cwes(95), severity: 'high' },
  'no-new-func': { cwes: cwes(95), severity: 'high' },
  'security/detect-eval-with-expression': { cwes: cwes(95), severity: 'high' },
  'security/detect-child-process': { cwes: cwes(78), severity: 'medium' },
  // fires on every non-literal path, validated or not: a hint, not a verdict (tree-sitter rules judge CWE-22)
  'security/detect-non-literal-fs-filename': { cwes: cwes(22), severity: 'low' },
  'security/detect-non-literal-require': { cwes: cwes(829, 94), severity: 'medium' },
  'security/detect-unsafe-regex': { cwes: cwes(1333, 400), severity: 'medium' },
  'security/detect-non-literal-regexp': { cwes: cwes(1333, 400), severity: 'medium' },
  'security/detect-pseudoRandomBytes': { cwes: cwes(338), severity: 'medium' },
  'security/detect-possible-timing-attacks': { cwes: cwes(208), severity: 'low' },
  'security/detect-object-injection': { cwes: cwes(1321, 915), severity: 'note' },
  'security/detect-no-csrf-before-method-override': { cwes: cwes(352), severity: 'medium' },
  'security/detect-buffer-noassert': { cwes: cwes(125, 787), severity: 'medium' },
  'security/detect-new-buffer': { cwes: cwes(1188), severity: 'low' },
  'security/detect-disable-mustache-escape': { cwes: cwes(79), severity: 'high' },
  'security/detect-bidi-characters': { cwes: cwes(451), severity: 'medium' },
  'security/detect-invisible-characters': { cwes: cwes(451), severity: 'low' },
  'no-unsanitized/property': { cwes: cwes(79), severity: 'high' },
  'no-unsanitized/method': { cwes: cwes(79), severity: 'high' },
};

type SourceType = 'module' | 'commonjs';

interface Loaded {
  readonly ESLint: typeof ESLint;
  readonly security: Linter.Config;
  readonly noUnsanitized: Linter.Config;
}

/** ESLint and the plugins are loaded on first use, so importing the registry stays cheap. */
async function load(): Promise<Loaded> {
  const [eslint, security, noUnsanitized] = await Promise.all([
    import('eslint'),
    import('eslint-plugin-security'),
    import('eslint-plugin-no-unsanitized'),
  ]);
  return {
    ESLint: eslint.ESLint,
    security: security.default.configs.recommended,
    noUnsanitized: noUnsanitized.default.configs.recommended,
  };
}

function config(lib: Loaded, sourceType: SourceType): Linter.Config[] {
  return [
    lib.security,
    lib.noUnsanitized,
    {
      files: ['**/*.js'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType,
        parserOptions: { ecmaFeatures: { jsx: true, globalReturn: sourceType === 'commonjs' } },
      },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules: { 'no-eval': 'error', 'no-implied-eval': 'error', 'no-new-func': 'error' },
    },
  ];
}

/**
 * detect-unsafe-regex uses safe-regex's star-height heuristic, which also flags linear patterns such
 * as /^[a-z0-9]+(-[a-z0-9]+)*$/ (the usual fix for ReDoS). When redos-detector, which explores the
 * pattern's backtracking paths, proves a regex literal safe, the finding stays as a low-severity hint.
 * The pattern is only analysed, never run. Unproven (too complex, or vulnerable) keeps the finding.
 */
export function checkRedos(f: Finding, lines: LineIndex): Finding {
  if (f.span.startLine !== f.span.endLine) return f;
  const text = lines.line(f.span.startLine).slice(f.span.startColumn - 1, f.span.endColumn - 1);
  const m = /^\/((?:[^\\/\n]|\\.)+)\/([a-z]*)$/.exec(text);
  if (m === null) return f;
  const flags = m[2] ?? '';
  try {
    const r = isSafePattern(m[1] ?? '', {
      caseInsensitive: flags.includes('i'),
      dotAll: flags.includes('s'),
      multiLine: flags.includes('m'),
      unicode: flags.includes('u') || flags.includes('v'),
      maxScore: 10,
      maxSteps: 20_000,
      timeout: 500,
    });
    if (r.safe)
      return { ...f, severity: 'low', message: `${f.message} (redos-detector: no exponential backtracking)` };
  } catch {
    // a pattern redos-detector cannot parse stays flagged
  }
  return f;
}

/**
 * How a file is parsed, in order: an ES module; a script/CommonJS (top-level return, `with`); and,
 * for a method cut out of its class (`render(props) { … }`, common in SafeCoder's JavaScript pairs
 * and in completions), the same text inside a class body, with line numbers shifted back.
 */
const ATTEMPTS = [
  { sourceType: 'module', wrap: false },
  { sourceType: 'commonjs', wrap: false },
  { sourceType: 'module', wrap: true },
] as const;
const FRAGMENT_OPEN = 'class SecplayFragment {';

export interface EslintOptions {
  readonly maxFileBytes?: number;
}

export class EslintAnalyzer implements Analyzer {
  readonly id = 'eslint';
  readonly languages: readonly Language[] = ['js'];
  readonly cwes: readonly Cwe[] = tableCwes(ESLINT_RULES);
  private readonly engines = new Map<SourceType, ESLint>();
  private lib: Promise<Loaded> | undefined;
  private readonly cwd = tmpdir();
  private readonly maxFileBytes: number;

  constructor(opts: EslintOptions = {}) {
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  async availability(): Promise<Availability> {
    try {
      const lib = await (this.lib ??= load());
      return { available: true, version: lib.ESLint.version };
    } catch (e) {
      this.lib = undefined;
      return {
        available: false,
        reason: `cannot load eslint and its security plugins (${e instanceof Error ? e.message : String(e)}); run npm ci`,
      };
    }
  }

  private async engine(sourceType: SourceType): Promise<ESLint> {
    let e = this.engines.get(sourceType);
    if (e === undefined) {
      const lib = await (this.lib ??= load());
      e = new lib.ESLint({
        cwd: this.cwd,
        overrideConfigFile: true,
        overrideConfig: config(lib, sourceType),
        ignore: false,
      });
      this.engines.set(sourceType, e);
    }
    return e;
  }

  async analyze(files: readonly SourceFile[]): Promise<AnalysisResult> {
    const findings: Finding[] = [];
    const notes: AnalysisNote[] = [];
    const avail = await this.availability();
    if (!avail.available) {
      notes.push({ analyzer: this.id, message: `not run: ${avail.reason}` });
      return { findings, notes };
    }
    const todo = selectFiles(this.id, files, this.languages, this.maxFileBytes, notes);
    for (const file of todo) {
      const filePath = join(this.cwd, 'secplay-input.js');
      let messages: Linter.LintMessage[] = [];
      let fatal: string | undefined;
      let firstFatal: string | undefined;
      let threw = false;
      let shift = 0;
      for (const attempt of ATTEMPTS) {
        try {
          const text = attempt.wrap ? `${FRAGMENT_OPEN}\n${file.text}\n}\n` : file.text;
          const [res] = await (await this.engine(attempt.sourceType)).lintText(text, { filePath });
          messages = res?.messages ?? [];
          shift = attempt.wrap ? 1 : 0;
        } catch (e) {
          messages = [];
          fatal = `ESLint failed: ${e instanceof Error ? e.message : String(e)}`;
          threw = true;
          break;
        }
        const f = messages.find((m) => m.fatal === true);
        fatal =
          f === undefined ? undefined : `ESLint could not parse it (line ${f.line - shift}: ${f.message})`;
        firstFatal ??= fatal;
        if (fatal === undefined) break;
      }
      if (fatal !== undefined) {
        notes.push(
          threw
            ? { analyzer: this.id, file: file.path, message: fatal, failed: true }
            : { analyzer: this.id, file: file.path, message: firstFatal ?? fatal },
        );
        continue;
      }
      if (shift > 0) {
        const last = file.text.split('\n').length;
        messages = messages
          .map((m) => ({
            ...m,
            line: m.line - shift,
            ...(m.endLine === undefined ? {} : { endLine: Math.min(last, m.endLine - shift) }),
          }))
          .filter((m) => m.line >= 1 && m.line <= last);
      }
      const lines = new LineIndex(file.text);
      for (const m of messages) {
        if (m.ruleId === null) continue;
        const info = ESLINT_RULES[m.ruleId];
        if (info === undefined) continue;
        const finding = makeFinding(
          this.id,
          { source: file, lines },
          m.ruleId,
          info,
          m.message,
          {
            line: m.line,
            column: m.column,
            ...(m.endLine === undefined ? {} : { endLine: m.endLine }),
            ...(m.endColumn === undefined ? {} : { endColumn: m.endColumn }),
          },
          'utf16',
          1,
        );
        findings.push(m.ruleId === 'security/detect-unsafe-regex' ? checkRedos(finding, lines) : finding);
      }
    }
    return { findings, notes };
  }
}

export function createEslint(opts: EslintOptions = {}): EslintAnalyzer {
  return new EslintAnalyzer(opts);
}
