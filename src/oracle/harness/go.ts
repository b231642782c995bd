import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from '../../core/hash.js';
import type { TestOutcome } from '../../core/records.js';
import { LANGUAGE_SPECS } from '../../lang/spec.js';
import { buildOnce } from './artifacts.js';
import {
  allTests,
  ARTIFACTS_INSIDE,
  completeTests,
  outcomeFrom,
  problemsFromTests,
  solutionText,
  type Candidate,
  type Harness,
  type HarnessContext,
  type HarnessOutcome,
} from './harness.js';

/**
 * Go (Debian's go 1.19 inside the sandbox, offline: GOPROXY=off, CGO_ENABLED=0). Go builds are
 * the slow part, so candidates are judged in batches: one module, one package per candidate (the
 * task's test file compiled into it as a normal file), one `go build` for all of them and one
 * generated main that runs one test of one candidate per process (src/lang/worker/worker.py,
 * op `go`). The build cache is pre-warmed once outside the sandbox (`go build std` with cgo off:
 * a cold cache costs seconds per build), bound read-only and copied per batch, so one batch cannot
 * poison the next.
 */
const execFileP = promisify(execFile);
export const GO = '/usr/bin/go';
const GO_ENV = {
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
  CGO_ENABLED: '0',
  GOTELEMETRY: 'off',
};

/** `go version`, asked once per process (it keys the warm cache; judging asks for every batch) */
let goVersion: Promise<string> | undefined;
function version(): Promise<string> {
  if (goVersion === undefined) {
    goVersion = execFileP(GO, ['version'], { env: { PATH: '/usr/bin:/bin' } }).then((r) => r.stdout.trim());
    goVersion.catch(() => (goVersion = undefined)); // a failure is not remembered
  }
  return goVersion;
}

/** The warm build cache (path relative to the artifacts dir). */
export async function goWarmCache(artifactsDir: string): Promise<string> {
  const key = sha256(`${await version()}\u0000std\u0000cgo=0\u0000v1`).slice(0, 24);
  await buildOnce(artifactsDir, 'go', key, async (tmp) => {
    await execFileP(GO, ['build', 'std'], {
      cwd: tmp,
      timeout: 600_000,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: tmp,
        GOCACHE: join(tmp, 'gocache'),
        GOPATH: join(tmp, 'gopath'),
        ...GO_ENV,
      },
    });
  });
  return join('go', key, 'gocache');
}

export const goHarness: Harness = {
  languages: ['go'],
  worker: 'python',
  batchSize: 8,
  async judge(ctx: HarnessContext, batch: readonly Candidate[]): Promise<HarnessOutcome[]> {
    const spec = LANGUAGE_SPECS.go;
    const o = ctx.options;
    const tw = performance.now();
    let warm: string;
    try {
      warm = await goWarmCache(ctx.artifactsDir);
    } catch (e) {
      const detail = `cannot prepare the Go build cache: ${e instanceof Error ? e.message.slice(0, 1000) : String(e)}`;
      return batch.map(({ task }) => ({
        compiled: false,
        tests: allTests(task, 'error', detail),
        problems: [{ kind: 'harness_error', detail }],
        timings: {},
      }));
    }
    const warmMs = performance.now() - tw;
    const t0 = performance.now();
    const tests = batch.reduce((n, c) => n + c.task.tests.length, 0);
    const timeout = 180_000 + Math.min(o.jobTimeoutMs * batch.length, tests * o.testTimeoutMs + 5000);
    const reply = await ctx.worker('python').request(
      {
        op: 'go',
        warm_cache: `${ARTIFACTS_INSIDE}/${warm}`,
        candidates: batch.map(({ task, source }) => ({
          files: { [spec.solutionFile]: solutionText(task, source), 'tests_secplay.go': task.testSource },
          tests: task.tests.map((t) => t.name),
        })),
        timeout_ms: o.testTimeoutMs,
        job_timeout_ms: o.jobTimeoutMs,
        limits: { cpu: o.cpuSeconds, as: null, fsize: 16 * 1024 ** 2, nofile: 256 },
        output_cap: 4000,
      },
      timeout,
    );
    const wall = performance.now() - t0;
    if (!reply.ok) {
      const kind = reply.timedOut ? 'timeout' : 'harness_error';
      return batch.map(({ task }) => ({
        compiled: true,
        tests: allTests(task, reply.timedOut ? 'timeout' : 'error', reply.reason),
        problems: [{ kind, detail: reply.reason }],
        timings: { testsMs: wall },
      }));
    }
    const raw = Array.isArray(reply.body['candidates']) ? (reply.body['candidates'] as unknown[]) : [];
    const buildMs = typeof reply.body['build_ms'] === 'number' ? reply.body['build_ms'] : 0;
    const copyMs = typeof reply.body['copy_ms'] === 'number' ? reply.body['copy_ms'] : 0;
    const num = (k: string): number => (typeof reply.body[k] === 'number' ? (reply.body[k] as number) : 0);
    return batch.map(({ task }, i) => {
      const timings = {
        testsMs: wall / batch.length,
        batchBuildMs: buildMs,
        cacheCopyMs: copyMs,
        warmCacheMs: warmMs,
        batchSize: batch.length,
        batchBuildCpuMs: num('build_cpu_ms'),
        batchTestsCpuMs: num('tests_cpu_ms'),
      };
      const r = raw[i];
      if (typeof r !== 'object' || r === null)
        return {
          compiled: true,
          tests: allTests(task, 'error', 'no result'),
          problems: [{ kind: 'harness_error', detail: 'no result for this candidate' }],
          timings,
        };
      const c = r as Record<string, unknown>;
      if (c['compiled'] === false) {
        const detail = typeof c['detail'] === 'string' ? c['detail'] : 'does not compile';
        return {
          compiled: false,
          tests: allTests(task, 'skipped', 'does not compile'),
          problems: [{ kind: 'compile_error', detail }],
          timings,
        };
      }
      const list = Array.isArray(c['tests']) ? (c['tests'] as unknown[]) : [];
      const got = list.map((x) => outcomeFrom(task, x)).filter((t): t is TestOutcome => t !== undefined);
      const all = completeTests(task, got, 'error', 'the test did not run');
      const tampered = typeof c['tampered'] === 'string' ? c['tampered'] : null;
      const extra =
        tampered === null
          ? []
          : [
              {
                kind: 'tampering' as const,
                detail: `the solution wrote secplay's own test protocol (${tampered})`,
              },
            ];
      return { compiled: true, tests: all, problems: problemsFromTests(all, extra), timings };
    });
  },
};
