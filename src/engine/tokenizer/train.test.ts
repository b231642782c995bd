import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { EOT, PAD } from './bpe.js';
import { trainBpe } from './train.js';

/** Sennrich et al.'s example words, one per document (no spaces, so each is one pre-token). */
const CORPUS = [
  ...Array<string>(5).fill('low'),
  ...Array<string>(2).fill('lower'),
  ...Array<string>(6).fill('newest'),
  ...Array<string>(3).fill('widest'),
];

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('trainBpe on a hand-worked corpus', () => {
  const tok = trainBpe(CORPUS, { vocabSize: 1000 });
  const merged = tok.merges.map((m) => text(tok.tokenBytes(m.merged)));

  it('learns the merges in the order worked out by hand', () => {
    // counts: es 9 = st 9 (tie → smaller ids: e,s) → est 9 → lo 7 (tie with ow, l < o) → low 7 →
    // ew 6 = ne 6 = w·est 6 (tie → e,w) → new 6 → newest 6 → dest 3 (tie with wi, id: d < i < w) →
    // idest 3 → widest 3 → er 2 (tie with low·e: e < low) → lower 2; then every pair occurs once.
    expect(merged).toEqual([
      'es',
      'est',
      'lo',
      'low',
      'ew',
      'new',
      'newest',
      'dest',
      'idest',
      'widest',
      'er',
      'lower',
    ]);
    expect(tok.merges.map((m) => m.merged)).toEqual(Array.from({ length: 12 }, (_, i) => 256 + i));
  });

  it('stops when pairs run out, and puts the special tokens after the merges', () => {
    expect(tok.vocabSize).toBe(256 + 12 + 2);
    expect(tok.specialId(EOT)).toBe(268);
    expect(tok.specialId(PAD)).toBe(269);
    expect(tok.eotId).toBe(268);
  });

  it('encodes with the merges lowest rank first', () => {
    // l o w e s t → l o w es t → l o w est → lo w est → low est
    expect(tok.encode('lowest').map((id) => text(tok.tokenBytes(id)))).toEqual(['low', 'est']);
    expect(tok.encode('newest')).toEqual([262]);
    expect(tok.encode('lowerst').map((id) => text(tok.tokenBytes(id)))).toEqual(['lower', 's', 't']);
  });

  it('respects the vocabulary size', () => {
    const small = trainBpe(CORPUS, { vocabSize: 256 + 2 + 3 });
    expect(small.merges.map((m) => text(small.tokenBytes(m.merged)))).toEqual(['es', 'est', 'lo']);
    expect(small.vocabSize).toBe(261);
    const bare = trainBpe(CORPUS, { vocabSize: 256, specialTokens: [] });
    expect(bare.merges).toEqual([]);
    expect(bare.encode('low')).toEqual([108, 111, 119]);
  });

  it('minFrequency stops merging rare pairs', () => {
    const t = trainBpe(CORPUS, { vocabSize: 1000, minFrequency: 7 });
    expect(t.merges.map((m) => text(t.tokenBytes(m.merged)))).toEqual(['es', 'est', 'lo', 'low']);
  });

  it('is deterministic and independent of document order', () => {
    const shuffled = [...CORPUS].reverse();
    expect(trainBpe(shuffled, { vocabSize: 1000 }).merges).toEqual(tok.merges);
  });

  it('does not merge across pre-token boundaries (spaces, punctuation)', () => {
    const t = trainBpe(['a.b a.b a.b a.b'], { vocabSize: 1000 });
    for (const m of t.merges) {
      const s = text(t.tokenBytes(m.merged));
      expect(/^ ?[a-z]+$|^ ?[.]+$|^\s+$/.test(s), s).toBe(true);
    }
  });

  it('rejects a vocabulary too small for bytes and special tokens, and duplicate specials', () => {
    expect(() => trainBpe(CORPUS, { vocabSize: 257 })).toThrow(ConfigError);
    expect(() => trainBpe(CORPUS, { vocabSize: 257 })).toThrow(/from 258/);
    expect(() => trainBpe(CORPUS, { vocabSize: 300, specialTokens: [EOT, EOT] })).toThrow(/distinct/);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    trainBpe(CORPUS, { vocabSize: 1000, onProgress: (m) => seen.push(m) });
    expect(seen[seen.length - 1]).toBe(12);
  });
});
