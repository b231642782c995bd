import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, IoError } from '../../core/errors.js';
import { EOT, PAD } from './bpe.js';
import { BYTE_TO_CHAR } from './bytes.js';
import { fromHuggingFace, loadTokenizer, saveTokenizer, toHuggingFace } from './hf.js';
import { trainBpe } from './train.js';

const dir = mkdtempSync(join(tmpdir(), 'secplay-tok-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CORPUS = [
  'def get_user(db, name):\n    cur = db.cursor()\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n    return cur.fetchone()\n',
  'int copy(char *dst, size_t n, const char *src) {\n\tsnprintf(dst, n, "%s", src);\n\treturn 0;\n}\n',
  'function show(el, text) {\n  el.textContent = text; // not innerHTML\n}\n',
  "const msg = `héllo ${name} — it's 2024 😀`;\nconsole.log(msg);\n",
];
const tok = trainBpe(
  Array.from({ length: 30 }, (_, i) => CORPUS[i % CORPUS.length] as string),
  { vocabSize: 420 },
);
const path = join(dir, 'tokenizer.json');
saveTokenizer(tok, path);

const STRINGS = [
  ...CORPUS,
  'SELECT * FROM users WHERE name = %s',
  '    return cur.fetchone()\r\n\r\n',
  'unseen words: quixotic zephyr 1234567 +=>>',
  '日本語 ελληνικά русский 👋🏽👨‍👩‍👧',
  "we'll they're I'd you've",
  '\t\t  \n   x',
  '',
];

describe('tokenizer.json', () => {
  it('has the Hugging Face layout: ByteLevel pre-tokenizer and decoder, BPE vocab and merges', () => {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      version: '1.0',
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, use_regex: true },
      decoder: { type: 'ByteLevel' },
      model: { type: 'BPE', byte_fallback: false },
    });
    const model = json['model'] as { vocab: Record<string, number>; merges: string[] };
    expect(Object.keys(model.vocab)).toHaveLength(tok.vocabSize);
    expect(model.vocab['Ġ']).toBe(32);
    expect(model.vocab['Ċ']).toBe(10);
    expect(model.merges).toHaveLength(tok.merges.length);
    expect(model.merges.every((m) => /^\S+ \S+$/.test(m))).toBe(true);
    expect(json['added_tokens']).toEqual([
      {
        id: tok.eotId,
        content: EOT,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
      {
        id: tok.specialId(PAD),
        content: PAD,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ]);
  });

  it('save → load is the identity', () => {
    const back = loadTokenizer(path);
    expect(back.vocabSize).toBe(tok.vocabSize);
    expect(back.merges).toEqual(tok.merges);
    expect(back.byteIds).toEqual(tok.byteIds);
    expect([...back.specials]).toEqual([...tok.specials]);
    expect(toHuggingFace(back)).toEqual(toHuggingFace(tok));
    for (const s of STRINGS) expect(back.encode(s)).toEqual(tok.encode(s));
  });

  it('@huggingface/tokenizers loads our file and gives the same ids and text', () => {
    const hf = new Tokenizer(JSON.parse(readFileSync(path, 'utf8')) as object, {});
    for (const s of STRINGS) {
      const ours = tok.encode(s, { special: 'recognize' });
      expect(hf.encode(s).ids, JSON.stringify(s)).toEqual(ours);
      if (ours.length > 0) expect(hf.decode(ours)).toBe(s); // tokenizers.js refuses to decode []
    }
    const withSpecial = `a = 1${EOT}b = 2${PAD}`;
    expect(hf.encode(withSpecial).ids).toEqual(tok.encode(withSpecial, { special: 'recognize' }));
    expect(hf.token_to_id(EOT)).toBe(tok.eotId);
  });

  it('loads a file whose byte tokens have other ids (as in GPT-2) and the "[l, r]" merge format', () => {
    // bytes in reverse id order, one merge "a b" → "ab" given as a pair
    const vocab: Record<string, number> = {};
    BYTE_TO_CHAR.forEach((c, b) => (vocab[c] = 255 - b));
    vocab['ab'] = 256;
    const json = {
      version: '1.0',
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, use_regex: true },
      post_processor: null,
      decoder: { type: 'ByteLevel' },
      model: { type: 'BPE', vocab, merges: [['a', 'b']] },
    };
    const t = fromHuggingFace(json);
    expect(t.encode('abc')).toEqual([256, 255 - 0x63]);
    expect(t.decode(t.encode('cab ba'))).toBe('cab ba');
    expect(new Tokenizer(json, {}).encode('abc').ids).toEqual([256, 255 - 0x63]);
  });
});

describe('loading bad files', () => {
  const base = toHuggingFace(tok);

  it('a missing file is IoError, bad JSON is DataError naming the file', () => {
    expect(() => loadTokenizer(join(dir, 'none.json'))).toThrow(IoError);
    const p = join(dir, 'broken.json');
    writeFileSync(p, '{"model": ');
    expect(() => loadTokenizer(p)).toThrow(DataError);
    expect(() => loadTokenizer(p)).toThrow(/not valid JSON/);
  });

  it('another model type or pre-tokenizer is rejected with the field', () => {
    const wordpiece = { ...base, model: { ...base.model, type: 'WordPiece' } };
    expect(() => fromHuggingFace(wordpiece, 'x.json')).toThrow(DataError);
    try {
      fromHuggingFace(wordpiece, 'x.json');
    } catch (e) {
      expect(e).toMatchObject({ file: 'x.json', field: 'model.type' });
    }
    const prefix = { ...base, pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true } };
    expect(() => fromHuggingFace(prefix)).toThrow(/not a byte-level BPE tokenizer.json/);
  });

  it('a merge that makes a token missing from the vocab, or a missing byte token, names the field', () => {
    const merges = [...base.model.merges];
    merges[3] = 'Q Z';
    let err: unknown;
    try {
      fromHuggingFace({ ...base, model: { ...base.model, merges } });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ field: 'model.merges[3]' });
    const vocab = { ...base.model.vocab };
    delete vocab['Ġ'];
    expect(() => fromHuggingFace({ ...base, model: { ...base.model, vocab } })).toThrow(
      /byte 32 has no token/,
    );
  });
});
