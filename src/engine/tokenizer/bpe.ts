import { DataError } from '../../core/errors.js';
import { pretokenize } from './pretokenize.js';

/**
 * A byte-level BPE tokenizer (Sennrich et al. 2016; byte-level as in GPT-2). Ids are arbitrary (a
 * file trained elsewhere, e.g. GPT-2's, loads too): 256 byte tokens, one token per merge, and special
 * tokens. Encoding applies merges lowest rank first, leftmost first, within each pre-token — the
 * same order as Hugging Face's BPE model, so the ids agree.
 */
export const EOT = '<|endoftext|>';
export const PAD = '<|pad|>';
export const DEFAULT_SPECIAL_TOKENS: readonly string[] = [EOT, PAD];

/** One merge: tokens `left` and `right` become `merged`. Rank = index in the merge list. */
export interface Merge {
  readonly left: number;
  readonly right: number;
  readonly merged: number;
}

export interface TokenizerParts {
  /** id of the token of each byte value 0..255 */
  readonly byteIds: readonly number[];
  /** merges in rank order */
  readonly merges: readonly Merge[];
  /** special tokens: content → id (never produced by merges) */
  readonly specials: ReadonlyMap<string, number>;
}

export interface EncodeOptions {
  /**
   * `plain` (default): text like `<|endoftext|>` inside the input is ordinary text, so untrusted
   * code cannot inject control tokens. `recognize`: such text becomes the special token, as
   * Hugging Face's `encode` does.
   */
  readonly special?: 'plain' | 'recognize';
}

/** Ids are below 2^21: a pair of ids packs into one safe-integer map key. */
const ID_LIMIT = 2 ** 21;
const CACHE_LIMIT = 50_000;

export class ByteBpeTokenizer {
  readonly byteIds: readonly number[];
  readonly merges: readonly Merge[];
  readonly specials: ReadonlyMap<string, number>;
  /** the bytes each id stands for (special tokens: their UTF-8 text) */
  private readonly bytesOf: Uint8Array[];
  private readonly isSpecial: boolean[];
  private readonly rankOf = new Map<number, number>();
  private readonly cache = new Map<string, number[]>();
  private readonly specialPattern: RegExp | undefined;

  constructor(parts: TokenizerParts) {
    this.byteIds = parts.byteIds;
    this.merges = parts.merges;
    this.specials = parts.specials;
    if (parts.byteIds.length !== 256) throw invalid(`expected 256 byte tokens, got ${parts.byteIds.length}`);
    const bytesOf: (Uint8Array | undefined)[] = [];
    const isSpecial: boolean[] = [];
    const define = (id: number, bytes: Uint8Array, special: boolean, what: string): void => {
      if (!Number.isInteger(id) || id < 0 || id >= ID_LIMIT)
        throw invalid(`${what}: id ${id} is out of range`);
      if (bytesOf[id] !== undefined) throw invalid(`${what}: id ${id} is used twice`);
      bytesOf[id] = bytes;
      isSpecial[id] = special;
    };
    parts.byteIds.forEach((id, b) => define(id, Uint8Array.of(b), false, `byte ${b}`));
    parts.merges.forEach((m, rank) => {
      const l = bytesOf[m.left];
      const r = bytesOf[m.right];
      if (l === undefined || r === undefined || isSpecial[m.left] === true || isSpecial[m.right] === true)
        throw invalid(
          `merge ${rank}: its parts ${m.left} and ${m.right} must be earlier byte or merge tokens`,
        );
      const key = m.left * ID_LIMIT + m.right;
      if (this.rankOf.has(key))
        throw invalid(`merge ${rank}: the pair (${m.left}, ${m.right}) is merged twice`);
      this.rankOf.set(key, rank);
      const bytes = new Uint8Array(l.length + r.length);
      bytes.set(l);
      bytes.set(r, l.length);
      define(m.merged, bytes, false, `merge ${rank}`);
    });
    for (const [content, id] of parts.specials) {
      if (content === '') throw invalid('a special token cannot be empty');
      define(id, new TextEncoder().encode(content), true, `special token ${content}`);
    }
    for (let id = 0; id < bytesOf.length; id++)
      if (bytesOf[id] === undefined) throw invalid(`ids must be contiguous from 0, but id ${id} is unused`);
    this.bytesOf = bytesOf.filter((b): b is Uint8Array => b !== undefined);
    this.isSpecial = isSpecial.map((s) => s === true);
    const names = [...parts.specials.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.specialPattern = names.length === 0 ? undefined : new RegExp(names.join('|'), 'g');
  }

  /** Number of ids (bytes + merges + specials). */
  get vocabSize(): number {
    return this.bytesOf.length;
  }

  /** The id of a special token, e.g. `<|endoftext|>`. */
  specialId(content: string): number | undefined {
    return this.specials.get(content);
  }

  /** The `<|endoftext|>` id; throws if this tokenizer has none. */
  get eotId(): number {
    const id = this.specials.get(EOT);
    if (id === undefined)
      throw new DataError(`this tokenizer has no ${EOT} token`, {
        hint: 'train it with the default special tokens',
      });
    return id;
  }

  /** Encode a string as its UTF-8 bytes (a lone surrogate becomes U+FFFD, as in any UTF-8 encoder). */
  encode(text: string, opts: EncodeOptions = {}): number[] {
    if (opts.special !== 'recognize' || this.specialPattern === undefined)
      return this.encodeBytes(new TextEncoder().encode(text));
    const out: number[] = [];
    let at = 0;
    for (const m of text.matchAll(this.specialPattern)) {
      if (m.index > at) this.encodeInto(new TextEncoder().encode(text.slice(at, m.index)), out);
      const id = this.specials.get(m[0]);
      if (id !== undefined) out.push(id);
      at = m.index + m[0].length;
    }
    if (at < text.length) this.encodeInto(new TextEncoder().encode(text.slice(at)), out);
    return out;
  }

  /** Encode any bytes, valid UTF-8 or not; special tokens are never produced. */
  encodeBytes(bytes: Uint8Array): number[] {
    const out: number[] = [];
    this.encodeInto(bytes, out);
    return out;
  }

  /** Exact inverse of encodeBytes (special tokens give their text's bytes). */
  decodeBytes(ids: readonly number[]): Uint8Array {
    let n = 0;
    for (const id of ids) n += this.tokenBytes(id).length;
    const out = new Uint8Array(n);
    let at = 0;
    for (const id of ids) {
      const b = this.tokenBytes(id);
      out.set(b, at);
      at += b.length;
    }
    return out;
  }

  /** Decode to a string; bytes that are not valid UTF-8 become U+FFFD (use decodeBytes to keep them). */
  decode(ids: readonly number[]): string {
    return new TextDecoder('utf-8').decode(this.decodeBytes(ids));
  }

  /** The bytes of one token. */
  tokenBytes(id: number): Uint8Array {
    const b = this.bytesOf[id];
    if (b === undefined)
      throw new DataError(`token id ${id} is outside the vocabulary of ${this.vocabSize}`, {
        hint: 'the ids were made by another tokenizer or model',
      });
    return b;
  }

  isSpecialId(id: number): boolean {
    return this.isSpecial[id] === true;
  }

  private encodeInto(bytes: Uint8Array, out: number[]): void {
    pretokenize(bytes, (start, end) => {
      if (end - start === 1) {
        out.push(this.byteIds[bytes[start] as number] as number);
        return;
      }
      const piece = bytes.subarray(start, end);
      const key = Buffer.from(piece.buffer, piece.byteOffset, piece.length).toString('latin1');
      let ids = this.cache.get(key);
      if (ids === undefined) {
        ids = this.bpe(piece);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(key, ids);
      }
      for (const id of ids) out.push(id);
    });
  }

  /** Merge one pre-token: repeatedly apply the lowest-ranked merge, at every place left to right. */
  private bpe(piece: Uint8Array): number[] {
    const word: number[] = [];
    for (const b of piece) word.push(this.byteIds[b] as number);
    for (;;) {
      let best = Infinity;
      for (let i = 0; i + 1 < word.length; i++) {
        const r = this.rankOf.get((word[i] as number) * ID_LIMIT + (word[i + 1] as number));
        if (r !== undefined && r < best) best = r;
      }
      if (best === Infinity) return word;
      const m = this.merges[best] as Merge;
      let w = 0;
      for (let i = 0; i < word.length; i++) {
        if (i + 1 < word.length && word[i] === m.left && word[i + 1] === m.right) {
          word[w++] = m.merged;
          i++;
        } else word[w++] = word[i] as number;
      }
      word.length = w;
    }
  }
}

function invalid(message: string): DataError {
  return new DataError(`invalid tokenizer: ${message}`, {
    hint: 'the tokenizer file is corrupt or not a byte-level BPE tokenizer; train or export it again',
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
