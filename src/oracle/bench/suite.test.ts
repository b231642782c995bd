import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunDir } from '../../core/rundir.js';
import { createIcd } from '../static/icd/icd.js';
import { exactCwe } from './match.js';
import { renderSuite } from './report.js';
import { runSuiteCases, summariseSuite, type SuiteCase, type SuiteOutcome } from './suite.js';
import type { TimingRecord } from './timing.js';

const root = mkdtempSync(join(tmpdir(), 'secplay-suite-bench-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('oracle bench on the built-in suite', () => {
  it('measures recall on vulnerable references and false alarms on secure ones', async () => {
    const cases: SuiteCase[] = [
      {
        id: 'copy/c#1',
        family: 'copy',
        language: 'c',
        cwes: ['CWE-120'],
        vulnerable: 'void f(char *d, const char *s) { strcpy(d, s); }\n',
        secure: 'void f(char *d, const char *s) { snprintf(d, 8, "%s", s); }\n',
      },
      {
        id: 'copy/c#2',
        family: 'copy',
        language: 'c',
        cwes: ['CWE-120'],
        vulnerable: 'void f(char *d, const char *s) { memcpy(d, s, 99); }\n',
        // a secure reference that still matches the rule: a false alarm
        secure: 'void f(char *d, const char *s) { if (strlen(s) < 8) strcpy(d, s); }\n',
      },
    ];
    const icd = createIcd();
    const rule = { matches: exactCwe, minSeverity: 'medium' as const };
    const run = RunDir.open({ root, id: 's1', kind: 'oracle-bench', config: {} });
    await runSuiteCases(cases.slice(0, 1), [icd], run, rule);
    // a resume only analyses the case that is missing
    await runSuiteCases(cases, [icd], run, { ...rule, chunkSize: 1 });
    const outcomes: SuiteOutcome[] = [];
    for await (const o of run.read<SuiteOutcome>('suite')) outcomes.push(o);
    const timings: TimingRecord[] = [];
    for await (const x of run.read<TimingRecord>('suite-timings')) timings.push(x);
    run.close();
    expect(outcomes.map((o) => o.caseId)).toEqual(['copy/c#1', 'copy/c#2']);
    expect(timings.map((x) => x.files)).toEqual([2, 2]);
    const s = summariseSuite(outcomes, timings, [icd], exactCwe);
    expect(s.cases).toBe(2);
    expect(s.recall).toBe(0.5);
    expect(s.falseAlarmRate).toBe(0.5);
    expect(s.rows[0]).toMatchObject({
      family: 'copy',
      cases: 2,
      coveredBy: ['icd'],
      falseAlarmRules: ['icd:bugprone-strcpy'],
    });
    expect(s.rows[0]?.vulnerableFlagged['all']).toBe(1);
    const text = renderSuite(s, ['icd'], 'medium');
    expect(text).toMatch(/recall on vulnerable references: 50% of 2/);
    expect(text).toMatch(/false alarms on secure references: 50% of 2/);
  });
});
