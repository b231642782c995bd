import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, SCAN, type ScanReport } from '../../src/cli/commands/scan.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { closeAnalyzers } from '../../src/oracle/static/registry.js';
import { sarifSchemaErrors } from '../../src/oracle/static/sarif-schema.testkit.js';

/** End-to-end: `secplay scan` as a user runs it, in text, JSON and SARIF, on good and bad input. */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
let tmp: string;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function secplay(args: string[]): Promise<Result> {
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

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'secplay-scan-'));
  const src = join(tmp, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'a.py'), 'import os\ndef ping(h):\n    os.system("ping " + h)\n');
  writeFileSync(
    join(src, 'b.c'),
    'int main(int c, char **v) {\n  char b[4];\n  strcpy(b, v[1]);\n  return 0;\n}\n',
  );
  writeFileSync(join(src, 'ok.js'), 'function add(a, b) {\n  return a + b;\n}\n');
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await closeAnalyzers();
});

describe('secplay scan (CLI)', () => {
  it('prints findings as text with file:line:col, severity, CWE and rule', async () => {
    const r = await secplay(['scan', 'src', '--analyzers', 'treesitter']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('src/a.py:3:5: high CWE-78 [treesitter/py-os-command]');
    expect(r.stdout).toContain('src/b.c:3:3: high CWE-120,CWE-787 [treesitter/c-unbounded-copy]');
    expect(r.stdout).toMatch(/2 finding\(s\) in 2 of 3 file\(s\)/);
    expect(r.stdout).toContain('analyzers ran: treesitter');
  });

  it('prints JSON with findings, notes and which analyzers ran', async () => {
    const r = await secplay(['scan', 'src', '--analyzers', 'treesitter', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.files).toBe(3);
    expect(report.analyzers.ran).toEqual(['treesitter']);
    expect(report.findings.map((f) => [f.file, f.ruleId, f.cwes[0]])).toEqual([
      ['src/a.py', 'py-os-command', 'CWE-78'],
      ['src/b.c', 'c-unbounded-copy', 'CWE-120'],
    ]);
  });

  it('prints SARIF 2.1.0 that the schema accepts, one result per finding', async () => {
    const r = await secplay(['scan', 'src', '--analyzers', 'treesitter', '--format', 'sarif']);
    expect(r.code).toBe(0);
    const log: unknown = JSON.parse(r.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = (log as { runs: { results: { ruleId: string }[] }[] }).runs.flatMap((run) => run.results);
    expect(results.map((x) => x.ruleId)).toEqual(['py-os-command', 'c-unbounded-copy']);
  });

  it('writes --output instead of stdout and exits 1 with --fail-on', async () => {
    const out = await secplay([
      'scan',
      'src',
      '--analyzers',
      'treesitter',
      '--format',
      'sarif',
      '--output',
      'r.sarif',
      '--fail-on',
      'high',
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(sarifSchemaErrors(JSON.parse(readFileSync(join(tmp, 'r.sarif'), 'utf8')))).toEqual([]);
  });

  it('rejects an unknown analyzer or format with a usage error', async () => {
    const a = await secplay(['scan', 'src', '--analyzers', 'nosuch']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown analyzer 'nosuch'[\s\S]*hint: choose from: treesitter/);
    const f = await secplay(['scan', 'src', '--format', 'xml']);
    expect(f.code).toBe(2);
  });

  it('exits 3 with a note when no source file can be read', async () => {
    const r = await secplay(['scan', 'missing-dir', '--analyzers', 'treesitter']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/missing-dir: \[scan\] cannot read \(ENOENT/);
  });
});

describe('scan (in-process)', () => {
  const cfg = resolveConfig(SCAN, undefined, { analyzers: ['treesitter'] });

  it('filters by language and minimum severity', async () => {
    const src = join(tmp, 'src');
    const onlyPy = await scan(
      [src],
      resolveConfig(SCAN, undefined, { analyzers: ['treesitter'], lang: ['py'] }),
    );
    expect(onlyPy.findings.map((f) => f.ruleId)).toEqual(['py-os-command']);
    expect(onlyPy.files).toBe(1);
    const critical = await scan(
      [src],
      resolveConfig(SCAN, undefined, { analyzers: ['treesitter'], minSeverity: 'critical' }),
    );
    expect(critical.findings).toEqual([]);
    expect(critical.files).toBe(3);
  });

  it('reports findings for what it can read and a note for everything else', async () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'unparsable.py'), 'def f(:\n  ((\nimport os\nos.system("rm -rf " + x)\n');
    writeFileSync(
      join(bad, 'mixed.py'),
      Buffer.concat([
        Buffer.from('# caf'),
        Buffer.from([0xe9, 0xff]),
        Buffer.from('\nimport pickle\ndef f(b):\n    return pickle.loads(b)\n'),
      ]),
    );
    // a 5 MB file: a vulnerable function followed by 5 MB of harmless code
    writeFileSync(
      join(bad, 'big.py'),
      `import pickle\ndef f(b):\n    return pickle.loads(b)\n${'x = 1\n'.repeat(900_000)}`,
    );
    symlinkSync(bad, join(bad, 'loop'));
    symlinkSync(join(bad, 'nowhere.c'), join(bad, 'dangling.c'));
    execFileSync('mkfifo', [join(bad, 'fifo.js')]);
    const r = await scan([bad], cfg);
    const rules = (file: string): string[] =>
      r.findings.filter((f) => f.file.endsWith(file)).map((f) => f.ruleId);
    expect(rules('unparsable.py')).toContain('py-os-command');
    expect(rules('mixed.py')).toContain('py-unsafe-deserialization');
    expect(rules('big.py')).toContain('py-unsafe-deserialization');
    const note = (file: string): string =>
      r.notes
        .filter((n) => n.file?.endsWith(file))
        .map((n) => n.message)
        .join(' | ');
    expect(note('unparsable.py')).toMatch(/syntax error/);
    expect(note('mixed.py')).toMatch(/invalid UTF-8/);
    expect(note('loop')).toMatch(/already visited/);
    expect(note('dangling.c')).toMatch(/cannot follow symbolic link/);
    expect(note('fifo.js')).toMatch(/not a regular file/);
  });

  it('scans a directory of 10,000 files', async () => {
    const many = join(tmp, 'many');
    mkdirSync(many);
    for (let i = 0; i < 10_000; i++)
      writeFileSync(
        join(many, `m${i}.py`),
        i % 1000 === 0
          ? `import os\ndef f(h):\n    os.system("ping " + h)\n`
          : `def f${i}(x):\n    return x + ${i}\n`,
      );
    const r = await scan([many], cfg);
    expect(r.files).toBe(10_000);
    expect(r.findings.filter((f) => f.ruleId === 'py-os-command').length).toBe(10);
    expect(r.notes).toEqual([]);
  });
});
