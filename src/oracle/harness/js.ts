import { LANGUAGE_SPECS } from '../../lang/spec.js';
import {
  allTests,
  oneByOne,
  outcomeFromReply,
  solutionText,
  type Candidate,
  type Harness,
  type HarnessContext,
  type HarnessOutcome,
} from './harness.js';

/**
 * JavaScript (node inside the sandbox; node:test-style CommonJS test files). The sandboxed node
 * worker (src/lang/js/worker.cjs) runs each candidate's tests in fresh worker threads: its own V8
 * isolate, module cache and globals, a heap limit, and a wall limit per test enforced by
 * terminating the thread (which stops even a synchronous infinite loop).
 *
 * Why threads and not a process per candidate: starting node costs ~40 ms (≈ 50 ms in the
 * sandbox), which alone caps a core at ~20 candidates/s; a worker thread starts in a few ms.
 * The honest price: threads share one process, so a candidate can affect the process (e.g.
 * process.abort() kills the worker: its verdict is then a crash and the worker restarts) and a
 * deliberately malicious candidate could read the process's memory. Containment does not depend
 * on it: everything stays inside the bubblewrap sandbox, and each candidate's leftover processes,
 * files and /tmp are wiped before the next one.
 */
export const jsHarness: Harness = {
  languages: ['js'],
  worker: 'node',
  batchSize: 1,
  judge: oneByOne(judgeOne),
};

async function judgeOne(ctx: HarnessContext, { task, source }: Candidate): Promise<HarnessOutcome> {
  const spec = LANGUAGE_SPECS.js;
  const o = ctx.options;
  const t0 = performance.now();
  const reply = await ctx.worker('node').request(
    {
      op: 'js',
      files: { [spec.solutionFile]: solutionText(task, source), [spec.testFile]: task.testSource },
      solution: spec.solutionFile,
      testFile: spec.testFile,
      tests: task.tests.map((t) => t.name),
      timeout_ms: o.testTimeoutMs,
      job_timeout_ms: o.jobTimeoutMs,
      heap_mb: Math.max(32, Math.floor(o.memoryBytes / 1024 ** 2 / 4)),
      output_cap: 2000,
      hard_output_cap: 1024 ** 2,
      reuse: o.jsThreadReuse,
    },
    o.jobTimeoutMs + 10_000,
  );
  const wall = performance.now() - t0;
  if (!reply.ok) {
    // the node worker died while running this candidate: its doing (process.abort(), a native crash)
    const kind = reply.timedOut ? 'timeout' : 'crash';
    return {
      compiled: true,
      tests: allTests(task, kind, reply.reason),
      problems: [{ kind, detail: reply.reason }],
      timings: { testsMs: wall },
    };
  }
  const outcome = outcomeFromReply(task, reply.body, wall, 'the test did not run');
  const timings: Record<string, number> = { ...outcome.timings };
  if (typeof reply.body['threads'] === 'number') timings['threads'] = reply.body['threads'];
  if (typeof reply.body['reused'] === 'number') timings['reusedThreads'] = reply.body['reused'];
  return { ...outcome, timings };
}
