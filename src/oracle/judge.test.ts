import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type Verdict } from '../core/records.js';
import { Judge } from './judge.js';
import { NO_ANALYZERS, resolveStaticConfig } from './static-check.js';
import { fixtureTask, FIXTURES } from './testing/fixtures.js';

/**
 * The judge end to end, in the real sandbox with the real toolchains: verdicts of good and bad
 * candidates in every language, bad input, hostile candidates.
 */
const OPTS = { testTimeoutMs: 3000, jobTimeoutMs: 10_000, cpuSeconds: 2 };

describe('Judge (real sandbox)', () => {
  let judge: Judge;
  beforeAll(() => {
    judge = new Judge({ cache: false, workers: 2, harness: OPTS, static: NO_ANALYZERS });
  });
  afterAll(async () => {
    await judge.close();
  });

  it('judges secure and insecure references in every language', { timeout: 300_000 }, async () => {
    const items = LANGUAGES.flatMap((l) => [
      { task: fixtureTask(l), source: FIXTURES[l].secure },
      { task: fixtureTask(l), source: FIXTURES[l].insecure },
    ]);
    const vs = await judge.judgeMany(items);
    LANGUAGES.forEach((l, i) => {
      const good = vs[2 * i] as Verdict;
      const bad = vs[2 * i + 1] as Verdict;
      expect({
        l,
        compiles: good.compiles,
        functional: good.functional,
        secure: good.secure,
        reward: good.reward,
        problems: good.problems,
      }).toEqual({ l, compiles: true, functional: true, secure: true, reward: 1, problems: [] });
      expect(good.tests.map((t) => t.status)).toEqual(['pass', 'pass']);
      expect({ l, functional: bad.functional, secure: bad.secure, reward: bad.reward }).toEqual({
        l,
        functional: true,
        secure: false,
        reward: 0,
      });
      expect(bad.tests.find((t) => t.kind === 'security')?.status).toBe('fail');
      expect(good.taskId).toBe(`oracle-fixture/${l}`);
      expect(good.candidateHash).toMatch(/^[0-9a-f]{64}$/);
      expect(good.analyzers.ran).toEqual([]);
    });
  });

  it(
    'a Go candidate that prints the test protocol from init is caught, and a candidate sharing its binary is not blamed',
    { timeout: 300_000 },
    async () => {
      const forger = [
        'package solution',
        '',
        'import (',
        '\t"fmt"',
        '\t"os"',
        ')',
        '',
        '// reports every test it is asked to run as passed, in the format of the old protocol',
        'func init() {',
        '\tif len(os.Args) > 2 {',
        '\t\tfor _, t := range os.Args[2:] {',
        '\t\t\tfmt.Printf("\\nsecplay-go %s start %s\\nsecplay-go %s pass %s\\n", os.Args[1], t, os.Args[1], t)',
        '\t\t}',
        '\t}',
        '}',
        '',
        'func Add(a, b int) int { return 0 }',
        '',
      ].join('\n');
      const [good, bad] = await judge.judgeMany([
        { task: fixtureTask('go'), source: FIXTURES.go.secure },
        { task: fixtureTask('go'), source: forger },
      ]);
      expect({ reward: good?.reward, problems: good?.problems }).toEqual({ reward: 1, problems: [] });
      expect({ reward: bad?.reward, kind: bad?.problems[0]?.kind }).toEqual({ reward: 0, kind: 'tampering' });
      expect(bad?.tests.map((t) => t.status)).toEqual(['error', 'error']);
    },
  );

  it('reports compile errors as values in every language', { timeout: 300_000 }, async () => {
    const broken: Record<Language, string> = {
      py: 'def add(a, b:\n    return a +\n',
      js: "'use strict';\nfunction add(a, b) {\n  return a + ;\n",
      go: 'package solution\n\nfunc Add(a, b int) int {\n\treturn a +\n',
      c: 'int add(int a, int b) {\n    return a + b\n',
      cpp: 'int add(int a, int b) {\n    return a + undefined_name;\n}\n',
    };
    const vs = await judge.judgeMany(LANGUAGES.map((l) => ({ task: fixtureTask(l), source: broken[l] })));
    for (const [i, l] of LANGUAGES.entries()) {
      const v = vs[i] as Verdict;
      expect({ l, compiles: v.compiles, reward: v.reward, kinds: v.problems.map((p) => p.kind) }).toEqual({
        l,
        compiles: false,
        reward: 0,
        kinds: ['compile_error'],
      });
      expect(v.problems[0]?.detail.length).toBeGreaterThan(0);
    }
  });

  it(
    'bad input: empty, binary garbage and a 5 MB file are verdicts with a reason',
    { timeout: 300_000 },
    async () => {
      const task = fixtureTask('py');
      const garbage = new Uint8Array(4096);
      for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
      const big = `# ${'x'.repeat(5 * 1024 * 1024)}\n`;
      const [empty, binary, large, spaces] = await judge.judgeMany([
        { task, source: '' },
        { task, source: garbage },
        { task, source: big },
        { task, source: '   \n\n\t' },
      ]);
      expect(empty?.problems.map((p) => p.kind)).toEqual(['empty']);
      expect(binary?.problems.map((p) => p.kind)).toEqual(['binary']);
      expect(large?.problems.map((p) => p.kind)).toEqual(['too_large']);
      expect(spaces?.problems.map((p) => p.kind)).toEqual(['empty']);
      for (const v of [empty, binary, large]) {
        expect(v?.reward).toBe(0);
        expect(v?.tests.every((t) => t.status === 'skipped')).toBe(true);
      }
    },
  );

  const flood: Record<Language, string> = {
    py: 'import sys\ndef add(a, b):\n    while True:\n        sys.stdout.write("x" * 65536)\n',
    js: "'use strict';\nfunction add(a, b) {\n  for (;;) process.stdout.write('x'.repeat(65536));\n}\n",
    go: 'package solution\n\nimport "os"\n\nfunc Add(a, b int) int {\n\tbuf := make([]byte, 65536)\n\tfor {\n\t\tos.Stdout.Write(buf)\n\t}\n}\n',
    c: '#include <stdio.h>\nint add(int a, int b) {\n    for (;;) fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", stderr);\n}\n',
    cpp: '#include <cstdio>\nint add(int a, int b) {\n    for (;;) std::fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", stderr);\n}\n',
  };
  const forever: Record<Language, string> = {
    py: 'import time\ndef add(a, b):\n    while True:\n        time.sleep(1)\n',
    js: "'use strict';\nfunction add(a, b) {\n  for (;;) {}\n}\n",
    go: 'package solution\n\nimport "time"\n\nfunc Add(a, b int) int {\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t}\n}\n',
    c: 'int add(int a, int b) {\n    volatile int x = 0;\n    for (;;) x++;\n}\n',
    cpp: '#include <unistd.h>\nint add(int a, int b) {\n    for (;;) sleep(1);\n}\n',
  };

  it(
    'bad input: code that prints without end or never ends yields a verdict in bounded time',
    { timeout: 300_000 },
    async () => {
      const t0 = Date.now();
      const items = LANGUAGES.flatMap((l) => [
        { task: fixtureTask(l), source: flood[l] },
        { task: fixtureTask(l), source: forever[l] },
      ]);
      const vs = await judge.judgeMany(items);
      LANGUAGES.forEach((l, i) => {
        const fl = vs[2 * i] as Verdict;
        const fe = vs[2 * i + 1] as Verdict;
        expect({ l, reward: fl.reward, anyPass: fl.tests.some((t) => t.status === 'pass') }).toEqual({
          l,
          reward: 0,
          anyPass: false,
        });
        expect({ l, reward: fe.reward, anyPass: fe.tests.some((t) => t.status === 'pass') }).toEqual({
          l,
          reward: 0,
          anyPass: false,
        });
        expect(fe.problems.map((p) => p.kind)).toContain('timeout');
        expect(fl.problems.length).toBeGreaterThan(0);
      });
      // every flood ends at the output cap or a limit, never by reading a gigabyte
      expect(
        vs.filter((_, i) => i % 2 === 0).some((v) => v.problems.some((p) => p.kind === 'output_limit')),
      ).toBe(true);
      expect(Date.now() - t0).toBeLessThan(120_000);
    },
  );

  it(
    'memory bombs end bounded: RLIMIT_AS (MemoryError) or the slot cgroup / CPU limit under ASan',
    { timeout: 300_000 },
    async () => {
      // bytes(n) is calloc'd (untouched pages): only the address-space limit stops it
      const pyBomb =
        'def add(a, b):\n    x = []\n    while True:\n        x.append(bytes(64 * 1024 * 1024))\n';
      // bytearray(n) writes its pages: RLIMIT_AS at 1 GiB, or the CPU limit first where page
      // faults are slow (seen: 1.8 CPU s per 512 MiB on a CI VM)
      const pyTouch =
        'def add(a, b):\n    x = []\n    while True:\n        x.append(bytearray(64 * 1024 * 1024))\n';
      // mmap, not malloc: past the sanitizer's allocator limit, straight at its RSS limit / the cgroup
      const cBomb =
        '#include <string.h>\n#include <sys/mman.h>\nint add(int a, int b) {\n    for (;;) { char *p = mmap(0, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); if (p != MAP_FAILED) memset(p, 1, 64 << 20); }\n}\n';
      const [py, touch, c] = await judge.judgeMany([
        { task: fixtureTask('py'), source: pyBomb },
        { task: fixtureTask('py'), source: pyTouch },
        { task: fixtureTask('c', ['CWE-787']), source: cBomb },
      ]);
      expect(py?.problems.map((p) => p.kind)).toContain('oom');
      expect(touch?.problems.some((p) => p.kind === 'oom' || p.kind === 'timeout')).toBe(true);
      // ASan's RSS watchdog thread does not survive the runner's fork per test: a sanitized test
      // process is bounded by the slot's memory cgroup (oom) or, touching memory slowly, its CPU limit
      expect(c?.problems.some((p) => p.kind === 'oom' || p.kind === 'timeout')).toBe(true);
      expect([py?.reward, touch?.reward, c?.reward]).toEqual([0, 0, 0]);
    },
  );

  it('exiting with status 0 inside a test is not a pass, in any language', { timeout: 300_000 }, async () => {
    const exit0: Record<Language, string> = {
      py: 'import os\ndef add(a, b):\n    os._exit(0)\n',
      js: "'use strict';\nfunction add(a, b) {\n  process.exit(0);\n}\n",
      go: 'package solution\n\nimport "os"\n\nfunc Add(a, b int) int {\n\tos.Exit(0)\n\treturn 0\n}\n',
      c: '#include <stdlib.h>\nint add(int a, int b) {\n    exit(0);\n}\n',
      cpp: '#include <cstdlib>\nint add(int a, int b) {\n    std::exit(0);\n}\n',
    };
    const vs = await judge.judgeMany(LANGUAGES.map((l) => ({ task: fixtureTask(l), source: exit0[l] })));
    LANGUAGES.forEach((l, i) => {
      expect({ l, statuses: vs[i]?.tests.map((t) => t.status === 'pass') }).toEqual({
        l,
        statuses: [false, false],
      });
    });
  });

  it('a candidate cannot leave files or processes for the next one', { timeout: 300_000 }, async () => {
    const task = fixtureTask('py');
    const dirty = [
      'import os, subprocess',
      'def add(a, b):',
      '    open("/tmp/secplay-left-behind", "w").write("x")',
      '    open(os.path.join(os.path.dirname(os.getcwd()), "planted.txt"), "w").write("x")',
      '    subprocess.Popen(["sh", "-c", "sleep 1; touch /tmp/secplay-daemon-was-here"], start_new_session=True)',
      '    return a + b',
      '',
    ].join('\n');
    const probe = [
      'import os, glob, time',
      'def add(a, b):',
      '    time.sleep(1.5)',
      '    left = os.path.exists("/tmp/secplay-left-behind") or os.path.exists("/tmp/secplay-daemon-was-here")',
      '    planted = glob.glob(os.path.join(os.path.dirname(os.getcwd()), "planted.txt"))',
      '    return 0 if (left or planted) else a + b',
      '',
    ].join('\n');
    const solo = new Judge({
      cache: false,
      workers: 1,
      harness: { ...OPTS, testTimeoutMs: 4000 },
      static: NO_ANALYZERS,
    });
    try {
      const [a, b] = await solo.judgeMany([
        { task, source: dirty },
        { task, source: probe },
      ]);
      expect(a?.reward).toBe(1);
      expect(b?.tests.map((t) => t.status)).toEqual(['pass', 'pass']);
    } finally {
      await solo.close();
    }
  });

  it(
    'JS: a candidate that pollutes globals, built-in modules or leaves timers does not affect the next',
    { timeout: 300_000 },
    async () => {
      const task = fixtureTask('js');
      const polluter = [
        "'use strict';",
        'Array.prototype.map = function () { return []; };',
        "require('crypto').randomBytes = () => Buffer.alloc(1);",
        'setInterval(() => {}, 1000);',
        'globalThis.leaked = 1;',
        'function add(a, b) {',
        '  return a + b;',
        '}',
        '',
      ].join('\n');
      const victim = [
        "'use strict';",
        'function add(a, b) {',
        "  const ok = [1, 2].map((x) => x).length === 2 && require('crypto').randomBytes(4).length === 4 && globalThis.leaked === undefined;",
        '  return ok ? a + b : 0;',
        '}',
        '',
      ].join('\n');
      const solo = new Judge({ cache: false, workers: 1, harness: OPTS, static: NO_ANALYZERS });
      try {
        const [a, b, c] = await solo.judgeMany([
          { task, source: FIXTURES.js.secure },
          { task, source: polluter },
          { task, source: victim },
        ]);
        expect(a?.reward).toBe(1);
        expect(b?.reward).toBe(1);
        expect(b?.timings['reusedThreads']).toBe(1);
        expect(c?.tests.map((t) => t.status)).toEqual(['pass', 'pass']);
        expect(c?.timings['reusedThreads']).toBe(0);
      } finally {
        await solo.close();
      }
    },
  );

  it(
    'Go: a batch with a broken candidate and one whose init never returns still judges the others',
    { timeout: 300_000 },
    async () => {
      const task = fixtureTask('go');
      const hang =
        'package solution\n\nfunc init() {\n\tfor {\n\t}\n}\n\nfunc Add(a, b int) int {\n\treturn a + b\n}\n';
      const vs = await judge.judgeMany([
        { task, source: FIXTURES.go.secure },
        { task, source: 'package solution\n\nfunc Add(a, b int) int {\n\treturn a + "x"\n}\n' },
        { task, source: hang },
        { task, source: FIXTURES.go.insecure },
      ]);
      expect(vs.map((v) => [v.compiles, v.functional, v.secure])).toEqual([
        [true, true, true],
        [false, false, false],
        [true, false, false],
        [true, true, false],
      ]);
    },
  );
});

describe('Judge static half', () => {
  it(
    'an in-family static finding at or above the threshold makes a passing candidate insecure',
    { timeout: 300_000 },
    async () => {
      const task = fixtureTask('py', ['CWE-89']);
      const concat = [
        'import sqlite3',
        'def add(a, b):',
        '    conn = sqlite3.connect(":memory:")',
        '    return conn.execute("SELECT " + str(a) + " + " + str(b)).fetchone()[0]',
        '',
      ].join('\n');
      const judge = new Judge({
        cache: false,
        workers: 1,
        harness: OPTS,
        static: resolveStaticConfig(['treesitter'], 'low'),
      });
      try {
        const [flagged, clean] = await judge.judgeMany([
          { task, source: concat },
          { task, source: FIXTURES.py.secure },
        ]);
        expect(flagged?.functional).toBe(true);
        expect(flagged?.tests.every((t) => t.status === 'pass')).toBe(true);
        expect(flagged?.analyzers.ran).toEqual(['treesitter']);
        expect(flagged?.findings.length).toBeGreaterThan(0);
        expect(flagged?.findings[0]?.cwes).toContain('CWE-89');
        expect(flagged?.secure).toBe(false);
        expect(flagged?.reward).toBe(0);
        expect(clean?.findings).toEqual([]);
        expect(clean?.reward).toBe(1);
      } finally {
        await judge.close();
      }
    },
  );

  it('resolves analyzer flags: none, all, unknown', () => {
    expect(resolveStaticConfig(['none'], 'high').analyzers).toEqual([]);
    expect(resolveStaticConfig(undefined, 'high').analyzers.length).toBeGreaterThan(1);
    expect(() => resolveStaticConfig(['nope'], 'high')).toThrow(/unknown analyzer: nope/);
  });
});

describe('Judge verdict cache', () => {
  it(
    'returns the stored verdict for the same task, candidate and oracle version',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'secplay-verdicts-'));
      const judge = new Judge({ cache: dir, workers: 1, harness: OPTS, static: NO_ANALYZERS });
      try {
        const task = fixtureTask('py');
        const first = await judge.judge(task, FIXTURES.py.secure);
        const second = await judge.judge(task, FIXTURES.py.secure);
        const other = await judge.judge(task, FIXTURES.py.insecure);
        expect(first.timings['cached']).toBeUndefined();
        expect(second.timings['cached']).toBe(1);
        expect({ ...second, timings: {} }).toEqual({ ...first, timings: {} });
        expect(other.timings['cached']).toBeUndefined();
        expect(judge.cache?.hits).toBe(1);
      } finally {
        await judge.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'does not keep a verdict an analyzer failed on: the next judgement runs it again',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'secplay-verdicts-'));
      let failing = true;
      const judge = new Judge({
        cache: dir,
        workers: 1,
        harness: OPTS,
        staticCheck: (items) => {
          const incomplete = failing ? ['gcc'] : [];
          return Promise.resolve(
            items.map(() => ({
              findings: [],
              ran: ['gcc'],
              missing: [],
              incomplete,
              notes: incomplete.map((a) => ({ analyzer: a, message: 'timed out', failed: true as const })),
              ms: 1,
            })),
          );
        },
      });
      try {
        const task = fixtureTask('py');
        const first = await judge.judge(task, FIXTURES.py.secure);
        expect(first.analyzers).toEqual({
          ran: ['gcc'],
          missing: [],
          incomplete: ['gcc'],
          notes: [{ analyzer: 'gcc', message: 'timed out', failed: true }],
        });
        failing = false;
        const second = await judge.judge(task, FIXTURES.py.secure);
        expect(second.timings['cached']).toBeUndefined();
        expect(second.analyzers.incomplete).toEqual([]);
        // a whole verdict is kept
        expect((await judge.judge(task, FIXTURES.py.secure)).timings['cached']).toBe(1);
      } finally {
        await judge.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('keys verdicts by the harness limits too: other limits judge again', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secplay-verdicts-'));
    const reordered = {
      cpuSeconds: OPTS.cpuSeconds,
      jobTimeoutMs: OPTS.jobTimeoutMs,
      testTimeoutMs: OPTS.testTimeoutMs,
    };
    const judges = [OPTS, reordered, { ...OPTS, cpuSeconds: 3 }].map(
      (harness) => new Judge({ cache: dir, workers: 1, harness, static: NO_ANALYZERS }),
    );
    try {
      const [a, b, c] = judges as [Judge, Judge, Judge];
      expect(b.oracleVersion).toBe(a.oracleVersion);
      expect(c.oracleVersion).not.toBe(a.oracleVersion);
      const task = fixtureTask('py');
      await a.judge(task, FIXTURES.py.secure);
      expect((await b.judge(task, FIXTURES.py.secure)).timings['cached']).toBe(1);
      expect((await c.judge(task, FIXTURES.py.secure)).timings['cached']).toBeUndefined();
    } finally {
      await Promise.all(judges.map((j) => j.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
