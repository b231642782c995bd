import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunDir } from '../../core/rundir.js';
import { createIcd } from '../static/icd/icd.js';
import { exactCwe } from './match.js';
import {
  runPairBench,
  summarisePairs,
  type BenchPair,
  type PairOutcome,
  type TimingRecord,
} from './pairs.js';
import { renderPairs } from './report.js';

// real pairs in miniature, judged by a real analyzer (CyberSecEval's regex rules: strcpy → CWE-120)
const strcpyPair = (id: string, far = false): BenchPair => ({
  id,
  language: 'c',
  cwe: 'CWE-120',
  before: far
    ? 'void f(char *d, const char *s) {\n  strcpy(d, s);\n  int a;\n  int b;\n  int c;\n  int x = 1;\n}\n'
    : 'void f(char *d, const char *s) {\n  strcpy(d, s);\n}\n',
  after: far
    ? 'void f(char *d, const char *s) {\n  strcpy(d, s);\n  int a;\n  int b;\n  int c;\n  int x = 2;\n}\n'
    : 'void f(char *d, const char *s) {\n  snprintf(d, 16, "%s", s);\n}\n',
});

describe('oracle bench on pairs', () => {
  const root = mkdtempSync(join(tmpdir(), 'secplay-bench-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const icd = createIcd();
  const rule = { matches: exactCwe, minSeverity: 'medium' as const };

  it('counts recall near changed lines, false alarms on the fixed side, and resumes', async () => {
    const pairs: BenchPair[] = [
      strcpyPair('pair-a'),
      strcpyPair('pair-b'),
      // the strcpy is 4 lines from the change, and still there after the fix: neither side counts
      strcpyPair('pair-far', true),
      { id: 'pair-rb', language: 'rb', cwe: 'CWE-78', before: 'system(x)', after: 'system("ls")' },
    ];
    const run = RunDir.open({ root, id: 'b1', kind: 'oracle-bench', config: { t: 1 } });
    await runPairBench(pairs.slice(0, 1), [icd], run, { ...rule, chunkSize: 1 });
    // a second call (a resume) only does what is missing
    await runPairBench(pairs, [icd], run, { ...rule, chunkSize: 2 });
    const outcomes: PairOutcome[] = [];
    for await (const o of run.read<PairOutcome>('pairs')) outcomes.push(o);
    const timings: TimingRecord[] = [];
    for await (const t of run.read<TimingRecord>('timings')) timings.push(t);
    run.close();
    expect(outcomes.map((o) => o.pairId)).toEqual(['pair-a', 'pair-b', 'pair-far']);
    expect(outcomes[0]?.flags['icd']).toEqual({ vulnerable: true, fixed: false, unread: 0 });
    expect(outcomes[2]?.flags['icd']).toEqual({ vulnerable: false, fixed: false, unread: 0 });

    const s = summarisePairs(outcomes, timings, pairs, [icd], exactCwe);
    expect(s.cells).toHaveLength(1);
    expect(s.cells[0]).toMatchObject({ language: 'c', cwe: 'CWE-120', pairs: 3, coveredBy: ['icd'] });
    expect(s.cells[0]?.counts['all']).toEqual({ pairs: 3, vulnerableFlagged: 2, fixedFlagged: 0 });
    expect(s.unsupported).toEqual({ rb: 1 });
    expect(s.msPerFile['icd']).toBeGreaterThanOrEqual(0);
    const text = renderPairs(s, ['icd'], 'medium');
    expect(text).toMatch(/c\s+CWE-120\s+3\s+67% \/ 0%/);
    expect(text).toMatch(/every language × CWE cell has a rule/);
    expect(text).toMatch(/rb \(1\)/);
  });

  it('names the cells no analyzer has a rule for', () => {
    const outcome: PairOutcome = { pairId: 'p', language: 'go', cwe: 'CWE-681', flags: {} };
    const s = summarisePairs([outcome], [], [], [icd], exactCwe);
    expect(s.cells[0]?.coveredBy).toEqual([]);
    expect(renderPairs(s, ['icd'], 'medium')).toMatch(/cells with no rule: go CWE-681 \(1\)/);
  });

  it('counts the files an analyzer could not read, per analyzer', async () => {
    // the far pair's files are over this ICD's size limit: a note each, so both count as unread
    const small = createIcd({ maxFileBytes: 80 });
    const run = RunDir.open({ root, id: 'b2', kind: 'oracle-bench', config: { t: 2 } });
    const pairs = [strcpyPair('pair-a'), strcpyPair('pair-far', true)];
    await runPairBench(pairs, [small], run, rule);
    const outcomes: PairOutcome[] = [];
    for await (const o of run.read<PairOutcome>('pairs')) outcomes.push(o);
    run.close();
    expect(outcomes.map((o) => o.flags['icd']?.unread)).toEqual([0, 2]);
    const s = summarisePairs(outcomes, [], pairs, [small], exactCwe);
    expect(s.unread['icd']).toEqual({ files: 4, unread: 2 });
    expect(renderPairs(s, ['icd'], 'medium')).toMatch(/could not fully read .*icd 2\/4 \(50%\)/);
  });
});
