import { describe, expect, it } from 'vitest';
import { Rng, fnv1a } from './rng.js';

const draw = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.nextU32());

describe('Rng', () => {
  it('is deterministic per seed, numeric or string', () => {
    expect(draw(new Rng(42), 5)).toEqual(draw(new Rng(42), 5));
    expect(draw(new Rng('run-a'), 5)).toEqual(draw(new Rng('run-a'), 5));
    expect(draw(new Rng(42), 5)).not.toEqual(draw(new Rng(43), 5));
    expect(draw(new Rng('run-a'), 5)).not.toEqual(draw(new Rng('run-b'), 5));
  });

  it('state round trip: a generator restored from a saved state continues bit for bit', () => {
    const a = new Rng(7);
    draw(a, 13);
    a.next();
    const saved = JSON.parse(JSON.stringify(a.state())) as ReturnType<Rng['state']>;
    const b = Rng.fromState(saved);
    expect(draw(b, 50)).toEqual(draw(a, 50));
    expect(b.normal()).toBe(a.normal());
  });

  it('nextU32 gives unsigned 32-bit integers and next() is in [0, 1)', () => {
    const r = new Rng(1);
    for (const x of draw(r, 1000)) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(2 ** 32);
    }
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('int(n) covers [0, n) uniformly enough and rejects bad n', () => {
    const r = new Rng(3);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) {
      const k = r.int(6);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(/positive integer/);
  });

  it('shuffle returns a permutation without touching the input; pick needs a non-empty array', () => {
    const r = new Rng(5);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s = r.shuffle(items);
    expect([...s].sort((a, b) => a - b)).toEqual(items);
    expect(s).not.toEqual(items);
    expect(items[0]).toBe(0);
    expect(items).toContain(r.pick(items));
    expect(() => r.pick([])).toThrow(/empty array/);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = new Rng(11);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('fork gives independent, reproducible streams per label', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const fa = a.fork('policy');
    const fb = b.fork('policy');
    expect(draw(fa, 5)).toEqual(draw(fb, 5));
    expect(draw(new Rng(9).fork('policy'), 5)).not.toEqual(draw(new Rng(9).fork('oracle'), 5));
  });

  it('fnv1a matches the reference 32-bit FNV-1a values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});
