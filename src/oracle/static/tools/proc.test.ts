import { afterAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { describeFailure, resetToolPeak, runTool, setToolConcurrency, toolLoad } from './proc.js';
import { fakeTools } from './testkit.js';

describe('runTool', () => {
  const fake = fakeTools();
  afterAll(() => fake.cleanup());

  it('returns stdout, stderr and the exit code', async () => {
    const bin = fake.script('t1', 'echo out; echo err >&2; exit 3');
    const r = await runTool(bin, [], { timeoutMs: 10_000 });
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    expect(describeFailure(r, 10_000)).toBeUndefined();
  });

  it('reports a missing binary as a value', async () => {
    const r = await runTool(`${fake.dir}/does-not-exist`, [], { timeoutMs: 1000 });
    expect(r.spawnError).toMatch(/ENOENT/);
    expect(describeFailure(r, 1000)).toMatch(/could not start/);
  });

  it('kills a hanging tool and its children at the timeout', async () => {
    const bin = fake.script('hang', 'sleep 30 & sleep 30');
    const t0 = Date.now();
    const r = await runTool(bin, [], { timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.timedOut).toBe(true);
    expect(describeFailure(r, 300)).toBe('timed out after 300 ms and was killed');
  });

  it('caps how much output it keeps', async () => {
    const bin = fake.script('flood', 'head -c 200000 /dev/zero | tr "\\0" x');
    const r = await runTool(bin, [], { timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
  });

  it('reports a crash by signal', async () => {
    const bin = fake.script('segv', 'kill -SEGV $$');
    const r = await runTool(bin, [], { timeoutMs: 10_000 });
    expect(r.signal).toBe('SIGSEGV');
    expect(describeFailure(r, 10_000)).toBe('killed by SIGSEGV');
  });

  it('runs at most the configured number of tools at once (default: one per core)', async () => {
    expect(toolLoad().concurrency).toBe(availableParallelism());
    setToolConcurrency(2);
    try {
      resetToolPeak();
      // each run records how many of its siblings were running when it started
      const bin = fake.script(
        'count',
        `mkdir -p "${fake.dir}/running"; touch "${fake.dir}/running/$$"; ls "${fake.dir}/running" | wc -l; sleep 0.2; rm "${fake.dir}/running/$$"`,
      );
      const runs = await Promise.all(
        Array.from({ length: 6 }, () => runTool(bin, [], { timeoutMs: 10_000 })),
      );
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(Math.max(...runs.map((r) => Number(r.stdout.trim())))).toBeLessThanOrEqual(2);
      expect(toolLoad().peak).toBe(2);
      expect(toolLoad()).toMatchObject({ active: 0, pending: 0 });
    } finally {
      setToolConcurrency(availableParallelism());
    }
  });

  it("counts a run's timeout from its start, not from its place in the queue", async () => {
    setToolConcurrency(1);
    try {
      const bin = fake.script('nap', 'sleep 0.4');
      // the third run waits 0.8 s for its slot, more than its 0.7 s limit: it must still finish
      const runs = await Promise.all(Array.from({ length: 3 }, () => runTool(bin, [], { timeoutMs: 700 })));
      expect(runs.map((r) => r.timedOut)).toEqual([false, false, false]);
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    } finally {
      setToolConcurrency(availableParallelism());
    }
  });

  it('rejects a concurrency that is not a positive integer', () => {
    expect(() => setToolConcurrency(0)).toThrow(/positive integer, got 0/);
    expect(() => setToolConcurrency(1.5)).toThrow(/positive integer/);
  });
});
