import { describe, expect, it } from 'vitest';
import { DataError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { ByteBpeTokenizer, EOT, PAD } from './bpe.js';
import { trainBpe } from './train.js';

const CODE = [
  'def get_user(db, name):\n    cur = db.cursor()\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n    return cur.fetchone()\n',
  'int copy(char *dst, size_t n, const char *src) {\n\tsnprintf(dst, n, "%s", src);\n\treturn 0;\n}\n',
  'function show(el, text) {\n  el.textContent = text; // not innerHTML\n}\n',
  'func find(db *sql.DB, id string) error {\n\t_, err := db.Query("SELECT * FROM t WHERE id = ?", id)\n\treturn err\n}\n',
];
const tok = trainBpe(
  Array.from({ length: 20 }, (_, i) => CODE[i % CODE.length] as string),
  { vocabSize: 400 },
);

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(256);
  return b;
}

describe('round trip', () => {
  it('decodeBytes(encodeBytes(b)) = b for random bytes, invalid UTF-8 included', () => {
    const rng = new Rng('bpe-roundtrip');
    for (let k = 0; k < 300; k++) {
      const b = randomBytes(rng, rng.int(400));
      expect(tok.decodeBytes(tok.encodeBytes(b))).toEqual(b);
    }
  });

  it('round-trips random bytes mixed with code, and every byte value alone', () => {
    const rng = new Rng(5);
    const enc = new TextEncoder();
    for (let k = 0; k < 100; k++) {
      const code = enc.encode(CODE[k % CODE.length]);
      const mixed = new Uint8Array([
        ...code.subarray(0, rng.int(code.length)),
        ...randomBytes(rng, 8),
        ...code,
      ]);
      expect(tok.decodeBytes(tok.encodeBytes(mixed))).toEqual(mixed);
    }
    for (let b = 0; b < 256; b++)
      expect(tok.decodeBytes(tok.encodeBytes(Uint8Array.of(b)))).toEqual(Uint8Array.of(b));
    expect(tok.encodeBytes(new Uint8Array(0))).toEqual([]);
  });

  it('decode(encode(s)) = s for strings with any Unicode, and compresses code', () => {
    const samples = [
      '',
      ' ',
      '\r\n\t  \n',
      'héllo wörld',
      '日本語のテキスト',
      'emoji 😀👋🏽 mix',
      "it's we'll they'd",
      ...CODE,
    ];
    for (const s of samples) expect(tok.decode(tok.encode(s))).toBe(s);
    const ids = tok.encode(CODE[0] as string);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(CODE[0]).length / 2);
  });

  it('decode replaces invalid UTF-8 but decodeBytes keeps it', () => {
    const ids = tok.encodeBytes(Uint8Array.of(0x61, 0xff, 0x62));
    expect(tok.decode(ids)).toBe('a\uFFFDb');
    expect([...tok.decodeBytes(ids)]).toEqual([0x61, 0xff, 0x62]);
  });
});

describe('special tokens', () => {
  it('are plain text by default and recognised on request', () => {
    const text = `a${EOT}b`;
    const plain = tok.encode(text);
    expect(plain).not.toContain(tok.eotId);
    expect(tok.decode(plain)).toBe(text);
    const rec = tok.encode(`${text}${PAD}`, { special: 'recognize' });
    expect(rec.filter((id) => tok.isSpecialId(id))).toEqual([tok.eotId, tok.specialId(PAD)]);
    expect(tok.decode(rec)).toBe(`${text}${PAD}`);
    expect(tok.encodeBytes(new TextEncoder().encode(EOT))).not.toContain(tok.eotId);
  });
});

describe('errors', () => {
  it('an id outside the vocabulary is a DataError saying so', () => {
    expect(() => tok.decode([tok.vocabSize])).toThrow(DataError);
    expect(() => tok.decode([-1])).toThrow(/outside the vocabulary of 400/);
  });

  it('inconsistent parts are rejected with what is wrong', () => {
    const byteIds = Array.from({ length: 256 }, (_, b) => b);
    expect(
      () => new ByteBpeTokenizer({ byteIds: byteIds.slice(1), merges: [], specials: new Map() }),
    ).toThrow(/256 byte tokens/);
    expect(
      () =>
        new ByteBpeTokenizer({
          byteIds,
          merges: [{ left: 97, right: 300, merged: 256 }],
          specials: new Map(),
        }),
    ).toThrow(/merge 0/);
    expect(
      () =>
        new ByteBpeTokenizer({
          byteIds,
          merges: [
            { left: 97, right: 98, merged: 256 },
            { left: 97, right: 98, merged: 257 },
          ],
          specials: new Map(),
        }),
    ).toThrow(/merged twice/);
    expect(() => new ByteBpeTokenizer({ byteIds, merges: [], specials: new Map([[EOT, 300]]) })).toThrow(
      /id 256 is unused/,
    );
    expect(() => new ByteBpeTokenizer({ byteIds, merges: [], specials: new Map([[EOT, 65]]) })).toThrow(
      /used twice/,
    );
  });

  it('a tokenizer without <|endoftext|> says so when asked for it', () => {
    const bare = trainBpe(['x'], { vocabSize: 256, specialTokens: [] });
    expect(() => bare.eotId).toThrow(/no <\|endoftext\|> token/);
  });
});
