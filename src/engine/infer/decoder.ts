import { DataError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { headDim } from '../model/config.js';
import { MASK_NEG } from '../model/gpt.js';
import type { GptModel } from '../model/model.js';
import { KvBlock, KvCache } from './kvcache.js';
import { multinomial, type LogitsProcessor, type Sampler, type StoppingCriterion } from './sampling.js';

export interface GenerateOptions {
  /** most new tokens per row */
  readonly maxTokens: number;
  readonly rng: Rng;
  readonly processors?: readonly LogitsProcessor[];
  readonly sampler?: Sampler;
  readonly stops?: readonly StoppingCriterion[];
}

export type FinishReason = 'stop' | 'max_tokens' | 'context';

export interface Generation {
  /** the sampled ids (a matched stop sequence included) */
  readonly tokens: number[];
  /** log p(token | prefix) under the model, before any logits processor */
  readonly logprobs: number[];
  readonly finishReason: FinishReason;
  /** the cache after the generation (the last sampled token pending); fork it to branch further */
  readonly cache: KvCache;
}

/**
 * Batched incremental decoding over forkable KV caches. Each call gathers the rows' cached
 * keys/values into one batch buffer (a memory copy, never a recomputation), runs the decode graph,
 * and stores the new tokens' keys/values as new blocks, so siblings keep sharing their prefix.
 */
export class Decoder {
  constructor(readonly model: GptModel) {}

  private get L(): number {
    return this.model.config.nLayers;
  }

  /** Batch buffers (per layer K and V, (B,H,P,D)) filled with each row's cached prefix. */
  private gather(caches: readonly KvCache[], P: number): { k: Float32Array[]; v: Float32Array[] } {
    const c = this.model.config;
    const H = c.nHeads;
    const D = headDim(c);
    const B = caches.length;
    const k = Array.from({ length: this.L }, () => new Float32Array(B * H * P * D));
    const v = Array.from({ length: this.L }, () => new Float32Array(B * H * P * D));
    caches.forEach((cache, b) => {
      for (const blk of cache.chain()) {
        const n = blk.tokens.length;
        for (let l = 0; l < this.L; l++)
          for (let h = 0; h < H; h++) {
            const dst = ((b * H + h) * P + blk.start) * D;
            const src = h * n * D;
            (k[l] as Float32Array).set((blk.k[l] as Float32Array).subarray(src, src + n * D), dst);
            (v[l] as Float32Array).set((blk.v[l] as Float32Array).subarray(src, src + n * D), dst);
          }
      }
    });
    return { k, v };
  }

  /** Copy slots [from, to) of row b out of batch buffers (B,H,P,D) into a block's (H,n,D) arrays. */
  private slice(
    buf: readonly Float32Array[],
    b: number,
    P: number,
    from: number,
    to: number,
  ): Float32Array[] {
    const c = this.model.config;
    const H = c.nHeads;
    const D = headDim(c);
    const n = to - from;
    return buf.map((x) => {
      const out = new Float32Array(H * n * D);
      for (let h = 0; h < H; h++)
        out.set(x.subarray(((b * H + h) * P + from) * D, ((b * H + h) * P + to) * D), h * n * D);
      return out;
    });
  }

  private checkTokens(tokens: readonly number[], where: string): void {
    const V = this.model.config.vocabSize;
    for (const [i, id] of tokens.entries())
      if (!Number.isInteger(id) || id < 0 || id >= V)
        throw new DataError(`${where}: token ${i} is ${id}, outside [0, ${V})`, { field: `${where}[${i}]` });
  }

  /**
   * Run every row's pending tokens (plus `tokens[i]` appended) through the model in one batch; the
   * returned caches hold the next-token logits. `allLogits` also returns the logits at every new
   * position (row i: (n_i, V)).
   */
  async prefill(
    caches: readonly KvCache[],
    tokens: readonly (readonly number[])[] = [],
    opts: { allLogits?: boolean } = {},
  ): Promise<{ caches: KvCache[]; logits: Float32Array[] }> {
    const c = this.model.config;
    const V = c.vocabSize;
    if (tokens.length > 0 && tokens.length !== caches.length)
      throw new DataError(`prefill got ${tokens.length} token lists for ${caches.length} caches`, {
        hint: 'pass one token list per cache (or none)',
      });
    const rows = caches.map((cache, i) => {
      const extra = tokens[i] ?? [];
      this.checkTokens(extra, `prefill row ${i}`);
      return cache.append(extra);
    });
    const todo = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.pending.length > 0);
    const out = rows.slice();
    const logits: Float32Array[] = rows.map(() => new Float32Array(0));
    if (todo.length === 0) return { caches: out, logits };
    for (const { r, i } of todo)
      if (r.length > c.contextLength)
        throw new DataError(
          `row ${i} has ${r.length} tokens, more than the context length ${c.contextLength}`,
          {
            hint: 'truncate the prompt or use a model with a longer context',
          },
        );
    const B = todo.length;
    const S = Math.max(...todo.map(({ r }) => r.pending.length));
    const P = Math.max(1, ...todo.map(({ r }) => r.processed));
    const past = this.gather(
      todo.map(({ r }) => r),
      P,
    );
    const ids = new BigInt64Array(B * S);
    const positions = new BigInt64Array(B * S);
    const mask = new Float32Array(B * S * (P + S)).fill(MASK_NEG);
    todo.forEach(({ r }, b) => {
      const p0 = r.processed;
      for (let s = 0; s < S; s++) {
        const real = s < r.pending.length;
        ids[b * S + s] = BigInt(real ? (r.pending[s] as number) : 0);
        positions[b * S + s] = BigInt(Math.min(p0 + s, c.contextLength - 1));
        const row = (b * S + s) * (P + S);
        mask.fill(0, row, row + p0);
        mask.fill(0, row + P, row + P + s + 1);
      }
    });
    const res = await this.model.decode({
      rows: B,
      newTokens: S,
      slots: P,
      ids,
      positions,
      mask,
      pastK: past.k,
      pastV: past.v,
    });
    todo.forEach(({ r, i }, b) => {
      const n = r.pending.length;
      const blk = new KvBlock(
        r.block,
        r.processed,
        Int32Array.from(r.pending),
        this.slice(res.newK, b, S, 0, n),
        this.slice(res.newV, b, S, 0, n),
      );
      const last = res.logits.slice((b * S + n - 1) * V, (b * S + n) * V);
      out[i] = KvCache.of(blk, [], last);
      if (opts.allLogits === true) logits[i] = res.logits.slice(b * S * V, (b * S + n) * V);
    });
    return { caches: out, logits };
  }

  /** Sample continuations of every cache in one batch (rows advance in lockstep). */
  async generate(caches: readonly KvCache[], o: GenerateOptions): Promise<Generation[]> {
    const c = this.model.config;
    const V = c.vocabSize;
    const H = c.nHeads;
    const D = headDim(c);
    if (!Number.isInteger(o.maxTokens) || o.maxTokens < 1)
      throw new DataError(`maxTokens must be a positive integer, got ${o.maxTokens}`);
    if (caches.length === 0) return [];
    caches.forEach((cache, i) => {
      if (cache.length === 0)
        throw new DataError(`row ${i}: cannot generate from an empty sequence`, {
          hint: 'prefill a prompt first',
        });
    });
    const ready = (await this.prefill(caches)).caches;
    const sampler = o.sampler ?? multinomial;
    const start = ready.map((r) => r.processed);
    const len = start.slice();
    const P = Math.min(c.contextLength, Math.max(...len) + o.maxTokens);
    const gen: number[][] = ready.map(() => []);
    const lps: number[][] = ready.map(() => []);
    const done: (FinishReason | null)[] = ready.map(() => null);
    const blocks: (KvBlock | null)[] = ready.map((r) => r.block);
    let logits: Float32Array[] = ready.map((r) => r.nextLogits as Float32Array);
    const scratch = new Float32Array(V);
    // batch row r holds request rows[r]; finished requests leave the batch when it is compacted
    let rows = ready.map((_, i) => i);
    let past = this.gather(ready, P);
    const finish = (i: number, r: number, why: FinishReason): void => {
      done[i] = why;
      const from = start[i] as number;
      const to = len[i] as number;
      const g = gen[i] as number[];
      if (to > from)
        blocks[i] = new KvBlock(
          ready[i]?.block ?? null,
          from,
          Int32Array.from(g.slice(0, to - from)),
          this.slice(past.k, r, P, from, to),
          this.slice(past.v, r, P, from, to),
        );
    };
    for (;;) {
      rows.forEach((i, r) => {
        if (done[i] !== null) return;
        const row = logits[i] as Float32Array;
        const work = scratch;
        work.set(row);
        for (const proc of o.processors ?? []) proc(work);
        const tok = sampler.sample(work, o.rng);
        const g = gen[i] as number[];
        g.push(tok);
        (lps[i] as number[]).push(row[tok] as number); // rows are log-softmax already
        if ((o.stops ?? []).some((stop) => stop(g))) finish(i, r, 'stop');
        else if (g.length >= o.maxTokens) finish(i, r, 'max_tokens');
        else if ((len[i] as number) >= P) finish(i, r, 'context');
      });
      const active = rows.filter((i) => done[i] === null);
      if (active.length === 0) break;
      if (active.length <= rows.length / 2) {
        // compact: copy the live rows' slots into a smaller batch, so finished rows cost nothing
        past = this.compact(past, rows, active, P);
        rows = active;
      }
      const B = rows.length;
      const ids = new BigInt64Array(B);
      const positions = new BigInt64Array(B);
      const mask = new Float32Array(B * (P + 1)).fill(MASK_NEG);
      rows.forEach((i, r) => {
        const live = done[i] === null;
        const g = gen[i] as number[];
        ids[r] = BigInt(live ? (g[g.length - 1] as number) : 0);
        positions[r] = BigInt(live ? (len[i] as number) : 0);
        if (live) mask.fill(0, r * (P + 1), r * (P + 1) + (len[i] as number));
        mask[r * (P + 1) + P] = 0;
      });
      const res = await this.model.decode({
        rows: B,
        newTokens: 1,
        slots: P,
        ids,
        positions,
        mask,
        pastK: past.k,
        pastV: past.v,
      });
      const next = logits.slice();
      rows.forEach((i, r) => {
        if (done[i] !== null) return;
        next[i] = res.logits.subarray(r * V, (r + 1) * V);
        const slot = len[i] as number;
        for (let l = 0; l < c.nLayers; l++) {
          const pk = past.k[l] as Float32Array;
          const pv = past.v[l] as Float32Array;
          const nk = res.newK[l] as Float32Array;
          const nv = res.newV[l] as Float32Array;
          for (let h = 0; h < H; h++) {
            // D floats per head: a plain loop beats allocating subarray views at this size
            const dst = ((r * H + h) * P + slot) * D;
            const src = (r * H + h) * D;
            for (let d = 0; d < D; d++) {
              pk[dst + d] = nk[src + d] as number;
              pv[dst + d] = nv[src + d] as number;
            }
          }
        }
        len[i] = slot + 1;
      });
      logits = next;
    }
    return ready.map((_, i) => {
      const g = gen[i] as number[];
      return {
        tokens: g,
        logprobs: lps[i] as number[],
        finishReason: done[i] as FinishReason,
        cache: KvCache.of(blocks[i] ?? null, [g[g.length - 1] as number], null),
      };
    });
  }

  /** New batch buffers holding only the `keep` requests' rows (rows[r] = request in batch row r). */
  private compact(
    past: { k: Float32Array[]; v: Float32Array[] },
    rows: readonly number[],
    keep: readonly number[],
    P: number,
  ): { k: Float32Array[]; v: Float32Array[] } {
    const c = this.model.config;
    const slab = c.nHeads * P * headDim(c);
    const move = (buf: Float32Array): Float32Array => {
      const out = new Float32Array(keep.length * slab);
      keep.forEach((i, r) => {
        const from = rows.indexOf(i);
        out.set(buf.subarray(from * slab, (from + 1) * slab), r * slab);
      });
      return out;
    };
    return { k: past.k.map(move), v: past.v.map(move) };
  }
}

/**
 * log p(continuation | prefix) for many pairs in one batched forward pass (no cache): per-token
 * log-probs of each continuation and their sum.
 */
export async function logprobs(
  model: GptModel,
  pairs: readonly { readonly prefix: readonly number[]; readonly continuation: readonly number[] }[],
): Promise<{ tokens: Float32Array[]; sums: number[] }> {
  pairs.forEach(({ prefix }, i) => {
    if (prefix.length === 0)
      throw new DataError(`pair ${i}: the prefix is empty`, {
        hint: 'start every prefix with at least one token (e.g. BOS)',
      });
  });
  // empty continuations score 0 without running the model
  const live = pairs.map((p, i) => ({ p, i })).filter(({ p }) => p.continuation.length > 0);
  const seqs = live.map(({ p }) => {
    const tokens = [...p.prefix, ...p.continuation];
    return { tokens, scoreMask: Float32Array.from(tokens, (_, t) => (t >= p.prefix.length ? 1 : 0)) };
  });
  const r = await model.score(seqs);
  const tokens = pairs.map(() => new Float32Array(0));
  const sums = pairs.map(() => 0);
  live.forEach(({ p, i }, k) => {
    tokens[i] = (r.tokenLogp[k] as Float32Array).slice(p.prefix.length);
    sums[i] = r.seqLogp[k] as number;
  });
  return { tokens, sums };
}
