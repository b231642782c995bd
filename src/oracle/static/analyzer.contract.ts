import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES, normalizeCwe, SEVERITIES, type Finding, type Language } from '../../core/records.js';
import type { AnalysisResult, Analyzer, SourceFile } from './analyzer.js';

/**
 * The shared contract every Analyzer implementation runs (DESIGN.md §2: one contract suite per
 * interface). Call it from the implementation's test file:
 *
 *     analyzerContract('bandit', () => new BanditAnalyzer(), {
 *       samples: { py: { code: 'import pickle\npickle.loads(b)\n', cwe: 'CWE-502' } },
 *     });
 *
 * When the tool is not installed, availability must say why, and analyze must still return
 * (no findings, a note) rather than throw; the sample-detection test then checks exactly that.
 */
export interface ContractSample {
  /** a small vulnerable file the analyzer is expected to flag */
  readonly code: string;
  /** a CWE one of its findings must carry */
  readonly cwe: `CWE-${number}`;
}

export interface ContractOptions {
  /** one vulnerable sample per language the analyzer should flag (at least one language) */
  readonly samples: Partial<Record<Language, ContractSample>>;
}

const UNPARSABLE: Record<Language, string> = {
  py: 'def f(:\n    return ((\nclass\n',
  js: 'function f( {\n  return [1, 2;\n}}}\n',
  go: 'package main\nfunc f( {\n\treturn }\n',
  c: 'int f( {\n  return ;;; }\n#if\n',
  cpp: 'class X { int f( { return; }\ntemplate<\n',
};

function file(path: string, language: Language, text: string): SourceFile {
  return { path, language, text };
}

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Every finding names a given file, has a span inside it, a canonical CWE, and a known severity. */
export function expectWellFormed(a: Analyzer, files: readonly SourceFile[], r: AnalysisResult): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const f of r.findings) {
    const src = byPath.get(f.file);
    expect(src, `finding names an unknown file ${f.file}`).toBeDefined();
    if (src === undefined) continue;
    expectSpanInside(f, lineLengths(src.text));
    expect(f.analyzer).toBe(a.id);
    expect(f.ruleId.length).toBeGreaterThan(0);
    expect(f.message.length).toBeGreaterThan(0);
    expect(SEVERITIES).toContain(f.severity);
    expect(f.cwes.length).toBeGreaterThan(0);
    for (const c of f.cwes) {
      expect(normalizeCwe(c), `CWE id ${c} is not canonical`).toBe(c);
      expect(a.cwes, `${c} is reported but not declared in analyzer.cwes`).toContain(c);
    }
  }
  for (const n of r.notes) {
    expect(n.analyzer).toBe(a.id);
    expect(n.message.length).toBeGreaterThan(0);
  }
}

function expectSpanInside(f: Finding, lines: readonly number[]): void {
  const s = f.span;
  const where = `${f.file}:${s.startLine}:${s.startColumn}-${s.endLine}:${s.endColumn} (${f.ruleId})`;
  for (const v of [s.startLine, s.startColumn, s.endLine, s.endColumn]) {
    expect(Number.isInteger(v), where).toBe(true);
    expect(v, where).toBeGreaterThanOrEqual(1);
  }
  expect(s.startLine, where).toBeLessThanOrEqual(lines.length);
  expect(s.endLine, where).toBeLessThanOrEqual(lines.length);
  expect(s.endLine, where).toBeGreaterThanOrEqual(s.startLine);
  if (s.endLine === s.startLine) expect(s.endColumn, where).toBeGreaterThanOrEqual(s.startColumn);
  expect(s.startColumn, where).toBeLessThanOrEqual((lines[s.startLine - 1] ?? 0) + 1);
  expect(s.endColumn, where).toBeLessThanOrEqual((lines[s.endLine - 1] ?? 0) + 1);
}

export function analyzerContract(name: string, make: () => Analyzer, options: ContractOptions): void {
  describe(`Analyzer contract: ${name}`, () => {
    const a = make();
    afterAll(async () => {
      await a.close?.();
    });

    const sampleLangs = LANGUAGES.filter((l) => options.samples[l] !== undefined);
    const anySample = sampleLangs.map((l) => options.samples[l]?.code ?? '')[0] ?? 'x = 1\n';

    it('declares an id, languages and CWE ids in canonical form', () => {
      expect(a.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(a.languages.length).toBeGreaterThan(0);
      for (const l of a.languages) expect(LANGUAGES).toContain(l);
      for (const c of a.cwes) expect(normalizeCwe(c)).toBe(c);
      expect(sampleLangs.length, 'the contract needs at least one sample').toBeGreaterThan(0);
      for (const l of sampleLangs) expect(a.languages).toContain(l);
    });

    it('reports its availability with a version or a reason', async () => {
      const av = await a.availability();
      if (av.available) expect(av.version.length).toBeGreaterThan(0);
      else expect(av.reason.length).toBeGreaterThan(0);
    });

    it('flags its vulnerable samples with the expected CWE (or, when unavailable, returns a note)', async () => {
      const av = await a.availability();
      for (const l of sampleLangs) {
        const s = options.samples[l];
        if (s === undefined) continue;
        const files = [file(`sample.${l}`, l, s.code)];
        const r = await a.analyze(files);
        expectWellFormed(a, files, r);
        if (av.available)
          expect(
            r.findings.flatMap((f) => f.cwes),
            `${l} sample`,
          ).toContain(s.cwe);
        else {
          expect(r.findings).toEqual([]);
          expect(r.notes.length).toBeGreaterThan(0);
        }
      }
    });

    it('returns no findings for an empty file', async () => {
      for (const l of a.languages) {
        const files = [file(`empty.${l}`, l, '')];
        const r = await a.analyze(files);
        expect(r.findings).toEqual([]);
        expectWellFormed(a, files, r);
      }
    });

    it('does not throw on unparsable code, and its findings stay well-formed', async () => {
      const files = a.languages.map((l) => file(`broken.${l}`, l, UNPARSABLE[l]));
      const r = await a.analyze(files);
      expectWellFormed(a, files, r);
    });

    it('ignores files in languages it does not support', async () => {
      const other = LANGUAGES.filter((l) => !a.languages.includes(l));
      if (other.length === 0) {
        expect([...a.languages].sort()).toEqual([...LANGUAGES].sort());
        return;
      }
      const files = other.map((l) => file(`other.${l}`, l, anySample));
      const r = await a.analyze(files);
      expect(r.findings).toEqual([]);
    });

    it('gives the same result when run twice', async () => {
      const files = sampleLangs.flatMap((l) => {
        const s = options.samples[l];
        return s === undefined ? [] : [file(`again.${l}`, l, s.code)];
      });
      const first = await a.analyze(files);
      const second = await a.analyze(files);
      expect(second).toEqual(first);
    });

    it('never throws on hostile input (NUL bytes, replacement characters, one 200 kB line, CRLF)', async () => {
      const hostile = [
        '\u0000\u0001\u0002binary\u0000',
        '\uFFFD\uFFFD caf\u00e9 \uD83D\uDE00 \uFFFD',
        'x'.repeat(200_000),
        'a = 1\r\nb = 2\r\n\r\n',
        '\n\n\n',
      ];
      const files = a.languages.flatMap((l) => hostile.map((t, i) => file(`hostile${i}.${l}`, l, t)));
      const r = await a.analyze(files);
      expectWellFormed(a, files, r);
    });

    it('close() can be called more than once', async () => {
      const b = make();
      await b.analyze([file(`warm.${b.languages[0] ?? 'py'}`, b.languages[0] ?? 'py', anySample)]);
      await expect(Promise.resolve(b.close?.())).resolves.toBeUndefined();
      await expect(Promise.resolve(b.close?.())).resolves.toBeUndefined();
    });
  });
}
