import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/records.js';
import { canonicalTasks, loadFamilies } from '../../src/suite/load.js';

/**
 * End-to-end: `secplay suite check` (what `npm start` runs) on the WHOLE built-in suite, in the real
 * sandbox with the real toolchains: every secure reference functional and secure, every
 * vulnerable reference functional and failing a security test.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));

function secplay(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/secplay.js'), ...args], {
      cwd: REPO,
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

interface CheckJson {
  ok: boolean;
  violations: number;
  analyzers: { ran: string[]; missing: string[]; incomplete: string[] };
  tasks: {
    taskId: string;
    language: string;
    ok: boolean;
    violations: string[];
    vulnerable: { failedSecurity: string[] };
  }[];
}

describe('secplay suite check', () => {
  it('passes on the whole built-in suite', { timeout: 1_200_000 }, async () => {
    const expected = canonicalTasks(loadFamilies())
      .map((t) => t.id)
      .sort();
    const r = await secplay(['suite', 'check', '--json']);
    const result = JSON.parse(r.stdout) as CheckJson;
    const bad = result.tasks.filter((t) => !t.ok).map((t) => `${t.taskId}: ${t.violations.join('; ')}`);
    expect(bad).toEqual([]);
    expect(r.code).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.tasks.map((t) => t.taskId).sort()).toEqual(expected);
    expect(new Set(result.tasks.map((t) => t.language))).toEqual(new Set(LANGUAGES));
    for (const t of result.tasks) expect(t.vulnerable.failedSecurity.length).toBeGreaterThan(0);
    // the whole oracle judged the references: the static half too (the setup script installs every
    // tool); stderr says why an analyzer was unavailable
    expect(result.analyzers.missing, r.stderr.slice(-2000)).toEqual([]);
    expect(result.analyzers.incomplete).toEqual([]);
    expect(result.analyzers.ran).toEqual(
      expect.arrayContaining([
        'treesitter',
        'bandit',
        'flawfinder',
        'cppcheck',
        'clang',
        'gcc',
        'eslint',
        'icd',
      ]),
    );
  });

  it('reports a family whose vulnerable reference passes every security test, and exits 1', async () => {
    const r = await secplay([
      'suite',
      'check',
      '--families-dir',
      join(REPO, 'test/fixtures/suite-broken/families'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL +weak-add\/py/m);
    expect(r.stdout).toMatch(/weak-add\/py: vulnerable reference passes every security test/);
    expect(r.stdout).toMatch(/0 of 1 tasks ok, 1 with violations/);
  });

  it('rejects an unknown family with a usage error', async () => {
    const r = await secplay(['suite', 'check', '--family', 'no-such-family']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown family: no-such-family/);
  });

  it('lists the canonical tasks', async () => {
    const r = await secplay(['suite', 'list', '--lang', 'py', '--json']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { tasks: { id: string; securityTests: number }[] }).tasks;
    expect(rows.length).toBe(canonicalTasks(loadFamilies()).filter((t) => t.language === 'py').length);
    expect(rows.every((t) => t.id.endsWith('/py') && t.securityTests > 0)).toBe(true);
  });
});
