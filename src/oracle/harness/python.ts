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
 * Python (Debian's /usr/bin/python3 inside the sandbox). The warm worker compiles the solution
 * without running it (syntax errors are compile errors), then forks one child per test from its
 * pre-imported interpreter: a test passes only if its function returned (an explicit marker, so
 * `os._exit(0)` in a candidate is not a pass).
 */
export const pythonHarness: Harness = {
  languages: ['py'],
  worker: 'python',
  batchSize: 1,
  judge: oneByOne(judgeOne),
};

async function judgeOne(ctx: HarnessContext, { task, source }: Candidate): Promise<HarnessOutcome> {
  const spec = LANGUAGE_SPECS.py;
  const o = ctx.options;
  const t0 = performance.now();
  const reply = await ctx.worker('python').request(
    {
      op: 'py',
      files: { [spec.solutionFile]: solutionText(task, source), [spec.testFile]: task.testSource },
      solution: spec.solutionFile,
      module: spec.testFile.replace(/\.py$/, ''),
      tests: task.tests.map((t) => t.name),
      timeout_ms: o.testTimeoutMs,
      job_timeout_ms: o.jobTimeoutMs,
      limits: { cpu: o.cpuSeconds, as: o.memoryBytes, fsize: 16 * 1024 ** 2, nofile: 256 },
      output_cap: 2000,
      hard_output_cap: 1024 ** 2,
    },
    o.jobTimeoutMs + 10_000,
  );
  const wall = performance.now() - t0;
  if (!reply.ok) {
    const tests = allTests(task, reply.timedOut ? 'timeout' : 'error', reply.reason);
    return {
      compiled: true,
      tests,
      problems: [{ kind: reply.timedOut ? 'timeout' : 'harness_error', detail: reply.reason }],
      timings: { testsMs: wall },
    };
  }
  return outcomeFromReply(task, reply.body, wall, 'no result from the harness');
}
