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
import {
  compileFlags,
  RUNNER_ENV,
  sharedLinkArgv,
  SOLUTION_LIBRARY,
  taskRunner,
  TOOLCHAINS,
  type TaskRunner,
} from './c-build.js';
import { buildPch, choosePch, commonHeaders } from './cpp-pch.js';
import { gccPlugin, pluginArg } from './gcc-plugin.js';
import { stepResult } from './steps.js';
import type { WorkerReply } from './worker.js';

/**
 * C and C++ (gcc/g++ inside the sandbox). The task's test file and secplay's runner main
 * (src/lang/c/secplay_runner.h: each test in its own forked child with a wall limit and a pass
 * marker) are built ONCE per task, outside the sandbox (they are trusted), into a runner that
 * loads the solution from a shared library (c-build.ts). Per candidate, inside the sandbox: one
 * compiler call, one linker call, then the runner runs every test.
 *
 * Memory-safety families are built with AddressSanitizer + UBSan (a sanitizer report fails the
 * test): no RLIMIT_AS then, the sandbox's memory cgroup bounds memory. Other families are built
 * plainly at -O0 (faster to compile) with RLIMIT_AS. C++ candidates are compiled with a
 * precompiled header of the standard headers their task's prompt opens with (cpp-pch.ts), and
 * without the inline and template functions the runner exports (src/lang/c/reuse_plugin.cc: the
 * runner's copy is the one that runs either way). Measured with `npm run bench:sandbox`, C++ only,
 * alternating with the commit before on this 2-vCPU VM: 25.2, 29.4, 26.0 → 36.2, 32.2, 31.2
 * verdicts/s, 67–78 → 54–63 CPU ms per verdict. The references are the benchmark's candidates and
 * the runner carries their instantiations; a candidate that calls other members compiles those.
 */
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

/** The compiler and flags a candidate of `lang` is compiled with (for tests and tools). */
export function candidateCompiler(
  lang: 'c' | 'cpp',
  sanitize: boolean,
): { compiler: string; flags: string[] } {
  return { compiler: TOOLCHAINS[lang].compiler, flags: compileFlags(lang, sanitize) };
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
    return await buildPch(artifactsDir, tc.compiler, compileFlags('cpp', sanitize), choice.headers);
  } catch {
    return undefined;
  }
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
  let built: TaskRunner;
  let pch: string | undefined;
  let reuse: string | null = null;
  const tb = performance.now();
  try {
    built = await taskRunner(ctx.artifactsDir, task, lang, sanitize);
    if (lang === 'cpp') {
      pch = await candidatePch(ctx.artifactsDir, task, source, sanitize);
      reuse = await gccPlugin(ctx.artifactsDir, tc.compiler, 'reuse_plugin');
    }
  } catch (e) {
    const detail = `the task's test file does not build: ${e instanceof Error ? e.message.slice(0, 1500) : String(e)}`;
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
  const buildLimits = { cpu: 30, as: null, fsize: 64 * 1024 ** 2, nofile: 256 };
  const t0 = performance.now();
  const request = (plugin: string | null) =>
    ctx.worker('python').request(
      {
        op: 'exec',
        files: { [solution]: solutionText(task, source) },
        steps: [
          {
            argv: [
              tc.compiler,
              ...compileFlags(lang, sanitize),
              ...(pch === undefined ? [] : ['-include', `${ARTIFACTS_INSIDE}/${pch}`]),
              ...(plugin === null
                ? []
                : [
                    `-fplugin=${ARTIFACTS_INSIDE}/${plugin}`,
                    pluginArg('reuse_plugin', 'provided', `${ARTIFACTS_INSIDE}/${built.provided}`),
                  ]),
              '-c',
              '-o',
              'solution.o',
              solution,
            ],
            timeout_ms: 30_000,
            limits: buildLimits,
            output_cap: 4000,
          },
          {
            argv: sharedLinkArgv(['solution.o', `${ARTIFACTS_INSIDE}/${built.dups}`], SOLUTION_LIBRARY),
            timeout_ms: 30_000,
            limits: buildLimits,
            output_cap: 4000,
          },
          {
            argv: [`${ARTIFACTS_INSIDE}/${built.runner}`, String(o.testTimeoutMs)],
            env: { ...RUNNER_ENV, ...(sanitize ? sanitizerEnv(o.memoryBytes) : {}) },
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
      60_000 + runTimeout + 10_000,
    );
  let reply = await request(reuse);
  if (reuse !== null && compilerFailed(reply)) {
    // the plugin is never the reason a candidate does not compile: an internal compiler error (or
    // any failure that names the plugin) is retried without it
    reply = await request(null);
  }
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
  const compile = stepResult(steps[0]);
  const link = stepResult(steps[1]);
  const run = stepResult(steps[2]);
  const timings: Record<string, number> = {
    compileMs: compile?.ms ?? 0,
    linkMs: link?.ms ?? 0,
    testsMs: wall,
    buildTestObjectMs: buildTestMs,
  };
  const failed = (what: string, step: ReturnType<typeof stepResult>): HarnessOutcome => ({
    compiled: false,
    tests: allTests(task, 'skipped', 'does not compile'),
    problems: [
      {
        kind: 'compile_error',
        detail:
          step === undefined
            ? `no ${what} result`
            : step.limit !== null
              ? `the ${what} hit the ${step.limit} limit`
              : step.output.slice(0, 3000),
      },
    ],
    timings,
  });
  if (compile === undefined || compile.exit !== 0 || compile.signal !== null)
    return failed('compiler', compile);
  if (link === undefined || link.exit !== 0 || link.signal !== null) return failed('linker', link);
  timings['runMs'] = run?.ms ?? 0;
  const parsed = parseRunnerOutput(task, run?.output ?? '');
  if (parsed.tampered !== null) {
    const detail = `the solution wrote secplay's own result protocol (${parsed.tampered})`;
    return {
      compiled: true,
      tests: allTests(task, 'error', detail),
      problems: [{ kind: 'tampering', detail }],
      timings,
    };
  }
  const got = parsed.tests;
  if (got.length === 0 && run !== undefined && unresolvedAtStart(run.output))
    // a symbol the tests need that the candidate does not define (or one it uses that nothing
    // defines): the loader stops before main, as the linker of a static build would have
    return failed('loader', { ...run, output: `undefined symbol at link time: ${run.output.trim()}` });
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

/** Whether the compile step failed in a way the reuse plugin could be behind. */
function compilerFailed(reply: WorkerReply): boolean {
  if (!reply.ok) return false;
  const steps = Array.isArray(reply.body['steps']) ? (reply.body['steps'] as unknown[]) : [];
  const compile = stepResult(steps[0]);
  return (
    compile !== undefined &&
    (compile.exit !== 0 || compile.signal !== null) &&
    notTheCandidatesError(compile.output)
  );
}

/**
 * A compiler failure that is not about the candidate's source: an internal compiler error, or an
 * error of cc1plus itself or of the plugin (the candidate's own errors name its file and line).
 */
export function notTheCandidatesError(output: string): boolean {
  return /internal compiler error|reuse_plugin|^cc1plus: error/m.test(output);
}

/** The dynamic loader's message for a symbol it could not bind at start-up (exit 127). */
export function unresolvedAtStart(output: string): boolean {
  return /(symbol lookup error|error while loading shared libraries).*undefined symbol/.test(output);
}

const STATUSES: Readonly<Record<string, TestStatus>> = {
  pass: 'pass',
  fail: 'fail',
  crash: 'crash',
  timeout: 'timeout',
  error: 'error',
};

export interface RunnerOutput {
  /** outcomes of declared tests, from lines that carry the run's nonce */
  readonly tests: TestOutcome[];
  /** why the output cannot be trusted (a protocol line the runner did not write), or null */
  readonly tampered: string | null;
}

const BEGIN = /^secplay-begin ([0-9a-f]{16})$/;
const RESULT = /^secplay-result ([0-9a-f]{16}) (\S+) (pass|fail|crash|timeout|error) (\d+) ?(.*)$/;
const DONE = /^secplay-done ([0-9a-f]{16}) \d+ \d+$/;

/**
 * The runner's output (see secplay_runner.h) → outcomes of declared tests. Only one shape is
 * accepted: one `secplay-begin <nonce>` line before any other protocol line, then result lines
 * and one done line with that nonce, each test at most once. The nonce is drawn after the
 * candidate's static constructors ran, so a protocol line the runner did not write (printed by a
 * constructor, or by a process the candidate left behind) shows up as a second begin line, a line
 * with another nonce, or a repeated test: the run is then reported as tampered with.
 */
export function parseRunnerOutput(task: Task, output: string): RunnerOutput {
  const tests: TestOutcome[] = [];
  let nonce: string | null = null;
  let done = false;
  const bad = (line: string, why: string): RunnerOutput => ({
    tests: [],
    tampered: `${why}: ${JSON.stringify(line.slice(0, 200))}`,
  });
  for (const raw of output.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.startsWith('secplay-')) continue;
    const begin = BEGIN.exec(line);
    if (begin !== null) {
      if (nonce !== null) return bad(line, 'a second begin line');
      nonce = begin[1] as string;
      continue;
    }
    if (nonce === null) return bad(line, 'a protocol line before the runner began');
    const done1 = DONE.exec(line);
    if (done1 !== null && done1[1] === nonce && !done) {
      done = true;
      continue;
    }
    const m = RESULT.exec(line);
    if (m === null || m[1] !== nonce || done) return bad(line, 'a protocol line the runner did not write');
    const decl = task.tests.find((t) => t.name === m[2]);
    const status = STATUSES[m[3] ?? ''];
    if (decl === undefined || status === undefined) continue;
    if (tests.some((t) => t.name === decl.name)) return bad(line, 'a test reported twice');
    const detail = (m[5] ?? '').trim();
    tests.push({
      name: decl.name,
      kind: decl.kind,
      status,
      ms: Number(m[4]),
      ...(detail === '' ? {} : { detail: summarizeDetail(detail) }),
    });
  }
  return { tests, tampered: null };
}

/** Keep a sanitizer report's headline, not its stack. */
function summarizeDetail(d: string): string {
  const asan = /(ERROR: AddressSanitizer: [^|]+|runtime error: [^|]+|SUMMARY: [^|]+)/.exec(d);
  return (asan?.[1] ?? d).trim().slice(0, 500);
}
