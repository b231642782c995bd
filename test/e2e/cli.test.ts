import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/cli/context.js';
import { PairSchema } from '../../src/data/pair.js';
import { scratchDataDir, SVEN_089, GOOD } from '../../src/data/testing.js';

/** End-to-end: the CLI as a user runs it (`node bin/secplay.js`), checking output and exit codes. */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'secplay-e2e-'));
const bad = scratchDataDir({ [SVEN_089]: '{"func_name": "f"}\n{"truncated": \n' });
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  bad.cleanup();
});

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function secplay(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/secplay.js'), ...args], {
      cwd: tmp,
      env: { ...process.env, SECPLAY_DATA_DIR: defaultDataDir(), ...env },
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

interface StatsJson {
  pairs: {
    source: string;
    split: string;
    pairs: number;
    identical: number;
    duplicates: number;
    byLanguage: Record<string, number>;
  }[];
  totals: { pairs: number };
  prompts: { split: string; prompts: number }[];
  skipped: number;
}

describe('secplay CLI', () => {
  it('--help lists the commands and the exit codes, exit 0', async () => {
    const r = await secplay(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: secplay/);
    expect(r.stdout).toMatch(/^\s+data\s+inspect and export the shared datasets/m);
    expect(r.stdout).toMatch(/Exit codes: 0 ok/);
  });

  it('data stats --help shows the schema-derived flags and presets', async () => {
    const r = await secplay(['data', 'stats', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--source <list>', '--strict', '--max-record-bytes <n>', '--preset <name>'])
      expect(r.stdout).toContain(flag);
  });

  it('data stats --json on the shared data: SVEN 720 + 83 (4 identical), SafeCoder 421 + 44', async () => {
    const r = await secplay(['data', 'stats', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as StatsJson;
    const g = (source: string, split: string) =>
      s.pairs.find((p) => p.source === source && p.split === split);
    expect(g('sven', 'train')?.pairs).toBe(720);
    expect(g('sven', 'val')?.pairs).toBe(83);
    expect((g('sven', 'train')?.identical ?? 0) + (g('sven', 'val')?.identical ?? 0)).toBe(4);
    expect(g('safecoder', 'train')?.pairs).toBe(421);
    expect(g('safecoder', 'val')?.pairs).toBe(44);
    expect(g('safecoder-sec-desc', 'val')).toMatchObject({ pairs: 83, duplicates: 83 });
    expect(s.prompts.map((p) => p.prompts)).toEqual([1681, 1916, 1916]);
    expect(s.skipped).toBe(0);
  });

  it('--data-dir overrides SECPLAY_DATA_DIR; text output has the language × CWE table', async () => {
    const r = await secplay(['--data-dir', GOOD, 'data', 'stats', '--source', 'sven']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sven train: 4 pairs (1 identical before/after)');
    expect(r.stdout).toMatch(/lang 89 787 total/);
  });

  it('lenient mode skips and counts bad records (exit 0); --strict fails with E_DATA and exit 3', async () => {
    const lenient = await secplay(['data', 'stats', '--json', '--source', 'sven'], {
      SECPLAY_DATA_DIR: bad.dir,
    });
    expect(lenient.code).toBe(0);
    const s = JSON.parse(lenient.stdout) as StatsJson & {
      issues: { file: string; line: number; field?: string }[];
    };
    expect(s.skipped).toBe(2);
    expect(s.issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'func_src_before'],
      [2, undefined],
    ]);
    const strict = await secplay(['data', 'stats', '--json', '--strict', '--source', 'sven'], {
      SECPLAY_DATA_DIR: bad.dir,
    });
    expect(strict.code).toBe(3);
    expect(JSON.parse(strict.stdout)).toMatchObject({
      error: 'E_DATA',
      line: 1,
      field: 'func_src_before',
      file: join(bad.dir, SVEN_089),
    });
    expect(strict.stderr).toContain(`error E_DATA: ${join(bad.dir, SVEN_089)}:1: field 'func_src_before'`);
  });

  it('a missing data directory is E_IO, exit 3, naming the directory', async () => {
    const r = await secplay(['--data-dir', join(tmp, 'nowhere'), 'data', 'stats']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `error E_IO: ${join(tmp, 'nowhere', 'sven/data_train_val/train')}: dataset directory not found`,
    );
    expect(r.stderr).toContain('hint: point --data-dir');
  });

  it('bad usage exits 2: unknown flag, unknown source, unknown preset', async () => {
    expect((await secplay(['data', 'stats', '--bogus'])).code).toBe(2);
    const src = await secplay(['data', 'stats', '--source', 'nope']);
    expect(src.code).toBe(2);
    expect(src.stderr).toMatch(/error E_CONFIG: field 'source\.0'/);
    expect((await secplay(['data', 'export', '--out', 'x.jsonl', '--preset', 'nope'])).code).toBe(2);
  });

  it('data export writes valid Pair JSONL; a CWE split writes disjoint sides', async () => {
    const kept = join(tmp, 'kept.jsonl');
    const held = join(tmp, 'held.jsonl');
    const a = await secplay([
      '--json',
      'data',
      'export',
      '--out',
      kept,
      '--split-by',
      'cwe',
      '--held-out-cwes',
      'CWE-79,CWE-416',
    ]);
    expect(a.code, a.stderr).toBe(0);
    const b = await secplay([
      'data',
      'export',
      '--out',
      held,
      '--split-by',
      'cwe',
      '--held-out-cwes',
      'CWE-79,CWE-416',
      '--side',
      'held-out',
    ]);
    expect(b.code, b.stderr).toBe(0);
    const summary = JSON.parse(a.stdout) as {
      written: number;
      dropped: { identical: number; duplicates: number };
    };
    const keptPairs = readFileSync(kept, 'utf8')
      .trim()
      .split('\n')
      .map((l) => PairSchema.parse(JSON.parse(l)));
    const heldPairs = readFileSync(held, 'utf8')
      .trim()
      .split('\n')
      .map((l) => PairSchema.parse(JSON.parse(l)));
    expect(keptPairs).toHaveLength(summary.written);
    expect(new Set(heldPairs.map((p) => p.cwe))).toEqual(new Set(['CWE-79', 'CWE-416']));
    expect(keptPairs.some((p) => p.cwe === 'CWE-79' || p.cwe === 'CWE-416')).toBe(false);
    // SVEN + SafeCoder minus identical and duplicate pairs
    expect(keptPairs.length + heldPairs.length).toBe(
      720 + 83 + 421 + 44 - summary.dropped.identical - summary.dropped.duplicates,
    );
    expect(keptPairs.every((p) => !p.flags.includes('identical') && !p.flags.includes('duplicate'))).toBe(
      true,
    );
  });
});

describe('secplay cache', () => {
  it('stats and prune the cache root of SECPLAY_CACHE_DIR (JSON), bad values exit 2', async () => {
    const root = mkdtempSync(join(tmp, 'cache-'));
    const old = (Date.now() - 45 * 86_400_000) / 1000;
    mkdirSync(join(root, 'artifacts/pch/k1'), { recursive: true });
    writeFileSync(join(root, 'artifacts/pch/k1/h.gch'), Buffer.alloc(4096));
    writeFileSync(join(root, 'artifacts/pch/k1/.done'), '');
    utimesSync(join(root, 'artifacts/pch/k1/.done'), old, old);
    mkdirSync(join(root, 'verdicts/ab'), { recursive: true });
    writeFileSync(join(root, 'verdicts/ab/ab1.json'), '{}');
    const env = { SECPLAY_CACHE_DIR: root };
    const stats = await secplay(['--json', 'cache', 'stats'], env);
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout) as {
      root: string;
      bytes: number;
      rows: { area: string; entries: number }[];
    };
    expect(s.root).toBe(root);
    expect(s.bytes).toBe(4096 + 2);
    expect(s.rows.map((r) => [r.area, r.entries])).toEqual([
      ['artifacts', 1],
      ['verdicts', 1],
    ]);
    const dry = await secplay(['cache', 'prune', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would remove 1 entries \(0\.0 MB\); kept 1/);
    expect(existsSync(join(root, 'artifacts/pch/k1'))).toBe(true);
    const prune = await secplay(['--json', 'cache', 'prune', '--unused-for-days', '30'], env);
    expect(prune.code).toBe(0);
    expect((JSON.parse(prune.stdout) as { freedBytes: number }).freedBytes).toBe(4096);
    expect(existsSync(join(root, 'artifacts/pch/k1'))).toBe(false);
    expect(existsSync(join(root, 'verdicts/ab/ab1.json'))).toBe(true);
    const bad = await secplay(['cache', 'prune', '--unused-for-days', '-3'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unusedForDays|unused-for-days/);
  });
});
