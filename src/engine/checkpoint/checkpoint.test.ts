import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { resolveModelConfig } from '../model/config.js';
import { GptModel } from '../model/model.js';
import { OptimizerConfigSchema } from '../train/optimizer.js';
import {
  latestCheckpoint,
  listCheckpoints,
  loadCheckpoint,
  loadModel,
  pruneCheckpoints,
  saveCheckpoint,
} from './checkpoint.js';
import { decodeSafetensors } from './safetensors.js';

const root = mkdtempSync(join(tmpdir(), 'secplay-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkpoints', () => {
  const config = resolveModelConfig('tiny', { vocabSize: 50 });
  const model = new GptModel(config, { runtime: { threads: 1, device: 'cpu' } }).init(4);
  const opt = OptimizerConfigSchema.parse({});
  const m = Float32Array.from(model.params, (x) => x * 0.5);
  const v = Float32Array.from(model.params, (x) => x * x);
  const rng = new Rng(8);
  rng.next();

  it('round-trip params, optimizer state, RNG state, step and caller state exactly', () => {
    const dir = saveCheckpoint(root, {
      config,
      params: model.params,
      step: 7,
      optimizer: { config: opt, t: 7, m, v },
      rng: rng.state(),
      extra: { note: 'x' },
    });
    const back = loadCheckpoint(dir);
    expect(back.config).toEqual(config);
    expect(back.params).toEqual(model.params);
    expect(back.optimizer?.m).toEqual(m);
    expect(back.optimizer?.v).toEqual(v);
    expect(back.optimizer?.t).toBe(7);
    expect(back.step).toBe(7);
    expect(Rng.fromState(back.rng ?? { s: [0, 0, 0, 1] }).next()).toBe(Rng.fromState(rng.state()).next());
    expect(back.extra).toEqual({ note: 'x' });
    // the model file is standard safetensors with Hugging Face-style names and the config as metadata
    const st = decodeSafetensors(readFileSync(join(dir, 'model.safetensors')));
    expect(st.tensors.get('h.0.attn.c_attn.weight')?.shape).toEqual([config.dModel, 3 * config.dModel]);
    expect(JSON.parse(st.metadata['config'] ?? '{}')).toEqual(config);
  });

  it('an incomplete checkpoint (no state.json) is not the latest; a corrupt one is rejected', () => {
    saveCheckpoint(root, { config, params: model.params, step: 9, optimizer: null, rng: null, extra: {} });
    const ok = latestCheckpoint(root);
    expect(ok?.step).toBe(9);
    rmSync(join(ok?.dir ?? '', 'state.json'));
    expect(latestCheckpoint(root)?.step).toBe(7);
    const dir = latestCheckpoint(root)?.dir ?? '';
    const f = join(dir, 'model.safetensors');
    const bytes = readFileSync(f);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    writeFileSync(f, bytes);
    expect(() => loadCheckpoint(dir)).toThrow(DataError);
    expect(() => loadCheckpoint(dir)).toThrow(/hash/);
  });

  it('loadModel gives a model that computes what the saved one computed', async () => {
    const dir = saveCheckpoint(root, {
      config,
      params: model.params,
      step: 10,
      optimizer: null,
      rng: null,
      extra: {},
    });
    const loaded = loadModel(dir, { runtime: { threads: 1, device: 'cpu' } });
    const seqs = [{ tokens: [1, 5, 9, 2, 44, 3] }];
    const a = await model.score(seqs);
    const b = await loaded.score(seqs);
    expect(b.tokenLogp[0]).toEqual(a.tokenLogp[0]);
    await loaded.release();
  });

  it('pruning keeps the newest', () => {
    for (const s of [11, 12, 13])
      saveCheckpoint(root, { config, params: model.params, step: s, optimizer: null, rng: null, extra: {} });
    pruneCheckpoints(root, 2);
    expect(listCheckpoints(root).map((c) => c.step)).toEqual([12, 13]);
  });
});
