import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** End-to-end: `secplay oracle bench` on the shared pairs and the built-in suite, with resume. */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
let tmp: string;

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

interface BenchJson {
  readonly runDir: string;
  readonly analyzers: string[];
  readonly pairs: {
    readonly cells: {
      language: string;
      cwe: string;
      pairs: number;
      coveredBy: string[];
      counts: Record<string, { pairs: number; vulnerableFlagged: number; fixedFlagged: number }>;
    }[];
    readonly unsupported: Record<string, number>;
    readonly msPerFile: Record<string, number>;
  };
  readonly suite: { readonly cases: number; readonly recall: number; readonly falseAlarmRate: number };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'secplay-oracle-bench-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('secplay oracle bench (CLI)', () => {
  const args = (...extra: string[]): string[] => [
    '--json',
    '--runs-dir',
    join(tmp, 'runs'),
    'oracle',
    'bench',
    '--analyzers',
    'treesitter,icd',
    '--limit-per-cell',
    '1',
    '--per-task',
    '1',
    '--run-id',
    'e2e',
    ...extra,
  ];

  it('prints the language × CWE table of the real pairs and the suite numbers, and resumes', async () => {
    const r = await secplay(args());
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as BenchJson;
    expect(out.analyzers).toEqual(['treesitter', 'icd']);
    // one pair per cell; SVEN's Python SQL injection cell is among them, with counts for both analyzers and `all`
    const sql = out.pairs.cells.find((c) => c.language === 'py' && c.cwe === 'CWE-89');
    expect(sql?.pairs).toBe(1);
    expect(Object.keys(sql?.counts ?? {}).sort()).toEqual(['all', 'icd', 'treesitter']);
    expect(sql?.coveredBy).toContain('treesitter');
    expect(out.pairs.unsupported['rb']).toBeGreaterThan(0);
    expect(out.pairs.msPerFile['treesitter']).toBeGreaterThan(0);
    expect(out.suite.cases).toBeGreaterThan(20);
    expect(out.suite.recall).toBeGreaterThan(0.5);
    expect(existsSync(join(out.runDir, 'summary.json'))).toBe(true);

    // the same run id resumes: every pair is already done, the table is the same
    const again = await secplay(args('--no-suite'));
    expect(again.code).toBe(2); // a different config (--no-suite) is refused for the same run
    expect(again.stderr).toMatch(/configuration differs/);
    const resumed = await secplay(args());
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as BenchJson).pairs.cells).toEqual(out.pairs.cells);
  });

  it('rejects a bad option value with a usage error', async () => {
    const r = await secplay(['oracle', 'bench', '--min-severity', 'severe']);
    expect(r.code).toBe(2);
  });
});
