import { ConfigError } from '../../core/errors.js';
import { ByteBpeTokenizer, DEFAULT_SPECIAL_TOKENS, type Merge } from './bpe.js';
import { pretokenize } from './pretokenize.js';

/**
 * Training byte-level BPE (Sennrich et al. 2016): count pre-tokens, then repeatedly merge the most
 * frequent adjacent pair. Incremental: each merge touches only the words that hold the pair (an
 * index from pair to words) and a max-heap with lazy deletion finds the next pair, so a few MB of
 * code trains in seconds rather than the minutes of the naive recount-everything loop.
 *
 * Deterministic: pair counts are sums over words, and ties go to the smaller (left, right) ids, so
 * the result depends on the corpus content only, not on document order or timing.
 */
export interface TrainOptions {
  /** total vocabulary: 256 bytes + merges + special tokens (training stops earlier if pairs run out) */
  readonly vocabSize: number;
  /** appended after the merges, in this order (default `<|endoftext|>`, `<|pad|>`) */
  readonly specialTokens?: readonly string[];
  /** a pair must occur at least this often to be merged (default 2) */
  readonly minFrequency?: number;
  /** called every 100 merges and at the end */
  readonly onProgress?: (merges: number, target: number) => void;
}

const ID_LIMIT = 2 ** 21;

export function trainBpe(corpus: Iterable<string | Uint8Array>, opts: TrainOptions): ByteBpeTokenizer {
  const specials = opts.specialTokens ?? DEFAULT_SPECIAL_TOKENS;
  const minFrequency = opts.minFrequency ?? 2;
  const target = opts.vocabSize - 256 - specials.length;
  if (!Number.isInteger(opts.vocabSize) || target < 0 || opts.vocabSize > ID_LIMIT)
    throw new ConfigError(
      `vocabSize ${opts.vocabSize} is invalid: it must be an integer from ${256 + specials.length} (bytes + special tokens) to ${ID_LIMIT}`,
      { field: 'vocabSize' },
    );
  if (new Set(specials).size !== specials.length)
    throw new ConfigError('special tokens must be distinct', { field: 'specialTokens' });

  // 1. pre-token counts
  const counts = new Map<string, number>();
  const encoder = new TextEncoder();
  for (const doc of corpus) {
    const bytes = typeof doc === 'string' ? encoder.encode(doc) : doc;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    pretokenize(bytes, (s, e) => {
      if (e - s < 2) return; // one byte: no pair to merge
      const key = buf.toString('latin1', s, e);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }

  // 2. words as symbol arrays; pair counts and the words each pair occurs in
  const words: Int32Array[] = [];
  const lengths: number[] = [];
  const freq: number[] = [];
  for (const [key, c] of counts) {
    const w = new Int32Array(key.length);
    for (let i = 0; i < key.length; i++) w[i] = key.charCodeAt(i);
    words.push(w);
    lengths.push(key.length);
    freq.push(c);
  }
  counts.clear();
  const pairCount = new Map<number, number>();
  const where = new Map<number, number[]>();
  const note = (k: number, w: number): void => {
    const list = where.get(k);
    if (list === undefined) where.set(k, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < words.length; w++) {
    const sym = words[w] as Int32Array;
    const c = freq[w] as number;
    for (let i = 0; i + 1 < sym.length; i++) {
      const k = (sym[i] as number) * ID_LIMIT + (sym[i + 1] as number);
      pairCount.set(k, (pairCount.get(k) ?? 0) + c);
      note(k, w);
    }
  }
  const heap = new PairHeap();
  for (const [k, c] of pairCount) heap.push(c, k);

  // 3. merge loop
  const merges: Merge[] = [];
  const visited = new Int32Array(words.length).fill(-1);
  const before = new Map<number, number>();
  const touch = (k: number, delta: number): void => {
    const old = pairCount.get(k) ?? 0;
    if (!before.has(k)) before.set(k, old);
    pairCount.set(k, old + delta);
  };
  while (merges.length < target) {
    const top = heap.pop();
    if (top === undefined) break;
    const current = pairCount.get(top.key) ?? 0;
    if (current !== top.count) continue; // stale entry
    if (current < minFrequency) break;
    const left = Math.floor(top.key / ID_LIMIT);
    const right = top.key % ID_LIMIT;
    const merged = 256 + merges.length;
    merges.push({ left, right, merged });
    before.clear();
    const step = merges.length;
    for (const w of where.get(top.key) ?? []) {
      if (visited[w] === step) continue;
      visited[w] = step;
      const sym = words[w] as Int32Array;
      const n = lengths[w] as number;
      const c = freq[w] as number;
      let has = false;
      for (let i = 0; i + 1 < n; i++)
        if (sym[i] === left && sym[i + 1] === right) {
          has = true;
          break;
        }
      if (!has) continue; // a stale index entry
      for (let i = 0; i + 1 < n; i++) touch((sym[i] as number) * ID_LIMIT + (sym[i + 1] as number), -c);
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (i + 1 < n && sym[i] === left && sym[i + 1] === right) {
          sym[m++] = merged;
          i++;
        } else sym[m++] = sym[i] as number;
      }
      lengths[w] = m;
      for (let i = 0; i + 1 < m; i++) {
        const k = (sym[i] as number) * ID_LIMIT + (sym[i + 1] as number);
        touch(k, c);
        note(k, w);
      }
    }
    where.delete(top.key);
    for (const [k, old] of before) {
      const now = pairCount.get(k) ?? 0;
      if (now <= 0) {
        pairCount.delete(k);
        where.delete(k);
      } else if (now !== old) heap.push(now, k);
    }
    if (step % 100 === 0) opts.onProgress?.(step, target);
  }
  opts.onProgress?.(merges.length, target);

  const byteIds = Array.from({ length: 256 }, (_, b) => b);
  const specialIds = new Map(specials.map((s, i) => [s, 256 + merges.length + i]));
  return new ByteBpeTokenizer({ byteIds, merges, specials: specialIds });
}

/**
 * Max-heap of (count, pair key): larger count first, then smaller key (= smaller left, then right
 * id) for deterministic ties. Two parallel number arrays; written here because it is 40 lines and a
 * heap package would box every entry in an object and take a comparator call per step.
 */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { count: number; key: number } | undefined {
    const n = this.counts.length;
    if (n === 0) return undefined;
    const top = { count: this.counts[0] as number, key: this.keys[0] as number };
    const lastCount = this.counts.pop() as number;
    const lastKey = this.keys.pop() as number;
    if (n > 1) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < n - 1 && this.above(l, best)) best = l;
        if (r < n - 1 && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }

  /** does entry a belong above entry b? */
  private above(a: number, b: number): boolean {
    const ca = this.counts[a] as number;
    const cb = this.counts[b] as number;
    return ca > cb || (ca === cb && (this.keys[a] as number) < (this.keys[b] as number));
  }

  private swap(a: number, b: number): void {
    const c = this.counts[a] as number;
    this.counts[a] = this.counts[b] as number;
    this.counts[b] = c;
    const k = this.keys[a] as number;
    this.keys[a] = this.keys[b] as number;
    this.keys[b] = k;
  }
}
