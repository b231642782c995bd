import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import type { Cwe } from '../core/records.js';
import { applySplit, cweSplitter, hashSplitter, heldOutCwes, languageSplitter } from './split.js';

interface Rec {
  readonly id: string;
  readonly cwe: Cwe;
  readonly language: string;
}

const CWES: Cwe[] = [
  'CWE-22',
  'CWE-78',
  'CWE-79',
  'CWE-89',
  'CWE-125',
  'CWE-190',
  'CWE-416',
  'CWE-476',
  'CWE-787',
];
const LANGS = ['c', 'cpp', 'py', 'go', 'js', 'rb'];

function records(n: number, offset = 0): Rec[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      id: `pair-${i}`,
      cwe: CWES[i % CWES.length] as Cwe,
      language: LANGS[(i * 7) % LANGS.length] as string,
    };
  });
}

const ids = (rs: readonly Rec[]): string[] => rs.map((r) => r.id);

describe.each([
  ['cwe by fraction', () => cweSplitter<Rec>({ fraction: 0.4, seed: 3 })],
  ['cwe by name', () => cweSplitter<Rec>({ cwes: ['cwe-089', 'CWE-416'] })],
  ['language', () => languageSplitter<Rec>(['py', 'js'])],
  ['hash', () => hashSplitter<Rec>(0.25, 'seed')],
])('%s split', (_name, make) => {
  const all = records(400);

  it('is deterministic: the same inputs give the same sides', () => {
    const a = applySplit(all, make());
    const b = applySplit(all, make());
    expect(ids(a.kept)).toEqual(ids(b.kept));
    expect(ids(a.heldOut)).toEqual(ids(b.heldOut));
  });

  it('is disjoint and complete, and both sides are non-empty', () => {
    const { kept, heldOut } = applySplit(all, make());
    const k = new Set(ids(kept));
    expect(heldOut.some((r) => k.has(r.id))).toBe(false);
    expect(kept.length + heldOut.length).toBe(all.length);
    expect(kept.length).toBeGreaterThan(0);
    expect(heldOut.length).toBeGreaterThan(0);
  });

  it('is stable when records are appended: old records keep their side', () => {
    const before = applySplit(all.slice(0, 150), make());
    const after = applySplit([...all.slice(0, 150), ...records(300, 1000)], make());
    const afterHeld = new Set(ids(after.heldOut));
    for (const r of before.heldOut) expect(afterHeld.has(r.id)).toBe(true);
    for (const r of before.kept) expect(afterHeld.has(r.id)).toBe(false);
  });

  it('does not depend on record order', () => {
    const s = make();
    const fwd = applySplit(all, s);
    const rev = applySplit([...all].reverse(), s);
    expect(new Set(ids(rev.heldOut))).toEqual(new Set(ids(fwd.heldOut)));
  });
});

describe('cweSplitter', () => {
  it('holds out whole CWEs: no CWE is on both sides', () => {
    const { kept, heldOut } = applySplit(records(300), cweSplitter<Rec>({ fraction: 0.4, seed: 1 }));
    const keptCwes = new Set(kept.map((r) => r.cwe));
    for (const r of heldOut) expect(keptCwes.has(r.cwe)).toBe(false);
  });

  it('names the held-out CWEs, normalised and sorted numerically', () => {
    const s = cweSplitter<Rec>({ cwes: ['cwe-416', '89'] });
    expect(heldOutCwes(s, CWES)).toEqual(['CWE-89', 'CWE-416']);
    expect(s.description).toBe('CWEs held out: CWE-89, CWE-416');
  });

  it('different seeds choose different CWE sets; a new CWE never moves an existing one', () => {
    const sets = [0, 1, 2, 3].map((seed) =>
      heldOutCwes(cweSplitter({ fraction: 0.5, seed }), CWES).join(','),
    );
    expect(new Set(sets).size).toBeGreaterThan(1);
    const s = cweSplitter({ fraction: 0.5, seed: 7 });
    const more = heldOutCwes(s, [...CWES, 'CWE-918', 'CWE-20', 'CWE-502']);
    for (const c of heldOutCwes(s, CWES)) expect(more).toContain(c);
  });

  it('fraction 0 holds out nothing and 1 holds out everything', () => {
    expect(heldOutCwes(cweSplitter({ fraction: 0 }), CWES)).toEqual([]);
    expect(heldOutCwes(cweSplitter({ fraction: 1 }), CWES)).toHaveLength(CWES.length);
  });

  it('rejects bad specifications with a ConfigError naming the field', () => {
    expect(() => cweSplitter({})).toThrow(ConfigError);
    expect(() => cweSplitter({ cwes: ['CWE-89'], fraction: 0.5 })).toThrow(/not both/);
    expect(() => cweSplitter({ cwes: ['SQL injection'] })).toThrow(/'SQL injection' is not a CWE id/);
    expect(() => cweSplitter({ fraction: 1.5 })).toThrow(/\[0, 1\], got 1.5/);
  });
});

describe('languageSplitter and hashSplitter', () => {
  it('holds out exactly the named languages', () => {
    const { heldOut, kept } = applySplit(records(60), languageSplitter<Rec>(['c', 'cpp']));
    expect(new Set(heldOut.map((r) => r.language))).toEqual(new Set(['c', 'cpp']));
    expect(kept.some((r) => r.language === 'c' || r.language === 'cpp')).toBe(false);
    expect(() => languageSplitter([])).toThrow(ConfigError);
  });

  it('holds out about the requested fraction of records', () => {
    const { heldOut } = applySplit(records(4000), hashSplitter<Rec>(0.2, 1));
    expect(heldOut.length / 4000).toBeGreaterThan(0.17);
    expect(heldOut.length / 4000).toBeLessThan(0.23);
  });
});
