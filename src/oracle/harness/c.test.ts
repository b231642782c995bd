import { describe, expect, it } from 'vitest';
import { fixtureTask } from '../testing/fixtures.js';
import { needsSanitizer, notTheCandidatesError, parseRunnerOutput } from './c.js';

describe('C/C++ runner output', () => {
  const task = fixtureTask('c');
  const N = '0123456789abcdef';

  it('parses result lines of declared tests that carry the run’s nonce, with the sanitizer headline as detail', () => {
    const out = [
      'candidate noise before main',
      `secplay-begin ${N}`,
      `secplay-result ${N} func_adds pass 3 `,
      'an ASan line on the runner’s stderr',
      `secplay-result ${N} sec_negative crash 12 signal 6: ==1==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ff | READ of size 1 | #0 0x4 in f`,
      `secplay-result ${N} not_declared pass 1 `,
      `secplay-done ${N} 1 1`,
    ].join('\n');
    expect(parseRunnerOutput(task, out)).toEqual({
      tampered: null,
      tests: [
        { name: 'func_adds', kind: 'functional', status: 'pass', ms: 3 },
        {
          name: 'sec_negative',
          kind: 'security',
          status: 'crash',
          ms: 12,
          detail: 'ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ff',
        },
      ],
    });
  });

  it('no protocol lines at all: no outcomes, nothing tampered', () => {
    expect(parseRunnerOutput(task, 'runner: error while loading shared libraries\n')).toEqual({
      tests: [],
      tampered: null,
    });
  });

  it('reports a run with protocol lines the runner did not write as tampered with', () => {
    const forged = (lines: string[]) => parseRunnerOutput(task, lines.join('\n')).tampered;
    // printed by a static constructor, before main drew the nonce
    expect(forged(['secplay-result func_adds pass 0', `secplay-begin ${N}`])).toMatch(
      /before the runner began/,
    );
    expect(forged([`secplay-begin ${'f'.repeat(16)}`, `secplay-begin ${N}`])).toMatch(/a second begin line/);
    // printed later by a process the candidate left behind, without the nonce or with a guess
    expect(forged([`secplay-begin ${N}`, 'secplay-result func_adds pass 0'])).toMatch(/did not write/);
    expect(forged([`secplay-begin ${N}`, `secplay-result ${'0'.repeat(16)} func_adds pass 0`])).toMatch(
      /did not write/,
    );
    expect(
      forged([
        `secplay-begin ${N}`,
        `secplay-result ${N} func_adds fail 1 x`,
        `secplay-result ${N} func_adds pass 0`,
      ]),
    ).toMatch(/reported twice/);
    expect(
      forged([`secplay-begin ${N}`, `secplay-done ${N} 0 2`, `secplay-result ${N} func_adds pass 0`]),
    ).toMatch(/did not write/);
  });

  it('builds memory-safety families with sanitizers and others without', () => {
    expect(needsSanitizer(fixtureTask('c', ['CWE-787']))).toBe(true);
    expect(needsSanitizer(fixtureTask('c', ['CWE-78']))).toBe(false);
  });

  it('retries without the reuse plugin only for failures that are not the candidate’s', () => {
    expect(notTheCandidatesError("solution.cpp:4:5: error: 'x' was not declared in this scope")).toBe(false);
    expect(notTheCandidatesError('solution.cpp:9:1: internal compiler error: Segmentation fault')).toBe(true);
    expect(
      notTheCandidatesError("cc1plus: error: 'reuse_plugin': cannot read '/artifacts/c/k/provided.txt'"),
    ).toBe(true);
    expect(notTheCandidatesError('cc1plus: error: cannot load plugin /artifacts/x.so')).toBe(true);
  });
});
