import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { resolveModelConfig, type ModelConfigInput } from '../model/config.js';
import { GptModel, type FrozenWeights, type StepInputs } from '../model/model.js';
import { randomStepInputs, type StepShape as Shape } from '../model/random-step.js';
import { nativeStep } from './step.js';

/**
 * The step kernels' contract: the native step (step.c) computes what the onnxruntime step graph
 * computes, on the same buffers, for flat and grouped (prefix-shared) layouts, padding included;
 * and on one thread exactly what it computes on two.
 */

const models: GptModel[] = [];
afterAll(async () => {
  for (const m of models) await m.release();
});

/** One model per kernel with the same random parameters (LayerNorm gains and biases random too). */
function pair(over: ModelConfigInput, threads: number) {
  const c = resolveModelConfig(undefined, over);
  const make = (stepKernel: 'native' | 'onnx') => {
    const m = new GptModel(c, { runtime: { threads, device: 'cpu' }, stepKernel });
    const rng = new Rng(7);
    for (let i = 0; i < m.params.length; i++) m.params[i] = rng.normal() * 0.15;
    models.push(m);
    return m;
  };
  return { c, native: make('native'), onnx: make('onnx') };
}

function inputs(m: GptModel, weights: FrozenWeights, s: Shape, seed: number): StepInputs {
  return randomStepInputs(m.config, s, seed, weights);
}

async function runStep(m: GptModel, s: Shape, seed: number) {
  const weights = await m.frozen();
  const inp = inputs(m, weights, s, seed);
  await (await m.prepareStep(inp)).run();
  return inp.out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

// head size 32, C a multiple of every vector width: the fast paths
const D128: ModelConfigInput = { vocabSize: 512, contextLength: 256, dModel: 128, nLayers: 2, nHeads: 4 };
const CONFIGS: [string, ModelConfigInput][] = [
  ['d128 (4 heads of 32)', D128],
  // head size 12 and C = 36: widths that are multiples of no vector width (the scalar tails)
  [
    'd36 (3 heads of 12), tied head',
    { vocabSize: 70, contextLength: 64, dModel: 36, nLayers: 2, nHeads: 3, tiedHead: true },
  ],
];
const SHAPES: Shape[] = [
  { B: 1, P: 5, G: 0, Pg: 0 },
  { B: 3, P: 17, G: 0, Pg: 0 },
  { B: 9, P: 40, G: 0, Pg: 0 },
  { B: 6, P: 7, G: 2, Pg: 20 }, // 2 groups of 3
  { B: 20, P: 40, G: 4, Pg: 112 }, // the bench tree's frontier
];

describe('native decoding step', () => {
  it('builds and loads on this machine (setup installs the compiler it needs)', () => {
    const n = nativeStep();
    expect('error' in n ? n.error.message : 'ok').toBe('ok');
    if ('step' in n) expect([8, 16]).toContain(n.step.features.vectorWidth);
  });

  for (const [name, over] of CONFIGS)
    for (const threads of [1, 2])
      it(`${name}, ${threads} thread(s): the same log-probs, probabilities and keys/values as the onnxruntime step`, async () => {
        const { native, onnx } = pair(over, threads);
        expect(native.stepKernel()).toBe('native');
        expect(onnx.stepKernel()).toBe('onnx');
        for (const [k, s] of SHAPES.entries()) {
          const a = await runStep(native, s, 100 + k);
          const b = await runStep(onnx, s, 100 + k);
          const V = native.config.vocabSize;
          const logp = (o: typeof a) =>
            Float32Array.from(
              { length: s.B * V },
              (_, i) => o.scores[Math.floor(i / V) * 2 * V + (i % V)] as number,
            );
          const prob = (o: typeof a) =>
            Float32Array.from(
              { length: s.B * V },
              (_, i) => o.scores[Math.floor(i / V) * 2 * V + V + (i % V)] as number,
            );
          const where = `shape ${JSON.stringify(s)}`;
          expect(maxAbsDiff(logp(a), logp(b)), where).toBeLessThan(1e-4);
          expect(maxAbsDiff(prob(a), prob(b)), where).toBeLessThan(1e-6);
          expect(maxAbsDiff(a.kv, b.kv), where).toBeLessThan(1e-5);
          // the outputs are real distributions, not zeros that agree
          for (let r = 0; r < s.B; r++) {
            let total = 0;
            for (let j = 0; j < V; j++) total += a.scores[r * 2 * V + V + j] as number;
            expect(total, where).toBeCloseTo(1, 4);
          }
        }
      });

  it('splitting rows between 2, 3 or 5 threads changes no bit of the result', async () => {
    const one = pair(D128, 1).native;
    for (const threads of [2, 3, 5]) {
      const many = pair(D128, threads).native;
      for (const [k, s] of SHAPES.entries()) {
        const a = await runStep(one, s, 200 + k);
        const b = await runStep(many, s, 200 + k);
        const where = `${threads} threads, shape ${JSON.stringify(s)}`;
        expect(Buffer.from(a.scores.buffer).equals(Buffer.from(b.scores.buffer)), where).toBe(true);
        expect(Buffer.from(a.kv.buffer).equals(Buffer.from(b.kv.buffer)), where).toBe(true);
      }
    }
  });

  it('a bound step reads its inputs as they are at each run', async () => {
    const { native, onnx } = pair(D128, 2);
    const s = SHAPES[4] as Shape;
    const wa = await native.frozen();
    const wb = await onnx.frozen();
    const a = inputs(native, wa, s, 5);
    const b = { ...inputs(onnx, wb, s, 5) };
    const stepA = await native.prepareStep(a);
    const stepB = await onnx.prepareStep(b);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < s.B; i++) {
        a.ids[i] = BigInt((round * 31 + i * 7) % native.config.vocabSize);
        b.ids[i] = a.ids[i] as bigint;
      }
      (a.pastK[0] as Float32Array)[round] = 3;
      (b.pastK[0] as Float32Array)[round] = 3;
      await stepA.run();
      await stepB.run();
      expect(maxAbsDiff(a.out.kv, b.out.kv)).toBeLessThan(1e-5);
      expect(maxAbsDiff(a.out.scores, b.out.scores)).toBeLessThan(1e-4);
    }
  });

  it('rejects bad buffers and out-of-range tokens clearly, and refuses to run released weights', async () => {
    const { native } = pair(D128, 2);
    const w = await native.frozen();
    const s = SHAPES[1] as Shape;
    const good = inputs(native, w, s, 1);
    await expect(native.prepareStep({ ...good, pastK: good.pastK.slice(1) })).rejects.toThrow(
      /one Float32Array per layer/,
    );
    const shortK = good.pastK.map((k) => k.subarray(1));
    await expect(native.prepareStep({ ...good, pastK: shortK })).rejects.toThrow(/wrong type or size/);
    const step = await native.prepareStep(good);
    good.ids[0] = BigInt(native.config.vocabSize);
    await expect(step.run()).rejects.toThrow(/outside the vocabulary/);
    good.ids[0] = 0n;
    good.positions[1] = BigInt(native.config.contextLength);
    await expect(step.run()).rejects.toThrow(/outside the context/);
    good.positions[1] = 0n;
    await step.run();
    // a buffer taken away from under a bound step (transferred, so detached) is refused, not read
    const other = inputs(native, w, s, 2);
    const detachable = await native.prepareStep(other);
    structuredClone(other.pastV[1], { transfer: [(other.pastV[1] as Float32Array).buffer as ArrayBuffer] });
    await expect(detachable.run()).rejects.toThrow(/detached or resized/);
    // new parameters retire the old weights; a step bound to them then refuses to run
    native.params[0] = (native.params[0] as number) + 1;
    await native.frozen();
    await expect(step.run()).rejects.toThrow(/released/);
  });
});
