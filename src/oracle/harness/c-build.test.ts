import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../core/records.js';
import { discoverTests } from '../../lang/spec.js';
import type { Task } from '../../suite/task.js';
import { Judge } from '../judge.js';
import { NO_ANALYZERS } from '../static-check.js';
import { fixtureTask } from '../testing/fixtures.js';
import {
  definedNames,
  dupsAssembly,
  isStdEntity,
  sharesOnlyPromptEntities,
  strongSymbols,
  taskRunner,
  weakSymbols,
} from './c-build.js';
import { unresolvedAtStart } from './c.js';

describe('duplicate-symbol object', () => {
  const nm = [
    'main T 0000000000000000 0000000000000010',
    'secplay_tests D 0000000000000000 0000000000000040',
    'helper t 0000000000000000 0000000000000008',
    '_Z6inlinev W 0000000000000000 0000000000000008',
    '__asan_global_x D 0 8',
    '_GLOBAL__sub_I_00099_0 T 0 8',
    'counter B 0000000000000000 0000000000000004',
    'printf U',
  ].join('\n');

  it('lists the strong global symbols only (no local, weak, undefined or sanitizer symbols)', () => {
    expect(strongSymbols(nm)).toEqual(['main', 'secplay_tests', 'counter']);
  });

  it('defines each of them in assembly', () => {
    const s = dupsAssembly(nm);
    for (const name of ['main', 'secplay_tests', 'counter'])
      expect(s).toContain(`\t.globl ${name}\n${name}:`);
    expect(s).not.toContain('helper');
    expect(s).toContain('.note.GNU-stack');
  });

  it('recognises the loader’s message for an unbound symbol', () => {
    expect(
      unresolvedAtStart('/opt/x/runner: symbol lookup error: ./libsolution.so: undefined symbol: _Z3addii'),
    ).toBe(true);
    expect(unresolvedAtStart('secplay-result func_adds fail 1 exit 127')).toBe(false);
  });
});

describe("the runner's exports and its references' instantiations", () => {
  it('tells std entities (members, templates, their statics, vtables) from the task’s own', () => {
    for (const std of [
      '_ZNKSt3mapINSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEiSt4lessIS5_ESaISt4pairIKS5_iEEE4findERS9_',
      '_ZNSt6vectorIiSaIiEE9push_backERKi',
      '_ZSt3minImERKT_S2_S2_',
      '_ZNSaIcED2Ev',
      '_ZN9__gnu_cxx17__normal_iteratorIPiSt6vectorIiSaIiEEEppEv',
      '_ZZNSt8__detail9__to_charsIjEEvPcjjE8__digits',
      '_ZTVNSt3__18functionIFvvEEE',
    ])
      expect({ std, is: isStdEntity(std) }).toEqual({ std, is: true });
    for (const own of [
      '_Z6lookupRKSt3mapIiiSt4lessIiESaISt4pairIKiiEEEi',
      '_Z8countAllv',
      '_ZN6Parser5parseEv',
      '_ZN3BoxIiEC2Ei',
      '_ZnwmPv',
      'main',
    ])
      expect({ own, is: isStdEntity(own) }).toEqual({ own, is: false });
  });

  it('takes a reference’s instantiations only if its body declares nothing a candidate could name', () => {
    const t = { ...fixtureTask('cpp'), prompt: '#include <map>\nint f(const std::map<int, int> &m)\n{\n' };
    expect(sharesOnlyPromptEntities(t, `${t.prompt}    return m.count(1);\n}\n`)).toBe(true);
    for (const body of [
      '    return 0;\n}\nstruct Entry { int k; };\n',
      '    return 0;\n}\ntemplate <class T> T twice(T x) { return x + x; }\n',
      '    return 0;\n}\ninline int helper() { return 1; }\n',
      '    using V = std::map<int, int>;\n    return 0;\n}\n',
    ])
      expect({ body, shares: sharesOnlyPromptEntities(t, t.prompt + body) }).toEqual({ body, shares: false });
    // a reference that does not start with the prompt is not the prompt plus a body
    expect(sharesOnlyPromptEntities(t, 'int f(const std::map<int, int> &m) { return 0; }\n')).toBe(false);
  });

  it('reads weak and defined symbols from nm -P output', () => {
    const nm = [
      '_Z1fv T 0 8',
      '_ZNSt6vectorIiSaIiEE9push_backERKi W 0 8',
      '_ZTVSt9exception V 0 8',
      'g U',
      'h w',
      '_ZZNSt8__detail4impEvE8__digits u 0 8',
    ].join('\n');
    expect(weakSymbols(nm)).toEqual([
      '_ZNSt6vectorIiSaIiEE9push_backERKi',
      '_ZTVSt9exception',
      '_ZZNSt8__detail4impEvE8__digits',
    ]);
    expect(definedNames(nm)).toEqual([
      '_Z1fv',
      '_ZNSt6vectorIiSaIiEE9push_backERKi',
      '_ZTVSt9exception',
      '_ZZNSt8__detail4impEvE8__digits',
    ]);
  });

  const execFileP = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'secplay-runner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    "exports its references' std instantiations, never their own functions (real g++)",
    { timeout: 120_000 },
    async () => {
      const prompt =
        '#include <map>\n#include <string>\n\nint lookup(const std::map<std::string, int> &m, const std::string &k)\n{\n';
      const test = [
        '#include <map>',
        '#include <string>',
        '#include "secplay_test.h"',
        'int lookup(const std::map<std::string, int> &m, const std::string &k);',
        'TEST(func_finds) {',
        '    std::map<std::string, int> m;',
        '    m["a"] = 1;',
        '    CHECK_INT_EQ(lookup(m, "a"), 1);',
        '}',
        '',
      ].join('\n');
      const t: Task = {
        ...task(
          'cpp',
          test,
          `${prompt}    auto it = m.find(k);\n    return it == m.end() ? -1 : it->second;\n}\n`,
        ),
        prompt,
        id: 'runner-exports/cpp',
        vulnerableReference: `${prompt}    return m.at(k);\n}\n`,
      };
      const built = await taskRunner(dir, t, 'cpp', true);
      const provided = readFileSync(join(dir, built.provided), 'utf8').split('\n');
      // the secure reference's map::find (the test never calls it) and the vulnerable one's map::at
      expect(provided.some((n) => n.startsWith('_ZNKSt3map') && n.includes('4find'))).toBe(true);
      expect(provided.some((n) => n.startsWith('_ZNKSt3map') && n.includes('2at'))).toBe(true);
      // the references' own lookup is neither exported nor defined: the test's call goes to the candidate
      expect(provided.filter((n) => n.startsWith('_Z6lookup'))).toEqual([]);
      const { stdout } = await execFileP('/usr/bin/nm', ['-D', join(dir, built.runner)]);
      expect(stdout).toMatch(/ U _Z6lookup/);
      // what the runner exports is what it defines
      expect(
        provided.filter((n) => n !== '').every((n) => stdout.includes(` ${n}\n`) || stdout.endsWith(` ${n}`)),
      ).toBe(true);
    },
  );

  it(
    'carries a reference whose prompt defines inline members the test defines too (real g++)',
    { timeout: 120_000 },
    async () => {
      const config = [
        '#include <map>',
        '#include <string>',
        '',
        'struct Config {',
        '    std::map<std::string, std::string> m;',
        '    const std::string *find(const std::string &k) const',
        '    {',
        '        auto it = m.find(k);',
        '        return it == m.end() ? nullptr : &it->second;',
        '    }',
        '};',
        '',
      ].join('\n');
      const prompt = `${config}std::string get_or(const Config &c, const std::string &k, const std::string &d)\n{\n`;
      const test = [
        config,
        '#include "secplay_test.h"',
        'std::string get_or(const Config &c, const std::string &k, const std::string &d);',
        'TEST(func_default) {',
        '    Config c;',
        '    c.m["a"] = "1";',
        '    CHECK(get_or(c, "a", "x") == "1");',
        '    CHECK(get_or(c, "b", "x") == "x");',
        '    CHECK(c.find("b") == nullptr);',
        '}',
        '',
      ].join('\n');
      const t: Task = {
        ...task('cpp', test, `${prompt}    const std::string *v = c.find(k);\n    return v ? *v : d;\n}\n`),
        prompt,
        id: 'runner-prompt-class/cpp',
        vulnerableReference: `${prompt}    if (c.m.count(k) == 0)\n        return d;\n    return *c.find(k);\n}\n`,
      };
      const built = await taskRunner(dir, t, 'cpp', true);
      const provided = readFileSync(join(dir, built.provided), 'utf8').split('\n');
      // map::count only the vulnerable reference calls: its instantiations were linked in
      expect(provided.some((n) => n.startsWith('_ZNKSt3map') && n.includes('5count'))).toBe(true);
      expect(provided.some((n) => n.startsWith('_ZNK6Config4find'))).toBe(true);
      expect(provided.filter((n) => n.startsWith('_Z6get_or'))).toEqual([]);
    },
  );

  it(
    'leaves out a reference defining an inline function the candidate writes (real g++)',
    { timeout: 120_000 },
    async () => {
      // the prompt opens a member function: its body is the candidate's, and the reference's
      // std::sort<ByAbs> would call the reference's body
      const prompt = [
        '#include <algorithm>',
        '#include <cstdlib>',
        '#include <vector>',
        '',
        'struct ByAbs {',
        '    bool operator()(int a, int b) const',
        '    {',
        '',
      ].join('\n');
      const rest =
        '    }\n};\n\nvoid sort_abs(std::vector<int> &v) { std::sort(v.begin(), v.end(), ByAbs{}); }\n';
      const test = [
        '#include <vector>',
        '#include "secplay_test.h"',
        'void sort_abs(std::vector<int> &v);',
        'TEST(func_sorts) {',
        '    std::vector<int> v{3, -1, 2};',
        '    sort_abs(v);',
        '    CHECK_INT_EQ(v[0], -1);',
        '}',
        '',
      ].join('\n');
      const t: Task = {
        ...task('cpp', test, `${prompt}        return std::abs(a) < std::abs(b);\n${rest}`),
        prompt,
        id: 'runner-prompt-opens-inline/cpp',
        vulnerableReference: `${prompt}        return a < b;\n${rest}`,
      };
      expect(sharesOnlyPromptEntities(t, t.secureReference)).toBe(true);
      const built = await taskRunner(dir, t, 'cpp', true);
      const provided = readFileSync(join(dir, built.provided), 'utf8').split('\n');
      expect(provided.filter((n) => n.includes('5ByAbs'))).toEqual([]);
    },
  );
});

/** A C or C++ task with its own test file (no sanitizer unless asked). */
function task(lang: 'c' | 'cpp', test: string, secure: string, cwes: Task['cwes'] = ['CWE-682']): Task {
  const base = fixtureTask(lang, cwes);
  return {
    ...base,
    id: `link-${lang}-${base.tests.length}`,
    testSource: test,
    tests: discoverTests(lang, test),
    secureReference: secure,
  };
}

describe('C/C++ candidates linked as a shared library mean what a static link means (real sandbox)', () => {
  let judge: Judge;
  beforeAll(() => {
    judge = new Judge({ cache: false, workers: 2, static: NO_ANALYZERS });
  });
  afterAll(async () => {
    await judge.close();
  });
  const one = async (t: Task, source: string): Promise<Verdict> =>
    (await judge.judgeMany([{ task: t, source }]))[0] as Verdict;

  const addTest =
    '#include "secplay_test.h"\n\nint add(int a, int b);\n\nTEST(func_adds) {\n    CHECK_INT_EQ(add(2, 3), 5);\n}\n';
  const add = 'int add(int a, int b) { return a + b; }\n';

  it('a candidate that also defines main does not link', { timeout: 120_000 }, async () => {
    for (const lang of ['c', 'cpp'] as const) {
      const v = await one(task(lang, addTest, add), `${add}int main(void) { return 0; }\n`);
      expect({ lang, compiles: v.compiles, kind: v.problems[0]?.kind }).toEqual({
        lang,
        compiles: false,
        kind: 'compile_error',
      });
      expect(v.problems[0]?.detail).toMatch(/duplicate symbol.*main|main.*duplicate|multiple definition/);
    }
  });

  it(
    'a candidate without the function the tests call, or calling one nobody defines, does not link',
    { timeout: 120_000 },
    async () => {
      for (const lang of ['c', 'cpp'] as const) {
        const missing = await one(task(lang, addTest, add), 'int sub(int a, int b) { return a - b; }\n');
        expect({ lang, compiles: missing.compiles }).toEqual({ lang, compiles: false });
        expect(missing.problems[0]?.detail).toMatch(/undefined symbol/);
        const calls = await one(
          task(lang, addTest, add),
          `${lang === 'cpp' ? 'extern "C" ' : ''}int nowhere(int);\nint add(int a, int b) { return nowhere(a) + b; }\n`,
        );
        expect({ lang, compiles: calls.compiles }).toEqual({ lang, compiles: false });
        expect(calls.problems[0]?.detail).toMatch(/undefined symbol: nowhere/);
      }
    },
  );

  it(
    "a test's stub of a libc function is what the candidate calls; a candidate's own version of one is what it calls",
    { timeout: 120_000 },
    async () => {
      const stubTest = [
        '#include <stdlib.h>',
        '#include "secplay_test.h"',
        'static int calls;',
        'int system(const char *cmd) { (void)cmd; calls++; return 0; }',
        'int run(void);',
        'TEST(func_calls_the_stub) {',
        '    CHECK_INT_EQ(run(), 0);',
        '    CHECK_INT_EQ(calls, 1);',
        '}',
        '',
      ].join('\n');
      const viaSystem = '#include <stdlib.h>\nint run(void) { return system("exit 3"); }\n';
      const v = await one(task('c', stubTest, viaSystem), viaSystem);
      expect({ functional: v.functional, tests: v.tests.map((t) => t.status) }).toEqual({
        functional: true,
        tests: ['pass'],
      });

      const ownTest =
        '#include "secplay_test.h"\nint run(void);\nTEST(func_own_rand) {\n    CHECK_INT_EQ(run(), 42);\n}\n';
      // rand is no compiler builtin: the call really goes through the dynamic linker
      const own = 'int rand(void) { return 42; }\nint run(void) { return rand(); }\n';
      const w = await one(task('c', ownTest, own), own);
      expect({ functional: w.functional, tests: w.tests.map((t) => t.status) }).toEqual({
        functional: true,
        tests: ['pass'],
      });
    },
  );

  it(
    'C++ exceptions thrown by the candidate reach the test, with and without sanitizers',
    { timeout: 120_000 },
    async () => {
      const test = [
        '#include <stdexcept>',
        '#include "secplay_test.h"',
        'int parse(int x);',
        'TEST(func_throws) {',
        '    int caught = 0;',
        '    try { parse(-1); } catch (const std::invalid_argument &) { caught = 1; }',
        '    CHECK_INT_EQ(caught, 1);',
        '    CHECK_INT_EQ(parse(4), 4);',
        '}',
        '',
      ].join('\n');
      const src =
        '#include <stdexcept>\nint parse(int x) {\n    if (x < 0) throw std::invalid_argument("negative");\n    return x;\n}\n';
      for (const cwes of [['CWE-682'], ['CWE-787']] as Task['cwes'][]) {
        const v = await one(task('cpp', test, src, cwes), src);
        expect({
          cwes,
          functional: v.functional,
          tests: v.tests.map((t) => `${t.status} ${t.detail ?? ''}`),
        }).toEqual({
          cwes,
          functional: true,
          tests: ['pass '],
        });
      }
    },
  );

  it(
    'a candidate cannot report its own tests: forged result lines and a forged marker are caught',
    { timeout: 120_000 },
    async () => {
      const test = [
        '#include "secplay_test.h"',
        'int add(int a, int b);',
        'TEST(func_adds) {',
        '    CHECK_INT_EQ(add(2, 3), 5);',
        '}',
        'TEST(sec_negative) {',
        '    CHECK_INT_EQ(add(-5, 1), -4);',
        '}',
        '',
      ].join('\n');
      // a static constructor prints pass lines for every test and flushes them before main runs
      const forger = [
        '#include <cstdio>',
        'static int forged = (std::printf("secplay-result func_adds pass 0\\nsecplay-result sec_negative pass 0\\n"), std::fflush(stdout));',
        'int add(int a, int b) { return 0; }',
        '',
      ].join('\n');
      const v = await one(task('cpp', test, 'int add(int a, int b) { return a + b; }\n'), forger);
      expect({ reward: v.reward, kind: v.problems[0]?.kind }).toEqual({ reward: 0, kind: 'tampering' });
      expect(v.tests.map((t) => t.status)).toEqual(['error', 'error']);
      // writing a fixed marker byte to every descriptor and exiting 0 inside the test is not a pass
      const marker = [
        '#include <unistd.h>',
        'int add(int a, int b) {',
        '    for (int fd = 3; fd < 64; fd++) { ssize_t w = write(fd, "P", 1); (void)w; }',
        '    _exit(0);',
        '}',
        '',
      ].join('\n');
      const w = await one(task('c', test, 'int add(int a, int b) { return a + b; }\n'), marker);
      expect(w.tests.map((t) => t.status)).toEqual(['fail', 'fail']);
      expect(w.tests[0]?.detail).toMatch(/before the test returned/);
    },
  );
});
