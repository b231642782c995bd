import { describe, expect, it } from 'vitest';
import { fixtureTask } from '../testing/fixtures.js';
import { needsSanitizer, parseRunnerOutput } from './c.js';

describe('C/C++ runner output', () => {
  const task = fixtureTask('c');

  it('parses result lines of declared tests only, once each, with the sanitizer headline as detail', () => {
    const out = [
      'secplay-result func_adds pass 3 ',
      'secplay-result sec_negative crash 12 signal 6: ==1==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ff | READ of size 1 | #0 0x4 in f',
      'secplay-result sec_negative pass 1 ',
      'secplay-result not_declared pass 1 ',
      'candidate noise secplay-result func_adds fail 1 x',
    ].join('\n');
    expect(parseRunnerOutput(task, out)).toEqual([
      { name: 'func_adds', kind: 'functional', status: 'pass', ms: 3 },
      {
        name: 'sec_negative',
        kind: 'security',
        status: 'crash',
        ms: 12,
        detail: 'ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ff',
      },
    ]);
  });

  it('builds memory-safety families with sanitizers and others without', () => {
    expect(needsSanitizer(fixtureTask('c', ['CWE-787']))).toBe(true);
    expect(needsSanitizer(fixtureTask('c', ['CWE-78']))).toBe(false);
  });
});
