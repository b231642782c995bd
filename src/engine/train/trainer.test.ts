import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { resolveModelConfig } from '../model/config.js';
import { GptModel } from '../model/model.js';
import { learningRate, OptimizerConfigSchema } from './optimizer.js';
import { Trainer } from './trainer.js';

const RT = { threads: 1, device: 'cpu' } as const;

describe('learning-rate schedule', () => {
  const c = OptimizerConfigSchema.parse({ lr: 1, warmupSteps: 4, totalSteps: 14, minLrRatio: 0.1 });
  it('warms up linearly, decays by cosine to the floor, stays there', () => {
    expect(learningRate(c, 0)).toBeCloseTo(0.25, 12);
    expect(learningRate(c, 3)).toBeCloseTo(1, 12);
    expect(learningRate(c, 4)).toBeCloseTo(1, 12);
    expect(learningRate(c, 9)).toBeCloseTo(0.55, 12); // halfway: 0.1 + 0.45·(1 + cos π/2)
    expect(learningRate(c, 14)).toBeCloseTo(0.1, 12);
    expect(learningRate(c, 100)).toBeCloseTo(0.1, 12);
  });
  it('rejects unknown keys and bad values', () => {
    expect(() => OptimizerConfigSchema.parse({ lr: 1, momentum: 0.9 })).toThrow();
    expect(() => OptimizerConfigSchema.parse({ lr: -1 })).toThrow();
  });
});

describe('Trainer', () => {
  it('after one step every parameter tensor changed, and the first loss is ln V', async () => {
    const cfg = resolveModelConfig('tiny');
    const model = new GptModel(cfg, { runtime: RT, microBatch: 4 }).init(1);
    const trainer = new Trainer(
      model,
      OptimizerConfigSchema.parse({ lr: 1e-3, warmupSteps: 0, weightDecay: 0.1 }),
    );
    const rng = new Rng(2);
    const seqs = Array.from({ length: 4 }, () => {
      const tokens = Array.from({ length: 33 }, () => rng.int(cfg.vocabSize));
      const nll = Float32Array.from(tokens, (_, t) => (t === 0 ? 0 : 1 / (4 * 32)));
      return { tokens, nll };
    });
    const before = Float32Array.from(model.params);
    const r = await trainer.trainStep(seqs);
    // mean NLL at init ≈ ln 512 = 6.238
    expect(Math.abs(r.loss - Math.log(cfg.vocabSize))).toBeLessThan(0.05);
    expect(r.gradNorm).toBeGreaterThan(0);
    for (const s of model.layout.specs) {
      let changed = 0;
      for (let i = s.offset; i < s.offset + s.size; i++) if (model.params[i] !== before[i]) changed++;
      expect(changed, `${s.name} unchanged`).toBe(s.size);
    }
    expect(trainer.step).toBe(1);
    await model.release();
  });

  it('memorisation on the tiny preset: loss < 0.05 nats/token within 150 steps', async () => {
    const cfg = resolveModelConfig('tiny');
    const model = new GptModel(cfg, { runtime: RT, microBatch: 4 }).init(3);
    const trainer = new Trainer(
      model,
      OptimizerConfigSchema.parse({ lr: 1e-2, warmupSteps: 10, totalSteps: 150, weightDecay: 0 }),
    );
    const rng = new Rng(4);
    // 4 random sequences of 65 tokens (contextLength + 1): nothing to learn but the sequences themselves
    const seqs = Array.from({ length: 4 }, () => {
      const tokens = Array.from({ length: 65 }, () => rng.int(cfg.vocabSize));
      return { tokens, nll: Float32Array.from(tokens, (_, t) => (t === 0 ? 0 : 1 / (4 * 64))) };
    });
    let loss = Infinity;
    let steps = 0;
    const first = (await trainer.trainStep(seqs)).loss;
    while (steps < 150 && loss >= 0.05) {
      loss = (await trainer.trainStep(seqs)).loss;
      steps++;
    }
    console.log(`memorisation: loss ${first.toFixed(3)} → ${loss.toFixed(4)} after ${steps + 1} steps`);
    expect(first).toBeGreaterThan(6);
    expect(loss).toBeLessThan(0.05);
    await model.release();
  });
});

describe('two-pass use for sequence-level losses (DPO/SPIN/TSP)', () => {
  it('a score pass then a weighted pass with a_t = −dL/dlogπ(seq) gives the gradient of the DPO loss', async () => {
    // L = −log σ(β·[(lp⁺ − ref⁺) − (lp⁻ − ref⁻)]); dL/dlp⁺ = −β·σ(−z), dL/dlp⁻ = +β·σ(−z)
    const cfg = resolveModelConfig('tiny', {
      vocabSize: 30,
      contextLength: 16,
      dModel: 16,
      nHeads: 2,
      nLayers: 1,
    });
    const model = new GptModel(cfg, { runtime: RT, microBatch: 2, timeBucket: 8 }).init(6);
    const rng = new Rng(12);
    const prompt = [1, 2, 3, 4];
    const chosen = [...prompt, ...Array.from({ length: 6 }, () => rng.int(30))];
    const rejected = [...prompt, ...Array.from({ length: 8 }, () => rng.int(30))];
    const mask = (s: number[]) => Float32Array.from(s, (_, t) => (t >= prompt.length ? 1 : 0));
    const beta = 0.5;
    const ref = [-20, -25];
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const dpo = async (): Promise<{ loss: number; z: number }> => {
      const r = await model.score([
        { tokens: chosen, scoreMask: mask(chosen) },
        { tokens: rejected, scoreMask: mask(rejected) },
      ]);
      const z =
        beta *
        ((r.seqLogp[0] as number) - (ref[0] as number) - ((r.seqLogp[1] as number) - (ref[1] as number)));
      return { loss: -Math.log(sig(z)), z };
    };
    const { z } = await dpo();
    const gPlus = -beta * sig(-z);
    const gMinus = beta * sig(-z);
    model.zeroGrad();
    await model.forwardBackward([
      { tokens: chosen, nll: Float32Array.from(mask(chosen), (m) => -gPlus * m) },
      { tokens: rejected, nll: Float32Array.from(mask(rejected), (m) => -gMinus * m) },
    ]);
    const grads = Float32Array.from(model.grads);
    // directional derivative along a random direction over all parameters vs finite differences
    const d = Float32Array.from(model.params, () => rng.normal());
    let norm = 0;
    for (const x of d) norm += x * x;
    norm = Math.sqrt(norm);
    let analytic = 0;
    for (let i = 0; i < d.length; i++) analytic += (grads[i] as number) * ((d[i] as number) / norm);
    const base = Float32Array.from(model.params);
    const eps = 3e-3;
    for (let i = 0; i < d.length; i++)
      model.params[i] = (base[i] as number) + (eps * (d[i] as number)) / norm;
    const lp = (await dpo()).loss;
    for (let i = 0; i < d.length; i++)
      model.params[i] = (base[i] as number) - (eps * (d[i] as number)) / norm;
    const lm = (await dpo()).loss;
    model.params.set(base);
    const numeric = (lp - lm) / (2 * eps);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
    expect(Math.abs(numeric - analytic)).toBeLessThan(1e-3 + 2e-2 * Math.abs(analytic));
    await model.release();
  });
});
