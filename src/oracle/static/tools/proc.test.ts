import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure, runTool } from './proc.js';
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
});
