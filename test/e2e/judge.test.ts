import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/records.js';
import { canonicalBinding, loadFamilies, renderTask } from '../../src/suite/load.js';

/** End-to-end: `secplay judge --task ID --file F --json` on good and bad candidate files. */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'secplay-judge-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const family = loadFamilies().find((f) => f.spec.id === 'sql-user-lookup');
const templates = family?.languages.get('py');
const task =
  family !== undefined && templates !== undefined
    ? renderTask(family, 'py', canonicalBinding(templates), 0)
    : undefined;

function secplay(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/secplay.js'), ...args], {
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function judgeFile(
  name: string,
  content: string | Uint8Array,
  extra: string[] = [],
): Promise<{ code: number | null; verdict: Verdict }> {
  const file = join(tmp, name);
  writeFileSync(file, content);
  const r = await secplay([
    'judge',
    '--task',
    'sql-user-lookup/py',
    '--file',
    file,
    '--json',
    '--no-cache',
    '--test-timeout-ms',
    '1500',
    ...extra,
  ]);
  return { code: r.code, verdict: JSON.parse(r.stdout) as Verdict };
}

describe('secplay judge', () => {
  it('judges the secure and the vulnerable reference', { timeout: 300_000 }, async () => {
    expect(task).toBeDefined();
    const good = await judgeFile('secure.py', task?.secureReference ?? '');
    expect(good.code).toBe(0);
    expect(good.verdict).toMatchObject({
      taskId: 'sql-user-lookup/py',
      compiles: true,
      functional: true,
      secure: true,
      reward: 1,
      problems: [],
    });
    expect(good.verdict.tests.length).toBe(task?.tests.length);
    const bad = await judgeFile('vulnerable.py', task?.vulnerableReference ?? '');
    expect(bad.verdict).toMatchObject({ functional: true, secure: false, reward: 0 });
  });

  it('bad input yields a verdict with a reason, never a crash or a hang', { timeout: 300_000 }, async () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 131 + 7) % 256);
    const prefix = task?.prompt ?? '';
    const cases: [string, string | Uint8Array, string][] = [
      ['empty.py', '', 'empty'],
      ['garbage.py', garbage, 'binary'],
      ['huge.py', `# ${'a'.repeat(5 * 1024 * 1024)}\n`, 'too_large'],
      [
        'flood.py',
        `${prefix}    import sys\n    while True:\n        sys.stdout.write("y" * 1048576)\n`,
        'output_limit',
      ],
      ['forever.py', `${prefix}    while True:\n        pass\n`, 'timeout'],
    ];
    for (const [name, content, kind] of cases) {
      const t0 = Date.now();
      const { code, verdict } = await judgeFile(name, content);
      expect({ name, code, reward: verdict.reward, kinds: verdict.problems.map((p) => p.kind) }).toEqual({
        name,
        code: 0,
        reward: 0,
        kinds: [kind],
      });
      expect(Date.now() - t0).toBeLessThan(60_000);
    }
  });

  it('prints a readable verdict without --json', { timeout: 300_000 }, async () => {
    const file = join(tmp, 'plain.py');
    writeFileSync(file, task?.vulnerableReference ?? '');
    const r = await secplay(['judge', '--task', 'sql-user-lookup/py', '--file', file, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^compiles yes {2}functional yes {2}secure no {2}reward 0$/m);
    expect(r.stdout).toMatch(/^ {2}fail +sec +test_sec_/m);
  });

  it('unknown task and missing file are usage/data errors', { timeout: 300_000 }, async () => {
    const r1 = await secplay(['judge', '--task', 'no-such/py', '--file', 'x.py']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/no task family 'no-such'/);
    const r2 = await secplay(['judge', '--task', 'sql-user-lookup/py', '--file', join(tmp, 'missing.py')]);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/cannot read the candidate file/);
  });
});
