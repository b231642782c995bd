import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { latestCheckpoint } from '../checkpoint/checkpoint.js';
import type { StepRecord } from './pretrain.js';

/**
 * kill -9 during training, then --resume: the loss curve must equal an uninterrupted run's, bit for
 * bit, and so must the final parameters. Runs the real CLI in child processes.
 */
const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const BIN = join(REPO, 'bin', 'secplay.js');
const dir = mkdtempSync(join(tmpdir(), 'secplay-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STEPS = 200;
function args(out: string, resume: boolean): string[] {
  const a = [
    BIN,
    'engine',
    'train',
    join(dir, 'tokens.bin'),
    '--out',
    out,
    '--preset',
    'tiny',
    '--vocab-size',
    '64',
  ];
  a.push(
    '--steps',
    String(STEPS),
    '--batch-size',
    '4',
    '--micro-batch',
    '2',
    '--checkpoint-every',
    '20',
    '--threads',
    '1',
    '--lr',
    '0.01',
  );
  if (resume) a.push('--resume');
  return a;
}

function readLog(out: string): StepRecord[] {
  return readFileSync(join(out, 'loss.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as StepRecord);
}

describe('engine train --resume after kill -9', () => {
  it('reproduces the uninterrupted loss curve and parameters bit for bit', async () => {
    const rng = new Rng(1);
    // a learnable stream: a noisy repeating pattern over 64 ids
    const ids = Uint16Array.from({ length: 6000 }, (_, i) => (rng.next() < 0.1 ? rng.int(64) : (i * 7) % 64));
    writeFileSync(join(dir, 'tokens.bin'), new Uint8Array(ids.buffer));

    const a = join(dir, 'a');
    const full = spawnSync(process.execPath, args(a, false), { encoding: 'utf8' });
    expect(full.status, full.stderr).toBe(0);
    const reference = readLog(a);
    expect(reference.length).toBe(STEPS);
    expect((reference.at(-1) as StepRecord).loss).toBeLessThan((reference[0] as StepRecord).loss - 1);

    const b = join(dir, 'b');
    const child = spawn(process.execPath, args(b, false), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((res) =>
      child.on('exit', (code) => {
        exitCode = code;
        res(code);
      }),
    );
    // wait until a checkpoint exists and training has moved past it, then kill -9
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      if (exitCode !== undefined)
        throw new Error(`training ended (code ${exitCode}) before it could be killed: ${stderr}`);
      const ck = latestCheckpoint(join(b, 'checkpoints'));
      if (
        ck !== undefined &&
        ck.step >= 20 &&
        existsSync(join(b, 'loss.jsonl')) &&
        readLog(b).length > ck.step
      )
        break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe(null);
    const killedAt = readLog(b).length;
    expect(killedAt).toBeLessThan(STEPS);
    const resumedFrom = latestCheckpoint(join(b, 'checkpoints'))?.step ?? 0;
    expect(resumedFrom).toBeLessThan(killedAt);

    const rest = spawnSync(process.execPath, [...args(b, true), '--json'], { encoding: 'utf8' });
    expect(rest.status, rest.stderr).toBe(0);
    expect((JSON.parse(rest.stdout) as { resumedFrom: number }).resumedFrom).toBe(resumedFrom);
    const resumed = readLog(b);
    expect(resumed.map((r) => r.step)).toEqual(reference.map((r) => r.step));
    expect(resumed.map((r) => r.loss)).toEqual(reference.map((r) => r.loss));
    const final = (p: string) =>
      readFileSync(join(latestCheckpoint(join(p, 'checkpoints'))?.dir ?? '', 'model.safetensors'));
    expect(final(b).equals(final(a))).toBe(true);
  }, 120_000);

  it('refuses to resume with different options', () => {
    const r = spawnSync(process.execPath, [...args(join(dir, 'a'), true), '--seed', '2'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot resume/);
  });
});
