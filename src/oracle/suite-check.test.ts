import { describe, expect, it } from 'vitest';
import type { TestOutcome, Verdict } from '../core/records.js';
import { checkTask, renderSuiteCheck } from './suite-check.js';
import { fixtureTask } from './testing/fixtures.js';

const task = fixtureTask('py');

function verdict(
  func: TestOutcome['status'],
  sec: TestOutcome['status'],
  compiles = true,
  incomplete: string[] = [],
  notes: Verdict['analyzers']['notes'] = [],
): Verdict {
  const tests: TestOutcome[] = [
    { name: 'test_func_adds', kind: 'functional', status: func },
    { name: 'test_sec_negative', kind: 'security', status: sec },
  ];
  const functional = compiles && func === 'pass';
  const secure = compiles && sec === 'pass';
  return {
    taskId: task.id,
    candidateHash: 'h',
    compiles,
    functional,
    secure,
    reward: functional && secure ? 1 : 0,
    tests,
    findings: [],
    analyzers: { ran: ['treesitter', 'gcc'], missing: [], incomplete, notes },
    problems: compiles ? [] : [{ kind: 'compile_error', detail: 'x' }],
    timings: { testsMs: 5 },
  };
}

describe('checkTask', () => {
  it('accepts a secure reference that passes everything and a vulnerable one that fails a security test', () => {
    const c = checkTask(task, verdict('pass', 'pass'), verdict('pass', 'fail'));
    expect(c.ok).toBe(true);
    expect(c.violations).toEqual([]);
    expect(c.vulnerable.failedSecurity).toEqual(['test_sec_negative']);
    expect(c.tests).toEqual({ functional: 1, security: 1 });
  });

  it('names each violation', () => {
    expect(checkTask(task, verdict('fail', 'pass'), verdict('pass', 'fail')).violations).toEqual([
      'secure reference is not functional: test_func_adds (fail)',
    ]);
    expect(checkTask(task, verdict('pass', 'timeout'), verdict('pass', 'fail')).violations).toEqual([
      'secure reference is not secure: test_sec_negative (timeout)',
    ]);
    expect(checkTask(task, verdict('pass', 'pass'), verdict('pass', 'pass')).violations).toEqual([
      'vulnerable reference passes every security test',
    ]);
    expect(checkTask(task, verdict('pass', 'pass'), verdict('fail', 'fail')).violations).toEqual([
      'vulnerable reference is not functional: test_func_adds (fail)',
    ]);
    expect(
      checkTask(task, verdict('pass', 'pass', true, ['gcc']), verdict('pass', 'fail', true, ['gcc']))
        .violations,
    ).toEqual(['secure reference: static analysis incomplete (gcc failed on it)']);
    const unread = [{ analyzer: 'clang', message: 'clang could not compile it, so it was not analysed' }];
    expect(
      checkTask(task, verdict('pass', 'pass', true, [], unread), verdict('pass', 'fail', true, [], unread))
        .violations,
    ).toEqual([
      'secure reference: clang could not read it whole: clang could not compile it, so it was not analysed',
      'vulnerable reference: clang could not read it whole: clang could not compile it, so it was not analysed',
    ]);
    const broken = checkTask(task, verdict('pass', 'pass'), verdict('skipped', 'skipped', false));
    expect(broken.violations[0]).toMatch(/^vulnerable reference does not compile/);
  });

  it('renders a table with a summary line', () => {
    const good = checkTask(task, verdict('pass', 'pass'), verdict('pass', 'fail'));
    const bad = checkTask(task, verdict('pass', 'pass'), verdict('pass', 'pass'));
    const text = renderSuiteCheck({
      ok: false,
      tasks: [good, bad],
      violations: 1,
      analyzers: { ran: ['bandit', 'treesitter'], missing: ['clang'], incomplete: ['bandit'] },
      ms: 1000,
    });
    expect(text).toMatch(
      /^static analyzers: bandit, treesitter; unavailable: clang; failed on some input: bandit$/m,
    );
    expect(text).toMatch(/^ +task +CWE +tests f\/s +secure ref +vulnerable ref +ms$/m);
    expect(text).toMatch(/^ok +oracle-fixture\/py +CWE-682 +1\/1 +func sec +func fails 1\/1/m);
    expect(text).toMatch(/^FAIL +oracle-fixture\/py +CWE-682 +1\/1 +func sec +func fails 0\/1/m);
    expect(text).toMatch(/oracle-fixture\/py: vulnerable reference passes every security test/);
    expect(text).toMatch(/1 of 2 tasks ok, 1 with violations/);
  });
});
