import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RunDirError } from './errors.js';
import { RunDir, newRunId } from './rundir.js';

const root = mkdtempSync(join(tmpdir(), 'secplay-runs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const config = { preset: 'tiny', steps: 10, nested: { lr: 0.001, layers: [1, 2] } };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('RunDir.open', () => {
  it('creates config.json, run.json and a running progress record', () => {
    const run = RunDir.open({ root, id: 'fresh', kind: 'train', config });
    expect(run.resumed).toBe(false);
    expect(JSON.parse(readFileSync(join(run.path, 'config.json'), 'utf8'))).toEqual(config);
    expect(JSON.parse(readFileSync(join(run.path, 'run.json'), 'utf8'))).toMatchObject({
      id: 'fresh',
      kind: 'train',
    });
    expect(run.progress()).toMatchObject({ state: 'running', done: 0, total: 0 });
    expect(run.config<typeof config>()).toEqual(config);
    run.close();
  });

  it('resumes a run with the same config (key order does not matter)', () => {
    RunDir.open({ root, id: 'same', kind: 'train', config }).close();
    const again = RunDir.open({
      root,
      id: 'same',
      kind: 'train',
      config: { nested: { layers: [1, 2], lr: 0.001 }, steps: 10, preset: 'tiny' },
    });
    expect(again.resumed).toBe(true);
    again.close();
  });

  it('refuses to resume with a different config and says which keys differ', () => {
    RunDir.open({ root, id: 'mismatch', kind: 'train', config }).close();
    let err: unknown;
    try {
      RunDir.open({
        root,
        id: 'mismatch',
        kind: 'train',
        config: { ...config, steps: 20, nested: { lr: 0.01, layers: [1, 2] } },
      });
    } catch (e) {
      err = e;
    }
    if (!(err instanceof RunDirError)) throw new Error(`expected a RunDirError, got ${String(err)}`);
    const e = err;
    expect(e.message).toMatch(/cannot resume run mismatch: its configuration differs/);
    expect(e.message).toContain('steps: 10 → 20');
    expect(e.message).toContain('nested.lr: 0.001 → 0.01');
    expect(e.file).toBe(join(root, 'mismatch', 'config.json'));
    expect(e.hint).toMatch(/--run-id/);
  });

  it('refuses a run of another kind, an existing run when resume is off, and a bad id', () => {
    RunDir.open({ root, id: 'kinded', kind: 'train', config }).close();
    expect(() => RunDir.open({ root, id: 'kinded', kind: 'eval', config })).toThrow(
      /is a 'train' run, not 'eval'/,
    );
    expect(() => RunDir.open({ root, id: 'kinded', kind: 'train', config, resume: false })).toThrow(
      /already exists/,
    );
    expect(() => RunDir.open({ root, id: '../escape', kind: 'train', config })).toThrow(/invalid run id/);
  });

  it('makes unique, readable run ids', () => {
    const a = newRunId('train');
    expect(a).toMatch(/^train-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(newRunId('train')).not.toBe(a);
  });

  it('load() opens an existing run and rejects a directory that is not one', () => {
    RunDir.open({ root, id: 'loadme', kind: 'eval', config }).close();
    expect(RunDir.load(join(root, 'loadme')).meta.kind).toBe('eval');
    expect(() => RunDir.load(root)).toThrow(/not a run directory/);
  });
});

describe('streams and progress', () => {
  it('appends records and reads them back; progress is saved atomically', async () => {
    const run = RunDir.open({ root, id: 'streams', kind: 'train', config });
    const s = run.stream('metrics');
    s.append({ step: 1, loss: 2.5 });
    s.append({ step: 2, loss: 2.25 });
    run.setProgress({ state: 'running', done: 2, total: 10, extra: { step: 2 } });
    expect(await collect(run.read('metrics'))).toEqual([
      { step: 1, loss: 2.5 },
      { step: 2, loss: 2.25 },
    ]);
    expect(run.progress()).toMatchObject({ done: 2, total: 10, extra: { step: 2 } });
    expect(run.streams()).toEqual(['metrics']);
    expect(await run.keys('metrics', (r) => String((r as { step: number }).step))).toEqual(
      new Set(['1', '2']),
    );
    expect(() => run.stream('../evil')).toThrow(/invalid stream name/);
    run.close();
  });

  it('cuts a torn last line (crash mid-write) when the stream is reopened', async () => {
    const run = RunDir.open({ root, id: 'torn', kind: 'train', config });
    run.stream('trees').append({ k: 'a' });
    run.close();
    const p = join(root, 'torn', 'trees.jsonl');
    appendFileSync(p, '{"k":"b","half');
    const resumed = RunDir.open({ root, id: 'torn', kind: 'train', config });
    // reading tolerates the torn tail ...
    expect(await collect(resumed.read('trees'))).toEqual([{ k: 'a' }]);
    // ... and writing cuts it off first, so the next record starts on a clean line
    resumed.stream('trees').append({ k: 'b' });
    resumed.close();
    expect(readFileSync(p, 'utf8')).toBe('{"k":"a"}\n{"k":"b"}\n');
  });

  it('a stream whose only content is torn is emptied', () => {
    const run = RunDir.open({ root, id: 'alltorn', kind: 'train', config });
    const p = join(run.path, 'x.jsonl');
    writeFileSync(p, '{"never finished');
    run.stream('x').append(1);
    run.close();
    expect(readFileSync(p, 'utf8')).toBe('1\n');
  });

  it('a corrupt record in the middle of a stream is an error naming file and line', async () => {
    const run = RunDir.open({ root, id: 'corrupt', kind: 'train', config });
    writeFileSync(join(run.path, 'v.jsonl'), '{"a":1}\n{oops}\n{"a":3}\n');
    await expect(collect(run.read('v'))).rejects.toMatchObject({ code: 'E_RUNDIR', line: 2 });
    run.close();
  });
});

describe('crash and resume', () => {
  it('a job killed with SIGKILL mid-write resumes where it stopped and finishes exactly once per key', async () => {
    const child = join(root, 'job.mts');
    const rundirUrl = pathToFileURL(join(REPO, 'src/core/rundir.ts')).href;
    writeFileSync(
      child,
      `import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunDir } from ${JSON.stringify(rundirUrl)};
const [root, crashAt] = process.argv.slice(2);
const run = RunDir.open({ root, id: 'job', kind: 'demo', config: { n: 20 } });
const done = await run.keys('items', (r) => String(r.key));
const out = run.stream('items');
let n = done.size;
for (let key = 0; key < 20; key++) {
  if (done.has(String(key))) continue;
  if (key === Number(crashAt)) {
    out.sync();
    appendFileSync(join(run.path, 'items.jsonl'), '{"key":' + key + ',"val');
    process.kill(process.pid, 'SIGKILL');
  }
  out.append({ key, value: key * key });
  n++;
  run.setProgress({ state: 'running', done: n, total: 20 });
}
run.setProgress({ state: 'done', done: n, total: 20 });
run.close();
`,
    );
    const runJob = (crashAt: number) =>
      spawnSync(process.execPath, ['--import', 'tsx', child, root, String(crashAt)], {
        cwd: REPO,
        encoding: 'utf8',
      });
    const first = runJob(7);
    expect(first.signal).toBe('SIGKILL');
    const afterCrash = readFileSync(join(root, 'job', 'items.jsonl'), 'utf8');
    expect(afterCrash.endsWith('"val')).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'job', 'progress.json'), 'utf8'))).toMatchObject({
      state: 'running',
      done: 7,
    });
    const second = runJob(-1);
    expect(second.status, second.stderr).toBe(0);
    const run = RunDir.load(join(root, 'job'));
    const items = await collect(run.read<{ key: number; value: number }>('items'));
    expect(items.map((r) => r.key)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(items.every((r) => r.value === r.key * r.key)).toBe(true);
    expect(run.progress()).toMatchObject({ state: 'done', done: 20, total: 20 });
    expect(existsSync(join(root, 'job', 'config.json'))).toBe(true);
  });
});
