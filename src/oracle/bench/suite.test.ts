import { describe, expect, it } from 'vitest';
import { createIcd } from '../static/icd/icd.js';
import { exactCwe } from './match.js';
import { renderSuite } from './report.js';
import { runSuiteBench, type SuiteCase } from './suite.js';

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
    const s = await runSuiteBench(cases, [createIcd()], { matches: exactCwe, minSeverity: 'medium' });
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
