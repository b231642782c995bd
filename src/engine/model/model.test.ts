import { describe, expect, it } from 'vitest';
import { DataError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { resolveModelConfig } from './config.js';
import { GptModel, type WeightedSequence } from './model.js';

const RT = { threads: 1, device: 'cpu' } as const;

function randomSeqs(rng: Rng, n: number, len: number, V: number, withUl: boolean): WeightedSequence[] {
  return Array.from({ length: n }, (_, r) => {
    const L = len - (r % 3);
    const tokens = Array.from({ length: L }, () => rng.int(V));
    const nll = Float32Array.from({ length: L }, (_, t) =>
      t === 0 ? 0 : rng.next() < 0.7 ? 0.5 + rng.next() : 0,
    );
    const unlikelihood = Float32Array.from({ length: L }, (_, t) =>
      t === 0 || !withUl ? 0 : rng.next() < 0.3 ? rng.next() : 0,
    );
    return { tokens, nll, unlikelihood };
  });
}

describe('GptModel: full-model gradients against finite differences', () => {
  // Tolerance: along a random unit direction per parameter tensor, central differences of
  // the fp32 loss (ε = 3e-3: residual-stream biases have enough curvature that ε = 1e-2 is off by 4 %); |numeric − analytic| ≤ 2e-3 + 2e-2·|analytic|.
  for (const tiedHead of [false, true]) {
    it(`every parameter tensor (tiedHead=${tiedHead}, NLL + unlikelihood weights)`, async () => {
      const cfg = resolveModelConfig('tiny', {
        vocabSize: 24,
        contextLength: 12,
        dModel: 16,
        nHeads: 2,
        nLayers: 2,
        tiedHead,
      });
      const model = new GptModel(cfg, { runtime: RT, microBatch: 2, timeBucket: 4 }).init(7);
      const rng = new Rng(3);
      const seqs = randomSeqs(rng, 3, 9, cfg.vocabSize, true);
      model.zeroGrad();
      await model.forwardBackward(seqs);
      const grads = Float32Array.from(model.grads);
      const lossAt = async (): Promise<number> => {
        model.zeroGrad();
        return (await model.forwardBackward(seqs)).loss;
      };
      const eps = 3e-3;
      let worst = 0;
      for (const s of model.layout.specs) {
        const d = Float64Array.from({ length: s.size }, () => rng.normal());
        const norm = Math.hypot(...d);
        let analytic = 0;
        for (let i = 0; i < s.size; i++)
          analytic += (grads[s.offset + i] as number) * ((d[i] as number) / norm);
        const base = model.params.slice(s.offset, s.offset + s.size);
        const view = model.params.subarray(s.offset, s.offset + s.size);
        for (let i = 0; i < s.size; i++) view[i] = (base[i] as number) + (eps * (d[i] as number)) / norm;
        const lp = await lossAt();
        for (let i = 0; i < s.size; i++) view[i] = (base[i] as number) - (eps * (d[i] as number)) / norm;
        const lm = await lossAt();
        view.set(base);
        const numeric = (lp - lm) / (2 * eps);
        const ratio = Math.abs(numeric - analytic) / (2e-3 + 2e-2 * Math.abs(analytic));
        worst = Math.max(worst, ratio);
        expect(ratio, `${s.name}: analytic ${analytic}, numeric ${numeric}`).toBeLessThan(1);
      }
      expect(worst).toBeLessThan(1);
      await model.release();
    });
  }
});

describe('GptModel: weighted loss, log-probs and accumulation', () => {
  const cfg = resolveModelConfig('tiny', {
    vocabSize: 40,
    contextLength: 16,
    dModel: 16,
    nHeads: 2,
    nLayers: 1,
  });

  it('the loss equals Σ a·(−logp) + Σ b·(−log max(1−p, 1e-5)) of the returned per-token log-probs', async () => {
    const model = new GptModel(cfg, { runtime: RT, microBatch: 2, timeBucket: 8 }).init(1);
    const seqs = randomSeqs(new Rng(5), 5, 11, cfg.vocabSize, true);
    model.zeroGrad();
    const r = await model.forwardBackward(seqs);
    let expected = 0;
    seqs.forEach((s, i) => {
      const lp = r.tokenLogp[i] as Float32Array;
      expect(lp.length).toBe(s.tokens.length);
      expect(lp[0]).toBe(0);
      let sum = 0;
      for (let t = 1; t < s.tokens.length; t++) {
        const a = s.nll?.[t] ?? 0;
        const b = s.unlikelihood?.[t] ?? 0;
        const l = lp[t] as number;
        expect(l).toBeLessThan(0);
        expected += a * -l + b * -Math.log(Math.max(1 - Math.exp(l), 1e-5));
        if (a !== 0) sum += l;
      }
      expect(r.seqLogp[i]).toBeCloseTo(sum, 4);
    });
    expect(r.loss).toBeCloseTo(expected, 3);
    // at init the model is near uniform: mean token log-prob ≈ −ln V
    const all = r.tokenLogp.flatMap((x) => Array.from(x.subarray(1)));
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(Math.abs(mean + Math.log(cfg.vocabSize))).toBeLessThan(0.3);
    await model.release();
  });

  it('score() gives the same per-token log-probs as the training pass, for any batch split', async () => {
    const seqs = randomSeqs(new Rng(9), 5, 13, cfg.vocabSize, false);
    const a = new GptModel(cfg, { runtime: RT, microBatch: 4, timeBucket: 4 }).init(2);
    const b = new GptModel(cfg, { runtime: RT, microBatch: 1, timeBucket: 16 }).init(2);
    a.zeroGrad();
    const tr = await a.forwardBackward(seqs);
    const sc = await b.score(seqs);
    seqs.forEach((_, i) => {
      const x = tr.tokenLogp[i] as Float32Array;
      const y = sc.tokenLogp[i] as Float32Array;
      for (let t = 0; t < x.length; t++)
        expect(Math.abs((x[t] as number) - (y[t] as number))).toBeLessThan(1e-5);
    });
    await a.release();
    await b.release();
  });

  it('gradients accumulated over micro-batches equal one full batch', async () => {
    const seqs = randomSeqs(new Rng(11), 4, 10, cfg.vocabSize, true);
    const whole = new GptModel(cfg, { runtime: RT, microBatch: 4, timeBucket: 16 }).init(3);
    const parts = new GptModel(cfg, { runtime: RT, microBatch: 1, timeBucket: 4 }).init(3);
    whole.zeroGrad();
    parts.zeroGrad();
    const l1 = (await whole.forwardBackward(seqs)).loss;
    const l2a = (await parts.forwardBackward(seqs.slice(0, 2))).loss;
    const l2b = (await parts.forwardBackward(seqs.slice(2))).loss;
    expect(l2a + l2b).toBeCloseTo(l1, 4);
    let maxDiff = 0;
    let maxAbs = 0;
    for (let i = 0; i < whole.grads.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((whole.grads[i] as number) - (parts.grads[i] as number)));
      maxAbs = Math.max(maxAbs, Math.abs(whole.grads[i] as number));
    }
    expect(maxAbs).toBeGreaterThan(1e-3);
    expect(maxDiff).toBeLessThan(1e-5 + 1e-4 * maxAbs);
    await whole.release();
    await parts.release();
  });

  it('rejects bad input with a DataError naming the sequence and field', async () => {
    const model = new GptModel(cfg, { runtime: RT, microBatch: 2 }).init(1);
    await expect(model.score([{ tokens: [1] }])).rejects.toThrow(/at least 2/);
    await expect(model.score([{ tokens: [1, 2, 99] }])).rejects.toThrow(DataError);
    await expect(model.score([{ tokens: Array.from({ length: 18 }, () => 1) }])).rejects.toThrow(
      /contextLength/,
    );
    await expect(model.forwardBackward([{ tokens: [1, 2], nll: [1, 1] }])).rejects.toThrow(
      /nll\[0\] must be 0/,
    );
    await expect(model.forwardBackward([{ tokens: [1, 2], nll: [0] }])).rejects.toThrow(
      /1 entries for 2 tokens/,
    );
    await expect(model.forwardBackward([{ tokens: [1, 2], nll: [0, Number.NaN] }])).rejects.toThrow(
      /not finite/,
    );
    await model.release();
  });
});
