import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './sandbox.js';

/**
 * The contract every Sandbox implementation meets (DESIGN.md §2: one contract suite per
 * interface). Call it from the implementation's test file with a factory.
 */
export function sandboxContract(name: string, make: () => Sandbox): void {
  describe(`Sandbox contract: ${name}`, () => {
    let sb: Sandbox;
    beforeAll(() => {
      sb = make();
    });
    afterAll(async () => {
      await sb.close();
    });

    it('runs a command in /box with the given files and returns its exit status and output', async () => {
      const r = await sb.run({
        argv: ['sh', '-c', 'cat in.txt; echo err >&2; pwd; exit 3'],
        files: { 'in.txt': 'hello\n' },
      });
      expect(r.exitCode).toBe(3);
      expect(r.signal).toBeNull();
      expect(r.stdout).toBe('hello\n/box\n');
      expect(r.stderr).toBe('err\n');
      expect(r.limit).toBeNull();
      expect(r.wallMs).toBeGreaterThan(0);
    });

    it('passes stdin and only the given environment', async () => {
      const r = await sb.run({
        argv: ['sh', '-c', 'read x; echo "$x $FOO ${HOME} ${NODE_OPTIONS:-unset}"'],
        stdin: 'line\n',
        env: { FOO: 'bar' },
      });
      expect(r.stdout).toBe('line bar /box unset\n');
    });

    it('runs as the unprivileged sandbox uid with no capabilities', async () => {
      const r = await sb.run({
        argv: ['sh', '-c', 'id -u; grep -E "^(CapEff|CapBnd|NoNewPrivs)" /proc/self/status'],
      });
      const lines = r.stdout.trim().split('\n');
      expect(Number(lines[0])).toBe(sb.uid);
      expect(sb.uid).not.toBe(0);
      expect(r.stdout).toMatch(/CapEff:\s+0000000000000000/);
      expect(r.stdout).toMatch(/CapBnd:\s+0000000000000000/);
    });

    it('reports a signal death as a signal, not an exit status', async () => {
      const r = await sb.run({ argv: ['sh', '-c', 'kill -SEGV $$'] });
      expect(r.exitCode).toBeNull();
      expect(r.signal).toBe('SIGSEGV');
    });

    it('keeps a given work dir and hands it to the sandbox uid', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'secplay-contract-'));
      try {
        const r = await sb.run({ argv: ['sh', '-c', 'echo made > out.txt'], workDir: dir });
        expect(r.exitCode).toBe(0);
        expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('made\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('kills a run at the wall limit', async () => {
      const r = await sb.run({ argv: ['sleep', '30'], limits: { wallMs: 400 } });
      expect(r.limit).toBe('wall');
      expect(r.wallMs).toBeLessThan(10_000);
    });

    it('caps the output it reads and stops the writer', async () => {
      const r = await sb.run({
        argv: ['sh', '-c', 'yes 0123456789012345678901234567890123456789'],
        limits: { outputBytes: 4096, wallMs: 20_000 },
      });
      expect(r.limit).toBe('output');
      expect(r.stdout.length).toBeLessThanOrEqual(4096);
      expect(r.truncated).toBe(true);
    });

    it('serialises concurrent runs on one instance', async () => {
      const runs = await Promise.all([1, 2, 3].map((i) => sb.run({ argv: ['sh', '-c', `echo ${i}`] })));
      expect(runs.map((r) => r.stdout)).toEqual(['1\n', '2\n', '3\n']);
    });

    it('accounts CPU time where it can', async () => {
      const before = sb.cpuTimeMs();
      await sb.run({ argv: ['sh', '-c', 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'] });
      const after = sb.cpuTimeMs();
      if (before === undefined) expect(after).toBeUndefined();
      else expect(after ?? 0).toBeGreaterThan(before + 10);
    });

    it('spawns a long-lived line-protocol worker', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'secplay-contract-'));
      try {
        const p = await sb.spawn({
          argv: ['sh', '-c', 'while read x; do echo "got $x"; done'],
          workDir: dir,
        });
        p.send('a');
        expect(await p.nextLine(5000)).toBe('got a');
        p.send('b');
        expect(await p.nextLine(5000)).toBe('got b');
        expect(p.alive).toBe(true);
        await p.kill();
        expect(p.alive).toBe(false);
        await expect(p.nextLine(1000)).rejects.toThrow();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
