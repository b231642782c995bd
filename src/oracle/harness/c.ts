import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sha256 } from '../../core/hash.js';
import type { Cwe, TestOutcome, TestStatus } from '../../core/records.js';
import { LANGUAGE_SPECS } from '../../lang/spec.js';
import type { Task } from '../../suite/task.js';
import {
  allTests,
  ARTIFACTS_INSIDE,
  completeTests,
  problemsFromTests,
  solutionText,
  type Candidate,
  type Harness,
  type HarnessContext,
  type HarnessOutcome,
} from './harness.js';
import { buildOnce } from './artifacts.js';
import { buildPch, choosePch, commonHeaders } from './cpp-pch.js';
import { stepResult } from './steps.js';

/**
 * C and C++ (gcc/g++ inside the sandbox). The task's test file is compiled ONCE per task, outside
 * the sandbox (it is trusted), into an object together with secplay's runner main
 * (src/lang/c/secplay_runner.h): each test in its own forked child with a wall limit and a
 * pass marker. Per candidate, one compiler call inside the sandbox compiles the solution and
 * links it with that object; then the binary runs every test.
 *
 * Memory-safety families are built with AddressSanitizer + UBSan (a sanitizer report fails the
 * test): no RLIMIT_AS then, the sandbox's memory cgroup bounds memory. Other families are built
 * plainly at -O0 (faster to compile) with RLIMIT_AS. Linking uses mold (or gold: both far
 * faster than bfd for these small sanitizer links). C++ candidates are compiled with a
 * precompiled header of the standard headers their task's prompt opens with (cpp-pch.ts).
 */
const execFileP = promisify(execFile);
const C_DIR = fileURLToPath(new URL('../../lang/c', import.meta.url));

/** CWEs whose security tests need a sanitizer to see the weakness (out-of-bounds, UAF, UB…). */
export const MEMORY_SAFETY_CWES: ReadonlySet<Cwe> = new Set<Cwe>([
  'CWE-119',
  'CWE-120',
  'CWE-121',
  'CWE-122',
  'CWE-124',
  'CWE-125',
  'CWE-126',
  'CWE-127',
  'CWE-131',
  'CWE-134',
  'CWE-170',
  'CWE-190',
  'CWE-191',
  'CWE-193',
  'CWE-415',
  'CWE-416',
  'CWE-476',
  'CWE-680',
  'CWE-787',
  'CWE-824',
]);

export function needsSanitizer(task: Task): boolean {
  return task.cwes.some((c) => MEMORY_SAFETY_CWES.has(c));
}

interface Toolchain {
  readonly compiler: string;
  readonly std: string;
  readonly ext: string;
}
const TOOLCHAINS: Readonly<Record<'c' | 'cpp', Toolchain>> = {
  c: { compiler: '/usr/bin/gcc', std: '-std=gnu11', ext: 'c' },
  cpp: { compiler: '/usr/bin/g++', std: '-std=gnu++17', ext: 'cpp' },
};

const SANITIZE = [
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=undefined',
  '-fno-omit-frame-pointer',
];
/**
 * ASan cannot run under RLIMIT_AS (terabytes of shadow reservations): its own limits bound each
 * test process (allocations beyond the limit return NULL; resident memory beyond it ends the
 * process), inside the slot's memory cgroup.
 */
function sanitizerEnv(memoryBytes: number): Record<string, string> {
  const mb = Math.max(64, Math.floor(memoryBytes / 1024 ** 2));
  return {
    ASAN_OPTIONS: `detect_leaks=0:allocator_may_return_null=1:print_summary=1:symbolize=0:malloc_limit_mb=${mb}:hard_rss_limit_mb=${mb}`,
    UBSAN_OPTIONS: 'print_stacktrace=0:halt_on_error=1',
  };
}

function flags(tc: Toolchain, sanitize: boolean): string[] {
  return [tc.std, '-O0', '-w', '-pipe', ...(sanitize ? SANITIZE : [])];
}

/** The compiler and flags a candidate of `lang` is compiled with (for tests and tools). */
export function candidateCompiler(
  lang: 'c' | 'cpp',
  sanitize: boolean,
): { compiler: string; flags: string[] } {
  const tc = TOOLCHAINS[lang];
  return { compiler: tc.compiler, flags: flags(tc, sanitize) };
}

/** The task's compiled test object + runner main (path relative to the artifacts dir). */
export async function testObject(
  artifactsDir: string,
  task: Task,
  lang: 'c' | 'cpp',
  sanitize: boolean,
): Promise<string> {
  const tc = TOOLCHAINS[lang];
  const header = readFileSync(join(C_DIR, 'secplay_test.h'), 'utf8');
  const runner = readFileSync(join(C_DIR, 'secplay_runner.h'), 'utf8');
  const key = sha256([lang, String(sanitize), tc.std, task.testSource, header, runner].join('\u0000')).slice(
    0,
    24,
  );
  await buildOnce(artifactsDir, 'c', key, async (tmp) => {
    const testFile = LANGUAGE_SPECS[lang].testFile;
    writeFileSync(join(tmp, testFile), task.testSource);
    writeFileSync(
      join(tmp, `harness.${tc.ext}`),
      `#define main secplay_header_main\n#include "${testFile}"\n#undef main\n#include "secplay_runner.h"\n`,
    );
    await execFileP(
      tc.compiler,
      [
        ...flags(tc, sanitize),
        '-I',
        C_DIR,
        '-c',
        '-o',
        join(tmp, 'harness.o'),
        join(tmp, `harness.${tc.ext}`),
      ],
      { timeout: 120_000 },
    );
  });
  return join('c', key, 'harness.o');
}

let common: string[] | undefined;

/**
 * The PCH a C++ candidate compiles with (see cpp-pch.ts), built on first use. If it cannot be built
 * (a header the prompt names does not exist here), the candidate compiles without one and the
 * compiler says what is missing.
 */
async function candidatePch(
  artifactsDir: string,
  task: Task,
  source: string,
  sanitize: boolean,
): Promise<string | undefined> {
  common ??= commonHeaders();
  const choice = choosePch(task.prompt, source, common);
  if (choice === null) return undefined;
  const tc = TOOLCHAINS.cpp;
  try {
    return await buildPch(artifactsDir, tc.compiler, flags(tc, sanitize), choice.headers);
  } catch {
    return undefined;
  }
}

/**
 * mold links these small sanitizer binaries in ~22 ms against gold's ~29 (bfd: ~53); one thread,
 * as the sandbox's slot runs one job per core anyway. gold when mold is not installed.
 */
let linker: string[] | undefined;
function linkerFlags(): string[] {
  linker ??= existsSync('/usr/bin/mold') ? ['-fuse-ld=mold', '-Wl,--threads=1'] : ['-fuse-ld=gold'];
  return linker;
}

export function cHarness(lang: 'c' | 'cpp'): Harness {
  return {
    languages: [lang],
    worker: 'python',
    batchSize: 1,
    async judge(ctx: HarnessContext, batch: readonly Candidate[]): Promise<HarnessOutcome[]> {
      const out: HarnessOutcome[] = [];
      for (const c of batch) out.push(await judgeOne(ctx, lang, c));
      return out;
    },
  };
}

async function judgeOne(
  ctx: HarnessContext,
  lang: 'c' | 'cpp',
  { task, source }: Candidate,
): Promise<HarnessOutcome> {
  const tc = TOOLCHAINS[lang];
  const o = ctx.options;
  const sanitize = needsSanitizer(task);
  let obj: string;
  let pch: string | undefined;
  const tb = performance.now();
  try {
    obj = await testObject(ctx.artifactsDir, task, lang, sanitize);
    if (lang === 'cpp') pch = await candidatePch(ctx.artifactsDir, task, source, sanitize);
  } catch (e) {
    const detail = `the task's test file does not compile: ${e instanceof Error ? e.message.slice(0, 1500) : String(e)}`;
    return {
      compiled: false,
      tests: allTests(task, 'error', detail),
      problems: [{ kind: 'harness_error', detail }],
      timings: {},
    };
  }
  const buildTestMs = performance.now() - tb;
  const solution = LANGUAGE_SPECS[lang].solutionFile;
  const runTimeout = Math.min(o.jobTimeoutMs, task.tests.length * o.testTimeoutMs + 2000);
  const t0 = performance.now();
  const reply = await ctx.worker('python').request(
    {
      op: 'exec',
      files: { [solution]: solutionText(task, source) },
      steps: [
        {
          argv: [
            tc.compiler,
            ...flags(tc, sanitize),
            ...(pch === undefined ? [] : ['-include', `${ARTIFACTS_INSIDE}/${pch}`]),
            ...linkerFlags(),
            '-o',
            't',
            solution,
            `${ARTIFACTS_INSIDE}/${obj}`,
            '-lm',
          ],
          timeout_ms: 30_000,
          limits: { cpu: 30, as: null, fsize: 64 * 1024 ** 2, nofile: 256 },
          output_cap: 4000,
        },
        {
          argv: ['./t', String(o.testTimeoutMs)],
          env: sanitize ? sanitizerEnv(o.memoryBytes) : {},
          timeout_ms: runTimeout,
          limits: {
            cpu: Math.max(o.cpuSeconds, 1),
            as: sanitize ? null : o.memoryBytes,
            fsize: 16 * 1024 ** 2,
            nofile: 256,
          },
          output_cap: 256 * 1024,
          hard_output_cap: 1024 ** 2,
          stop_on_failure: false,
        },
      ],
    },
    30_000 + runTimeout + 10_000,
  );
  const wall = performance.now() - t0;
  if (!reply.ok) {
    return {
      compiled: true,
      tests: allTests(task, reply.timedOut ? 'timeout' : 'error', reply.reason),
      problems: [{ kind: reply.timedOut ? 'timeout' : 'harness_error', detail: reply.reason }],
      timings: { testsMs: wall },
    };
  }
  const steps = Array.isArray(reply.body['steps']) ? (reply.body['steps'] as unknown[]) : [];
  const build = stepResult(steps[0]);
  const timings: Record<string, number> = {
    compileMs: build?.ms ?? 0,
    testsMs: wall,
    buildTestObjectMs: buildTestMs,
  };
  if (build === undefined || build.exit !== 0 || build.signal !== null) {
    const detail =
      build === undefined
        ? 'no compiler result'
        : build.limit !== null
          ? `compiler hit the ${build.limit} limit`
          : build.output.slice(0, 3000);
    return {
      compiled: false,
      tests: allTests(task, 'skipped', 'does not compile'),
      problems: [{ kind: 'compile_error', detail }],
      timings,
    };
  }
  const run = stepResult(steps[1]);
  timings['runMs'] = run?.ms ?? 0;
  const got = parseRunnerOutput(task, run?.output ?? '');
  const missing: TestStatus = run?.limit === 'wall' || run?.limit === 'cpu' ? 'timeout' : 'error';
  const why =
    run === undefined
      ? 'no result'
      : run.limit !== null
        ? `the test binary hit the ${run.limit} limit`
        : `the test binary ended early (${run.signal ?? `exit ${run.exit}`})`;
  const tests = completeTests(task, got, missing, why);
  const extra =
    run?.limit === 'output'
      ? [{ kind: 'output_limit' as const, detail: 'the test binary wrote more than 1 MiB' }]
      : [];
  return { compiled: true, tests, problems: problemsFromTests(tests, extra), timings };
}

const STATUSES: Readonly<Record<string, TestStatus>> = {
  pass: 'pass',
  fail: 'fail',
  crash: 'crash',
  timeout: 'timeout',
  error: 'error',
};

/** `secplay-result <name> <status> <ms> <detail>` lines → outcomes of declared tests. */
export function parseRunnerOutput(task: Task, stdout: string): TestOutcome[] {
  const out: TestOutcome[] = [];
  for (const m of stdout.matchAll(/^secplay-result (\S+) (pass|fail|crash|timeout|error) (\d+) ?(.*)$/gm)) {
    const decl = task.tests.find((t) => t.name === m[1]);
    const status = STATUSES[m[2] ?? ''];
    if (decl === undefined || status === undefined || out.some((t) => t.name === decl.name)) continue;
    const detail = (m[4] ?? '').trim();
    out.push({
      name: decl.name,
      kind: decl.kind,
      status,
      ms: Number(m[3]),
      ...(detail === '' ? {} : { detail: summarizeDetail(detail) }),
    });
  }
  return out;
}

/** Keep a sanitizer report's headline, not its stack. */
function summarizeDetail(d: string): string {
  const asan = /(ERROR: AddressSanitizer: [^|]+|runtime error: [^|]+|SUMMARY: [^|]+)/.exec(d);
  return (asan?.[1] ?? d).trim().slice(0, 500);
}
