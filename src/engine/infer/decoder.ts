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
    const B = caches.length;
    if (!Number.isInteger(o.maxTokens) || o.maxTokens < 1)
      throw new DataError(`maxTokens must be a positive integer, got ${o.maxTokens}`);
    if (B === 0) return [];
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
    const past = this.gather(ready, P);
    const gen: number[][] = ready.map(() => []);
    const lps: number[][] = ready.map(() => []);
    const done: (FinishReason | null)[] = ready.map(() => null);
    let logits: Float32Array[] = ready.map((r) => r.nextLogits as Float32Array);
    const scratch = new Float32Array(V);
    const ids = new BigInt64Array(B);
    const positions = new BigInt64Array(B);
    const mask = new Float32Array(B * (P + 1));
    for (;;) {
      for (let b = 0; b < B; b++) {
        if (done[b] !== null) continue;
        const row = logits[b] as Float32Array;
        const work = scratch;
        work.set(row);
        for (const proc of o.processors ?? []) proc(work);
        const tok = sampler.sample(work, o.rng);
        (gen[b] as number[]).push(tok);
        (lps[b] as number[]).push(row[tok] as number); // rows are log-softmax already
        const g = gen[b] as number[];
        if ((o.stops ?? []).some((s) => s(g))) done[b] = 'stop';
        else if (g.length >= o.maxTokens) done[b] = 'max_tokens';
        else if ((len[b] as number) >= P) done[b] = 'context';
      }
      if (done.every((d) => d !== null)) break;
      mask.fill(MASK_NEG);
      for (let b = 0; b < B; b++) {
        const active = done[b] === null;
        const g = gen[b] as number[];
        ids[b] = BigInt(active ? (g[g.length - 1] as number) : 0);
        positions[b] = BigInt(active ? (len[b] as number) : 0);
        if (active) mask.fill(0, b * (P + 1), b * (P + 1) + (len[b] as number));
        mask[b * (P + 1) + P] = 0;
      }
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
      const next: Float32Array[] = [];
      for (let b = 0; b < B; b++) {
        next.push(res.logits.subarray(b * V, (b + 1) * V));
        if (done[b] !== null) continue;
        const slot = len[b] as number;
        for (let l = 0; l < c.nLayers; l++)
          for (let h = 0; h < H; h++) {
            const dst = ((b * H + h) * P + slot) * D;
            const src = (b * H + h) * D;
            (past.k[l] as Float32Array).set((res.newK[l] as Float32Array).subarray(src, src + D), dst);
            (past.v[l] as Float32Array).set((res.newV[l] as Float32Array).subarray(src, src + D), dst);
          }
        len[b] = slot + 1;
      }
      logits = next;
    }
    return ready.map((r, b) => {
      const g = gen[b] as number[];
      const from = start[b] as number;
      const to = len[b] as number;
      const blk =
        to > from
          ? new KvBlock(
              r.block,
              from,
              Int32Array.from(g.slice(0, to - from)),
              this.slice(past.k, b, P, from, to),
              this.slice(past.v, b, P, from, to),
            )
          : r.block;
      return {
        tokens: g,
        logprobs: lps[b] as number[],
        finishReason: done[b] as FinishReason,
        cache: KvCache.of(blk, [g[g.length - 1] as number], null),
      };
    });
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
  const seqs = pairs.map(({ prefix, continuation }, i) => {
    if (prefix.length === 0)
      throw new DataError(`pair ${i}: the prefix is empty`, {
        hint: 'start every prefix with at least one token (e.g. BOS)',
      });
    const tokens = [...prefix, ...continuation];
    const scoreMask = Float32Array.from(tokens, (_, t) => (t >= prefix.length ? 1 : 0));
    return { tokens, scoreMask };
  });
  const r = await model.score(seqs);
  return {
    tokens: r.tokenLogp.map((lp, i) => lp.slice((pairs[i] as { prefix: readonly number[] }).prefix.length)),
    sums: [...r.seqLogp],
  };
}
