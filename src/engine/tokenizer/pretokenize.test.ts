import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { pretokenize, validSequenceLength } from './pretokenize.js';

function pieces(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  pretokenize(bytes, (s, e) => {
    expect(s).toBe(at);
    expect(e).toBeGreaterThan(s);
    at = e;
    out.push(bytes.subarray(s, e));
  });
  expect(at).toBe(bytes.length);
  return out;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('pretokenize', () => {
  it('splits text like GPT-2: contractions, letters, numbers, punctuation, whitespace', () => {
    expect(pieces(enc("it's  x=12+ab\n\n  def"))).toEqual(
      ['it', "'s", ' ', ' x', '=', '12', '+', 'ab', '\n\n ', ' def'].map(enc),
    );
  });

  it('counts multi-byte characters in bytes', () => {
    expect(pieces(enc('héllo 😀!')).map(dec)).toEqual(['héllo', ' 😀!']);
  });

  it('isolates each invalid byte and splits the valid runs around it', () => {
    const b = new Uint8Array([...enc('ab cd'), 0xff, 0xc3, ...enc('ef'), 0xe2, 0x82]);
    expect(pieces(b).map((p) => [...p])).toEqual([
      [0x61, 0x62],
      [0x20, 0x63, 0x64],
      [0xff],
      [0xc3],
      [0x65, 0x66],
      [0xe2],
      [0x82],
    ]);
  });

  it('tiles random bytes exactly', () => {
    const rng = new Rng(1);
    for (let k = 0; k < 200; k++) {
      const b = Uint8Array.from({ length: rng.int(300) }, () => rng.int(256));
      pieces(b);
    }
  });
});

describe('validSequenceLength', () => {
  it.each([
    [[0x41], 1],
    [[0xc3, 0xa9], 2],
    [[0xc0, 0x80], 0], // overlong
    [[0xe2, 0x82, 0xac], 3],
    [[0xe0, 0x80, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf0, 0x9f, 0x98, 0x80], 4],
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xe2, 0x82], 0], // truncated
    [[0x80], 0],
  ])('%j → %i', (bytes, n) => {
    expect(validSequenceLength(Uint8Array.from(bytes), 0)).toBe(n);
  });

  it('agrees with Node’s isUtf8 on random short sequences', () => {
    const rng = new Rng(2);
    for (let k = 0; k < 3000; k++) {
      const b = Uint8Array.from({ length: 1 + rng.int(4) }, () =>
        rng.next() < 0.5 ? 0x80 + rng.int(0x40) : rng.int(256),
      );
      const n = validSequenceLength(b, 0);
      // n > 0: the first n bytes are one valid character; n = 0: no prefix can be valid UTF-8
      if (n > 0) expect(isUtf8(b.subarray(0, n))).toBe(true);
      else for (let len = 1; len <= b.length; len++) expect(isUtf8(b.subarray(0, len))).toBe(false);
    }
  });
});
