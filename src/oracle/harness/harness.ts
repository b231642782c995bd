import type { Language, TestOutcome, TestStatus, VerdictProblem } from '../../core/records.js';
import type { Task } from '../../suite/task.js';
import type { SandboxWorker } from './worker.js';

/**
 * A per-language test harness: runs a task's functional and security tests against a candidate
 * inside a sandboxed judging worker and reports per-test outcomes. Bad code never throws: compile
 * errors, timeouts, crashes and limits are values.
 */
export type WorkerKind = 'python' | 'node';

export interface HarnessOptions {
  /** wall limit of one test (or one test binary run) */
  readonly testTimeoutMs: number;
  /** wall limit of one candidate's whole job (compile + all tests) inside the worker */
  readonly jobTimeoutMs: number;
  /** CPU seconds of one test process */
  readonly cpuSeconds: number;
  /** address-space limit of one test process where it can apply (not ASan, not node) */
  readonly memoryBytes: number;
  /** JS: give the next candidate a test thread that reported itself clean (src/lang/js/thread.cjs) */
  readonly jsThreadReuse: boolean;
}

export const DEFAULT_HARNESS_OPTIONS: HarnessOptions = Object.freeze({
  // generous: some tests are slow by design (password hashing work factors) and CI machines are
  // shared; CPU loops end at the CPU limit long before the wall limit
  testTimeoutMs: 10_000,
  jobTimeoutMs: 30_000,
  cpuSeconds: 5,
  memoryBytes: 1024 ** 3,
  jsThreadReuse: true,
});

export interface HarnessContext {
  worker(kind: WorkerKind): SandboxWorker;
  readonly options: HarnessOptions;
  /** host directory (bound read-only at ARTIFACTS_INSIDE) where trusted per-task builds are kept */
  readonly artifactsDir: string;
}

export interface Problem {
  readonly kind: VerdictProblem;
  readonly detail: string;
}

export interface HarnessOutcome {
  readonly compiled: boolean;
  readonly tests: readonly TestOutcome[];
  readonly problems: readonly Problem[];
  readonly timings: Readonly<Record<string, number>>;
}

export interface Candidate {
  readonly task: Task;
  readonly source: string;
}

export interface Harness {
  readonly languages: readonly Language[];
  readonly worker: WorkerKind;
  /** judge a batch of candidates (same language); results in input order */
  judge(ctx: HarnessContext, batch: readonly Candidate[]): Promise<HarnessOutcome[]>;
  /** how many candidates one `judge` call should take at most (1 = no batching) */
  readonly batchSize: number;
}

/** Where the repository's src/lang directory and the artifacts appear inside the sandbox. */
export const LANG_INSIDE = '/opt/secplay/lang';
export const ARTIFACTS_INSIDE = '/opt/secplay/artifacts';

/** The file the candidate becomes: the model's whole file plus the task's epilogue, if any. */
export function solutionText(task: Task, source: string): string {
  return task.epilogue === undefined ? source : `${source}\n${task.epilogue}`;
}

/** Every declared test with one status (a compile error, a lost worker). */
export function allTests(task: Task, status: TestStatus, detail: string): TestOutcome[] {
  return task.tests.map((t) => ({ name: t.name, kind: t.kind, status, detail }));
}

/** Problems implied by test outcomes (timeouts, crashes, limits), one per kind. */
export function problemsFromTests(tests: readonly TestOutcome[], extra: readonly Problem[] = []): Problem[] {
  const out = new Map<VerdictProblem, string>();
  for (const p of extra) if (!out.has(p.kind)) out.set(p.kind, p.detail);
  for (const t of tests) {
    const d = `${t.name}: ${t.detail ?? t.status}`;
    if (t.status === 'timeout' && !out.has('timeout')) out.set('timeout', d);
    if (t.status === 'crash' && /out of memory|SIGKILL|oom/i.test(t.detail ?? '') && !out.has('oom'))
      out.set('oom', d);
    else if (t.status === 'crash' && !out.has('crash')) out.set('crash', d);
    if (
      t.status !== 'pass' &&
      /MemoryError|heap out of memory|ERR_WORKER_OUT_OF_MEMORY|rss limit exhausted|allocation-size-too-big/.test(
        t.detail ?? '',
      ) &&
      !out.has('oom')
    )
      out.set('oom', d);
    if (t.status === 'error' && /^output limit/.test(t.detail ?? '') && !out.has('output_limit'))
      out.set('output_limit', d);
  }
  return [...out].map(([kind, detail]) => ({ kind, detail }));
}

/** Narrow a worker's JSON test result to a TestOutcome of a declared test. */
export function outcomeFrom(task: Task, raw: unknown): TestOutcome | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const decl = task.tests.find((t) => t.name === r['name']);
  if (decl === undefined) return undefined;
  const status = r['status'];
  const ok: readonly TestStatus[] = ['pass', 'fail', 'error', 'timeout', 'crash', 'skipped'];
  const s: TestStatus =
    typeof status === 'string' && (ok as readonly string[]).includes(status)
      ? (status as TestStatus)
      : 'error';
  const detail = typeof r['detail'] === 'string' ? r['detail'].slice(0, 2000) : undefined;
  const ms = typeof r['ms'] === 'number' ? r['ms'] : undefined;
  return {
    name: decl.name,
    kind: decl.kind,
    status: s,
    ...(detail === undefined ? {} : { detail }),
    ...(ms === undefined ? {} : { ms }),
  };
}

/** Fill in declared tests the worker did not report. */
export function completeTests(
  task: Task,
  got: readonly TestOutcome[],
  missingStatus: TestStatus,
  detail: string,
): TestOutcome[] {
  const by = new Map(got.map((t) => [t.name, t]));
  return task.tests.map(
    (t) => by.get(t.name) ?? { name: t.name, kind: t.kind, status: missingStatus, detail },
  );
}

/**
 * The outcome of one candidate from a worker's successful reply `{compiled, detail?, tests[]}`
 * (the Python and node workers answer in this shape): a compile error skips every test; otherwise
 * the reported tests, with declared tests the worker did not report marked as errors.
 */
export function outcomeFromReply(
  task: Task,
  body: Readonly<Record<string, unknown>>,
  wallMs: number,
  missingDetail: string,
): HarnessOutcome {
  if (body['compiled'] === false) {
    const detail = typeof body['detail'] === 'string' ? body['detail'] : 'syntax error';
    return {
      compiled: false,
      tests: allTests(task, 'skipped', 'does not compile'),
      problems: [{ kind: 'compile_error', detail }],
      timings: { testsMs: wallMs },
    };
  }
  const raw = Array.isArray(body['tests']) ? (body['tests'] as unknown[]) : [];
  const got = raw.map((r) => outcomeFrom(task, r)).filter((t): t is TestOutcome => t !== undefined);
  const tests = completeTests(task, got, 'error', missingDetail);
  return { compiled: true, tests, problems: problemsFromTests(tests), timings: { testsMs: wallMs } };
}

/** A harness `judge` that judges a batch one candidate after another. */
export function oneByOne(
  judgeOne: (ctx: HarnessContext, c: Candidate) => Promise<HarnessOutcome>,
): Harness['judge'] {
  return async (ctx, batch) => {
    const out: HarnessOutcome[] = [];
    for (const c of batch) out.push(await judgeOne(ctx, c));
    return out;
  };
}
