import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import {
  greedy,
  logSoftmaxAt,
  multinomial,
  softmax,
  stopSequences,
  temperature,
  topK,
  topP,
} from './sampling.js';

const logits = () => Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);

describe('logits processors', () => {
  it('temperature divides the logits', () => {
    const x = Float32Array.from([2, -4, 1]);
    temperature(2)(x);
    expect(Array.from(x)).toEqual([1, -2, 0.5]);
    expect(() => temperature(0)).toThrow(ConfigError);
  });
  it('top-k keeps the k largest', () => {
    const x = logits();
    topK(2)(x);
    expect(Array.from(x.slice(2))).toEqual([-Infinity, -Infinity]);
    expect(x[0]).toBeCloseTo(Math.log(0.5), 6);
    expect(() => topK(0)).toThrow(ConfigError);
  });
  it('top-p keeps the smallest set with mass ≥ p (0.5+0.3 ≥ 0.8)', () => {
    const x = logits();
    topP(0.8)(x);
    expect(Number.isFinite(x[1] as number)).toBe(true);
    expect(x[2]).toBe(-Infinity);
    const y = logits();
    topP(0.81)(y);
    expect(Number.isFinite(y[2] as number)).toBe(true);
    expect(y[3]).toBe(-Infinity);
  });
});

describe('samplers', () => {
  it('greedy takes the argmax; multinomial follows the probabilities', () => {
    expect(greedy.sample(logits(), new Rng(0))).toBe(0);
    const rng = new Rng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) (counts[multinomial.sample(logits(), rng)] as number)++;
    expect(counts[0]! / 4000).toBeCloseTo(0.5, 1);
    expect(counts[3]! / 4000).toBeCloseTo(0.05, 1);
    const masked = logits();
    topK(1)(masked);
    for (let i = 0; i < 50; i++) expect(multinomial.sample(masked, rng)).toBe(0);
  });
  it('softmax and log-softmax agree with hand-worked values', () => {
    const p = softmax(logits());
    expect(p[1]).toBeCloseTo(0.3, 6);
    expect(logSoftmaxAt(logits(), 2)).toBeCloseTo(Math.log(0.15), 6);
  });
});

describe('stop sequences', () => {
  it('match the tail of the generated ids', () => {
    const s = stopSequences([[7, 8], [], [3]]);
    expect(s([1, 7, 8])).toBe(true);
    expect(s([7, 8, 1])).toBe(false);
    expect(s([3])).toBe(true);
    expect(s([8])).toBe(false);
  });
});

describe('multinomial from probabilities', () => {
  it('draws the same tokens from exp(log-softmax) in float32 as from the log-probs', () => {
    const gen = new Rng(5);
    let same = 0;
    const n = 2000;
    for (let k = 0; k < n; k++) {
      const raw = Float32Array.from({ length: 64 }, () => 4 * gen.next() - 2);
      const lp = Float32Array.from(raw, (_, i) => logSoftmaxAt(raw, i));
      const p = Float32Array.from(lp, (x) => Math.exp(x));
      const a = multinomial.sample(lp, new Rng(k));
      const b = multinomial.sampleProbs?.(p, new Rng(k));
      if (a === b) same++;
    }
    // float32 probabilities may move a draw that lands within ~1e-7 of a boundary, nothing more
    expect(same).toBeGreaterThanOrEqual(n - 1);
  });

  it('follows the distribution and never draws a zero-probability token', () => {
    const p = Float32Array.from([0.5, 0, 0.3, 0.2]);
    const counts = new Float64Array(4);
    const rng = new Rng(1);
    for (let k = 0; k < 20000; k++) {
      const i = multinomial.sampleProbs?.(p, rng) as number;
      counts[i] = (counts[i] as number) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[0] as number) / 20000).toBeCloseTo(0.5, 1);
    expect((counts[2] as number) / 20000).toBeCloseTo(0.3, 1);
  });
});
