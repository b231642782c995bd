import { DataError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { headDim } from '../model/config.js';
import { MASK_NEG } from '../model/gpt.js';
import type { FrozenWeights, GptModel, PreparedStep } from '../model/model.js';
import {
  bigint,
  BufferPool,
  chainSource,
  groupRows,
  plan,
  regroup,
  StepBatch,
  type Attention,
  type Group,
  type KvSource,
} from './batch.js';
import { KvBlock, KvCache } from './kvcache.js';
import { multinomial, type LogitsProcessor, type Sampler, type StoppingCriterion } from './sampling.js';

export interface GenerateOptions {
  /**
   * most new tokens per row: one number for every row, or one per row (a tree expander steps
   * branches of different lengths, e.g. new segments and rollouts, as one batch)
   */
  readonly maxTokens: number | readonly number[];
  readonly rng: Rng;
  readonly processors?: readonly LogitsProcessor[];
  readonly sampler?: Sampler;
  readonly stops?: readonly StoppingCriterion[];
  /**
   * Called when a row finishes (in request order within a step), with its generation and its
   * index; the rows it returns join the running batch at the next step, so a tree builder can
   * start a finished segment's children (forks of `g.cache`) while longer rows still run.
   * Their generations follow the initial rows' in the result, in the order they joined.
   */
  readonly onFinish?: (g: Generation, row: number) => readonly Join[];
}

/** A row to add to a running `generate` call. */
export interface Join {
  readonly cache: KvCache;
  readonly maxTokens: number;
}

export interface DecoderOptions {
  /**
   * how `generate` lays out rows that share a cached prefix: `auto` (default) uses prefix-shared
   * attention when its cost model says it reads less, `grouped` whenever rows share a block,
   * `flat` never (every row holds its whole sequence)
   */
  readonly attention?: Attention;
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
 * Batched incremental decoding over forkable KV caches. Each call copies the rows' cached
 * keys/values into batch buffers (a memory copy, never a recomputation), once per group of rows
 * that share a prefix when the step graph reads it once per group, runs the decode graph, and
 * stores the new tokens' keys/values as new blocks, so siblings keep sharing their prefix.
 */
/**
 * One buffer pool per model, shared by its decoders (a tree expander may make one per tree). A
 * decoder's `generate` calls run one after another or interleave at their awaits; a buffer is
 * in the pool only while no batch holds it, so sharing is safe either way.
 */
const POOLS = new WeakMap<GptModel, BufferPool>();

export class Decoder {
  /** decode steps run by `generate`, and how many of them with prefix-shared attention */
  readonly stats = { steps: 0, groupedSteps: 0 };
  /** batch caches, reused from one layout (and one `generate`, one decoder) to the next */
  private readonly pool: BufferPool;

  constructor(
    readonly model: GptModel,
    readonly opts: DecoderOptions = {},
  ) {
    let pool = POOLS.get(model);
    if (pool === undefined) POOLS.set(model, (pool = new BufferPool()));
    this.pool = pool;
  }

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
      weights: await this.model.frozen(),
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

  /**
   * Sample continuations of every cache in one batch (rows advance in lockstep). A row's pending
   * token (e.g. the last token of the generation it was forked from) runs as its first step; longer
   * pending runs are prefilled first. Rows that share a cached prefix (forks of one cache) are
   * stepped with prefix-shared attention when that reads less (see batch.ts); the results are the
   * same either way.
   */
  async generate(caches: readonly KvCache[], o: GenerateOptions): Promise<Generation[]> {
    const c = this.model.config;
    if (typeof o.maxTokens !== 'number' && o.maxTokens.length !== caches.length)
      throw new DataError(`maxTokens has ${o.maxTokens.length} entries for ${caches.length} rows`, {
        hint: 'give one number for every row, or one per row',
      });
    (typeof o.maxTokens === 'number' ? [o.maxTokens] : o.maxTokens).forEach((m, i) => {
      if (!Number.isInteger(m) || m < 1)
        throw new DataError(
          `maxTokens must be a positive integer, got ${m}${typeof o.maxTokens === 'number' ? '' : ` for row ${i}`}`,
        );
    });
    if (caches.length === 0) return [];
    caches.forEach((cache, i) => {
      if (cache.length === 0)
        throw new DataError(`row ${i}: cannot generate from an empty sequence`, {
          hint: 'prefill a prompt first',
        });
      if (cache.length > c.contextLength)
        throw new DataError(
          `row ${i} has ${cache.length} tokens, more than the context length ${c.contextLength}`,
          { hint: 'truncate the prompt or use a model with a longer context' },
        );
    });
    const long = caches.flatMap((r, i) => (r.pending.length > 1 ? [i] : []));
    const ready = caches.slice();
    if (long.length > 0) {
      const done = (await this.prefill(long.map((i) => caches[i] as KvCache))).caches;
      long.forEach((i, k) => (ready[i] = done[k] as KvCache));
    }
    const weights = await this.model.frozen();
    weights.pin(); // these weights for the whole call, even if training changes the parameters
    try {
      return await this.steps(ready, weights, o);
    } finally {
      await weights.unpin();
    }
  }

  private async steps(
    initial: readonly KvCache[],
    weights: FrozenWeights,
    o: GenerateOptions,
  ): Promise<Generation[]> {
    const c = this.model.config;
    const V = c.vocabSize;
    const sampler = o.sampler ?? multinomial;
    const processors = o.processors ?? [];
    const stops = o.stops ?? [];
    // per request (initial rows, then rows that joined, in the order they joined)
    const ready: KvCache[] = [];
    const most: number[] = [];
    const start: number[] = [];
    const len: number[] = [];
    // the token each row runs next: its pending token, then each sampled token
    const next: (number | null)[] = [];
    // the longest a row can get (the last sampled token is never run, so this is generous by one)
    const limit: number[] = [];
    const gen: number[][] = [];
    const lps: number[][] = [];
    const ran: number[][] = [];
    const done: (FinishReason | null)[] = [];
    const blocks: (KvBlock | null)[] = [];
    const logits: (Float32Array | null)[] = [];
    // the step graph's probabilities of each row's latest logits (null: only logits known)
    const probs: (Float32Array | null)[] = [];
    let live = 0;
    const add = (caches: readonly KvCache[], budgets: readonly number[]): number => {
      const first = ready.length;
      caches.forEach((r, k) => {
        const m = budgets[k] as number;
        ready.push(r);
        most.push(m);
        start.push(r.processed);
        len.push(r.processed);
        next.push(r.pending[0] ?? null);
        limit.push(Math.min(c.contextLength, r.length + m));
        gen.push([]);
        lps.push([]);
        ran.push([]);
        done.push(null);
        blocks.push(r.block);
        logits.push(r.nextLogits);
        probs.push(null);
        live++;
      });
      return first;
    };
    add(initial, maxTokensOf(o.maxTokens, initial.length));
    const fromProbs = processors.length === 0 && sampler.sampleProbs !== undefined;
    const scratch = new Float32Array(V);
    let groups = groupRows(ready.map((r) => r.chain()));
    let batch = this.stepBatch(groups, len, limit, chainSource(ready.map((r) => r.chain())));
    // the step bound to the current batch's buffers (a new layout binds again)
    let prepared = null as { batch: StepBatch; step: PreparedStep } | null;
    const joining: Join[] = [];
    const finish = (i: number, why: FinishReason): void => {
      done[i] = why;
      live--;
      const from = start[i] as number;
      const to = len[i] as number;
      if (to > from) {
        const kv = batch.extract(i, from, to);
        const toks = Int32Array.from(ran[i] as number[]);
        blocks[i] = new KvBlock(ready[i]?.block ?? null, from, toks, kv.k, kv.v);
      }
      if (o.onFinish !== undefined) joining.push(...o.onFinish(result(i), i));
    };
    const result = (i: number): Generation => {
      const g = gen[i] as number[];
      return {
        tokens: g,
        logprobs: lps[i] as number[],
        finishReason: done[i] as FinishReason,
        cache: KvCache.of(blocks[i] ?? null, [g[g.length - 1] as number], null),
      };
    };
    for (;;) {
      // sample in request order, whatever the batch order, so a seed gives the same tokens
      for (let i = 0; i < ready.length; i++) {
        const row = logits[i];
        if (done[i] !== null || row === null || row === undefined || next[i] !== null) continue;
        const p = probs[i];
        let tok: number;
        if (fromProbs && p !== null && p !== undefined && sampler.sampleProbs !== undefined)
          tok = sampler.sampleProbs(p, o.rng);
        else if (processors.length === 0) tok = sampler.sample(row, o.rng);
        else {
          scratch.set(row);
          for (const proc of processors) proc(scratch);
          tok = sampler.sample(scratch, o.rng);
        }
        const g = gen[i] as number[];
        g.push(tok);
        (lps[i] as number[]).push(row[tok] as number); // rows are log-softmax already
        if (stops.some((stop) => stop(g))) finish(i, 'stop');
        else if (g.length >= (most[i] as number)) finish(i, 'max_tokens');
        else if ((len[i] as number) >= c.contextLength) finish(i, 'context');
        else next[i] = tok;
      }
      if (joining.length > 0) {
        // new rows join the running batch: the batch is laid out again with them
        const joined = await this.admit(joining.splice(0), ready.length);
        const first = add(
          joined.map((j) => j.cache),
          joined.map((j) => j.maxTokens),
        );
        const chains: KvBlock[][] = ready.map((r, i) => (i >= first ? r.chain() : []));
        // every live row grouped again, running ones by the cache they started from: a finished
        // segment's children share its parent's block with the parent's still running rollout,
        // so they step together over that prefix (kept apart, the rollout would be a row alone
        // and the batch flat over its whole length)
        groups = regroup(
          groupRows(ready.map((r, i) => (done[i] === null ? r.chain() : []))).map((g) => ({
            prefix: g.prefix,
            members: g.members.filter((i) => done[i] === null),
          })),
        );
        const old = batch;
        const fromChains = chainSource(chains);
        batch = this.stepBatch(
          groups,
          len,
          limit,
          {
            runs: (i, l, kind, from, to) =>
              i >= first ? fromChains.runs(i, l, kind, from, to) : old.runs(i, l, kind, from, to),
          },
          old,
        );
        old.release(this.pool);
      }
      if (live === 0) break;
      // a new layout of the live rows (regrouped) when half the batch has finished (compaction: a
      // smaller batch, so finished rows cost nothing) or a row has filled its slots (see headroom)
      const full = batch.rows.some((i) => i >= 0 && done[i] === null && !batch.fits(i, len[i] as number));
      if (full || live <= batch.size / 2) {
        groups = regroup(
          groups.map((g) => ({ prefix: g.prefix, members: g.members.filter((i) => done[i] === null) })),
        );
        const old = batch;
        batch = this.stepBatch(groups, len, limit, old, old);
        old.release(this.pool);
      }
      batch.rows.forEach((i, r) => {
        const tok = i < 0 ? null : next[i];
        if (tok !== null && tok !== undefined) batch.ids[r] = bigint(tok);
      });
      this.stats.steps++;
      if (batch.groups > 0) this.stats.groupedSteps++;
      if (prepared?.batch !== batch) prepared = { batch, step: await this.prepare(batch, weights) };
      await prepared.step.run();
      batch.rows.forEach((i, r) => {
        const tok = i < 0 || done[i] !== null ? null : next[i];
        if (tok === null || tok === undefined) return;
        // views of this layout's output buffer: read before the next step overwrites them
        logits[i] = batch.rowLogits[r] as Float32Array;
        probs[i] = batch.rowProbs[r] as Float32Array;
        const at = len[i] as number;
        batch.store(r, at);
        (ran[i] as number[]).push(tok);
        next[i] = null;
        len[i] = at + 1;
      });
    }
    // every row's keys and values were copied out into its block when it finished
    batch.release(this.pool);
    return ready.map((_, i) => result(i));
  }

  /**
   * Check the rows an `onFinish` hook asks to add (numbered from `first` in errors) and prefill
   * those with more than one pending token, as `generate` does for its initial rows.
   */
  private async admit(rows: readonly Join[], first: number): Promise<Join[]> {
    const c = this.model.config;
    rows.forEach((j, k) => {
      const where = `row ${first + k} (added by onFinish)`;
      if (!Number.isInteger(j.maxTokens) || j.maxTokens < 1)
        throw new DataError(`${where}: maxTokens must be a positive integer, got ${j.maxTokens}`);
      if (j.cache.length === 0) throw new DataError(`${where}: cannot generate from an empty sequence`);
      if (j.cache.length > c.contextLength)
        throw new DataError(
          `${where} has ${j.cache.length} tokens, more than the context length ${c.contextLength}`,
        );
    });
    const long = rows.flatMap((j, k) => (j.cache.pending.length > 1 ? [k] : []));
    if (long.length === 0) return [...rows];
    const filled = (await this.prefill(long.map((k) => (rows[k] as Join).cache))).caches;
    const out = [...rows];
    long.forEach(
      (k, n) => (out[k] = { cache: filled[n] as KvCache, maxTokens: (rows[k] as Join).maxTokens }),
    );
    return out;
  }

  private prepare(batch: StepBatch, weights: FrozenWeights): Promise<PreparedStep> {
    return this.model.prepareStep({
      rows: batch.rows.length,
      slots: batch.slots,
      ids: batch.ids,
      positions: batch.positions,
      mask: batch.mask,
      pastK: batch.k,
      pastV: batch.v,
      weights,
      out: batch.out,
      ...(batch.groups === 0
        ? {}
        : { prefix: { groups: batch.groups, slots: batch.prefixSlots, k: batch.preK, v: batch.preV } }),
    });
  }

  /** A layout of `groups`; `prior`, the layout it replaces, may hand over its prefix buffers. */
  private stepBatch(
    groups: readonly Group[],
    len: readonly number[],
    limit: readonly number[],
    src: KvSource,
    prior?: StepBatch,
  ): StepBatch {
    return new StepBatch(
      this.model.config,
      plan(groups, limit, this.opts.attention),
      len,
      limit,
      src,
      this.pool,
      prior,
    );
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

/** Per-row token budgets from one number or a list. */
function maxTokensOf(m: number | readonly number[], rows: number): number[] {
  return typeof m === 'number' ? Array.from({ length: rows }, () => m) : [...m];
}
