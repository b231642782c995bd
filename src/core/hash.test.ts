import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, hashUnit, sha256 } from './hash.js';

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors for strings and bytes', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256('abc'));
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('canonicalJson and contentHash', () => {
  it('sorts keys recursively and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('equal values hash equal whatever the key order; different values differ', () => {
    expect(contentHash({ x: 1, y: [1, 2] })).toBe(contentHash({ y: [1, 2], x: 1 }));
    expect(contentHash({ x: 1, y: [1, 2] })).not.toBe(contentHash({ x: 1, y: [2, 1] }));
    expect(contentHash('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hashUnit', () => {
  it('is a deterministic number in [0, 1) per key and salt', () => {
    expect(hashUnit('CWE-89', 's')).toBe(hashUnit('CWE-89', 's'));
    expect(hashUnit('CWE-89', 's')).not.toBe(hashUnit('CWE-89', 't'));
    expect(hashUnit('CWE-89')).not.toBe(hashUnit('CWE-79'));
  });

  it('separates key and salt, so ("ab", "c") differs from ("a", "bc")', () => {
    expect(hashUnit('c', 'ab')).not.toBe(hashUnit('bc', 'a'));
  });

  it('is spread evenly over [0, 1)', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const u = hashUnit(`key-${i}`);
      expect(u >= 0 && u < 1).toBe(true);
      const b = Math.floor(u * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});
