import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../core/errors.js';
import { setLogSink } from '../../core/log.js';
import type { Finding, Language, Severity } from '../../core/records.js';
import type { AnalysisResult, Analyzer, Availability, SourceFile } from './analyzer.js';
import {
  ANALYZER_IDS,
  ANALYZERS,
  getAnalyzer,
  runAnalyzerList,
  runAnalyzers,
  selectAnalyzers,
} from './registry.js';

/** Small analyzers that exercise the registry's bookkeeping (not stand-ins for a real tool). */
class Fixed implements Analyzer {
  calls = 0;
  constructor(
    readonly id: string,
    readonly languages: readonly Language[],
    private readonly av: Availability,
    private readonly severity: Severity = 'high',
    private readonly fail = false,
  ) {}
  readonly cwes = ['CWE-78' as const];
  availability(): Promise<Availability> {
    return Promise.resolve(this.av);
  }
  analyze(files: readonly SourceFile[]): Promise<AnalysisResult> {
    this.calls++;
    if (this.fail) return Promise.reject(new Error('tool crashed with signal 11'));
    const findings: Finding[] = files.map((f) => ({
      analyzer: this.id,
      ruleId: 'r1',
      cwes: ['CWE-78'],
      severity: this.severity,
      message: 'm',
      file: f.path,
      span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    }));
    return Promise.resolve({ findings, notes: [] });
  }
}

const files: SourceFile[] = [
  { path: 'b.py', language: 'py', text: 'x' },
  { path: 'a.c', language: 'c', text: 'x' },
];
const logged: string[] = [];
setLogSink((l) => logged.push(l));
afterEach(() => {
  logged.length = 0;
});

describe('analyzer registry', () => {
  it('lists every registered id, with instances whose id matches the key', () => {
    expect(ANALYZER_IDS).toContain('treesitter');
    for (const id of ANALYZER_IDS) expect(getAnalyzer(id).id).toBe(id);
    expect(ANALYZER_IDS.length).toBe(Object.keys(ANALYZERS).length);
  });

  it('rejects an unknown id with the list of known ones', () => {
    expect(() => selectAnalyzers(['treesitter', 'nope'])).toThrow(NotFoundError);
    expect(() => getAnalyzer('nope')).toThrow(/unknown analyzer 'nope'/);
  });

  it('runs available analyzers on their languages, records missing and skipped ones', async () => {
    const py = new Fixed('py-tool', ['py'], { available: true, version: '1' });
    const c = new Fixed('c-tool', ['c'], { available: true, version: '1' }, 'low');
    const gone = new Fixed('gone', ['py'], { available: false, reason: 'gone-tool not installed' });
    const go = new Fixed('go-tool', ['go'], { available: true, version: '1' });
    const r = await runAnalyzerList([py, c, gone, go], files);
    expect(r.ran).toEqual(['py-tool', 'c-tool']);
    expect(r.missing).toEqual(['gone']);
    expect(r.skipped).toEqual(['go-tool']);
    expect(r.incomplete).toEqual([]);
    expect(gone.calls).toBe(0);
    expect(r.findings.map((f) => [f.file, f.analyzer])).toEqual([
      ['a.c', 'c-tool'],
      ['b.py', 'py-tool'],
    ]);
    expect(r.notes).toEqual([{ analyzer: 'gone', message: 'not available: gone-tool not installed' }]);
    expect(Object.keys(r.timings).sort()).toEqual(['c-tool', 'py-tool']);
  });

  it('logs a missing tool once per process, however often it is asked for', async () => {
    const gone = new Fixed('gone-once', ['py'], { available: false, reason: 'not installed' });
    await runAnalyzerList([gone], files);
    await runAnalyzerList([gone], files);
    expect(logged.filter((l) => l.includes("'gone-once' is not available"))).toHaveLength(1);
  });

  it('filters findings by minimum severity and files by language', async () => {
    const py = new Fixed('py-tool', ['py', 'c'], { available: true, version: '1' }, 'medium');
    expect((await runAnalyzerList([py], files, { minSeverity: 'high' })).findings).toEqual([]);
    expect((await runAnalyzerList([py], files, { minSeverity: 'medium' })).findings).toHaveLength(2);
    const onlyC = await runAnalyzerList([py], files, { languages: ['c'] });
    expect(onlyC.findings.map((f) => f.file)).toEqual(['a.c']);
  });

  it('turns an analyzer that throws into a note and keeps the others', async () => {
    const bad = new Fixed('crashy', ['py'], { available: true, version: '1' }, 'high', true);
    const good = new Fixed('fine', ['py'], { available: true, version: '1' });
    const r = await runAnalyzerList([bad, good], files);
    expect(r.findings.map((f) => f.analyzer)).toEqual(['fine']);
    expect(r.notes[0]?.message).toMatch(/crashy|signal 11/);
    expect(r.ran).toEqual(['crashy', 'fine']);
    // it may have missed findings: the run says so
    expect(r.incomplete).toEqual(['crashy']);
  });

  it('hands a crossFile analyzer unrelated files one at a time, and related ones together', async () => {
    class Batches extends Fixed {
      readonly sizes: number[] = [];
      constructor(
        id: string,
        readonly crossFile: boolean,
      ) {
        super(id, ['py'], { available: true, version: '1' });
      }
      override analyze(fs: readonly SourceFile[]): Promise<AnalysisResult> {
        this.sizes.push(fs.length);
        return super.analyze(fs);
      }
    }
    const three: SourceFile[] = ['a', 'b', 'c'].map((n) => ({ path: `${n}.py`, language: 'py', text: 'x' }));
    const whole = new Batches('ctu', true);
    const apart = new Batches('ctu', true);
    const perFile = new Batches('plain', false);
    await runAnalyzerList([whole], three);
    const r = await runAnalyzerList([apart, perFile], three, { independent: true });
    expect(whole.sizes).toEqual([3]);
    expect(apart.sizes).toEqual([1, 1, 1]);
    expect(perFile.sizes).toEqual([3]);
    expect(r.findings.filter((f) => f.analyzer === 'ctu').map((f) => f.file)).toEqual([
      'a.py',
      'b.py',
      'c.py',
    ]);
  });

  it('runs the real built-in rules through runAnalyzers', async () => {
    const r = await runAnalyzers(
      [{ path: 'v.py', language: 'py', text: 'def f(x):\n    return eval(x)\n' }],
      {
        analyzers: ['treesitter'],
      },
    );
    expect(r.ran).toEqual(['treesitter']);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['py-eval']);
  });
});
