import { ConfigError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';

/**
 * Generation is composed of small parts (as in transformers.js): logits processors that rewrite a
 * row of logits in place, a sampler that picks a token, and stopping rules over the generated ids.
 */
export type LogitsProcessor = (logits: Float32Array) => void;

export function temperature(t: number): LogitsProcessor {
  if (!(t > 0) || !Number.isFinite(t))
    throw new ConfigError(`temperature must be > 0, got ${t}`, {
      hint: 'use the greedy sampler for temperature 0',
    });
  return (logits) => {
    for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) / t;
  };
}

/** Keep the k largest logits (ties at the threshold kept), set the rest to −∞. */
export function topK(k: number): LogitsProcessor {
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`top-k must be a positive integer, got ${k}`);
  return (logits) => {
    if (k >= logits.length) return;
    const sorted = Float32Array.from(logits).sort();
    const threshold = sorted[logits.length - k] as number;
    for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < threshold) logits[i] = -Infinity;
  };
}

/** Nucleus sampling (Holtzman et al. 2020): keep the smallest set of tokens with mass ≥ p. */
export function topP(p: number): LogitsProcessor {
  if (!(p > 0 && p <= 1)) throw new ConfigError(`top-p must be in (0, 1], got ${p}`);
  return (logits) => {
    if (p >= 1) return;
    const probs = softmax(logits);
    const order = Array.from(probs.keys()).sort((a, b) => (probs[b] as number) - (probs[a] as number));
    let mass = 0;
    let keep = 0;
    while (keep < order.length && mass < p) mass += probs[order[keep++] as number] as number;
    for (let j = keep; j < order.length; j++) logits[order[j] as number] = -Infinity;
  };
}

export function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** log softmax of one entry, in float64 */
export function logSoftmaxAt(logits: Float32Array, index: number): number {
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - max);
  return (logits[index] as number) - max - Math.log(sum);
}

/** Picks a token; must not modify the row it is given (it may be the model's output buffer). */
export interface Sampler {
  readonly name: string;
  sample(logits: Float32Array, rng: Rng): number;
  /**
   * The same draw from probabilities the model already computed (softmax(logits), e.g. the step
   * graph's output), when no logits processor rewrote the row: saves an exp per vocabulary entry.
   */
  sampleProbs?(probs: Float32Array, rng: Rng): number;
}

export const greedy: Sampler = {
  name: 'greedy',
  sample(logits) {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > (logits[best] as number)) best = i;
    return best;
  },
};

/** reused by `multinomial` (sampling is synchronous, so one buffer suffices) */
let expScratch = new Float64Array(0);

/** Draw from softmax(logits) with the seeded generator (one pass of exp into a reused buffer). */
export const multinomial: Sampler = {
  name: 'multinomial',
  sample(logits, rng) {
    let max = -Infinity;
    for (const x of logits) if (x > max) max = x;
    if (expScratch.length < logits.length) expScratch = new Float64Array(logits.length);
    const e = expScratch;
    let sum = 0;
    for (let i = 0; i < logits.length; i++) {
      const x = Math.exp((logits[i] as number) - max);
      e[i] = x;
      sum += x;
    }
    return draw(e, logits.length, sum, rng);
  },
  sampleProbs(probs, rng) {
    let sum = 0;
    for (let i = 0; i < probs.length; i++) sum += probs[i] as number;
    return draw(probs, probs.length, sum, rng);
  },
};

/**
 * The index where a uniform draw of `total` falls in the running sum of the first `n` weights;
 * if rounding leaves a little mass, the last index with a non-zero weight.
 */
function draw(w: Float32Array | Float64Array, n: number, total: number, rng: Rng): number {
  let u = rng.next() * total;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const x = w[i] as number;
    if (x > 0) last = i;
    u -= x;
    if (u < 0) return i;
  }
  return last;
}

/** A stopping rule over the ids generated so far; returns true to stop after the last one. */
export type StoppingCriterion = (generated: readonly number[]) => boolean;

/** Stop when the generated ids end with any of these id sequences. */
export function stopSequences(seqs: readonly (readonly number[])[]): StoppingCriterion {
  const nonEmpty = seqs.filter((s) => s.length > 0);
  return (gen) =>
    nonEmpty.some((s) => s.length <= gen.length && s.every((id, i) => gen[gen.length - s.length + i] === id));
}

/** A caller-supplied predicate (e.g. the tree builder stops at line boundaries). */
export function stopWhen(pred: (generated: readonly number[]) => boolean): StoppingCriterion {
  return pred;
}
