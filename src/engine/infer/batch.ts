import { InternalError } from '../../core/errors.js';
import { headDim, type ModelConfig } from '../model/config.js';
import { MASK_NEG } from '../model/gpt.js';
import type { StepOutputs } from '../model/model.js';
import type { KvBlock } from './kvcache.js';

/**
 * Where the keys and values of one `Decoder.generate` call live while it steps: the batch layout
 * of the step graph. Rows that share a cached prefix (their block chains hold the same KvBlock
 * objects, as forks of one cache do) can be laid out in groups, so that the step graph reads each
 * group's prefix once per step instead of once per row (prefix-shared attention, see
 * buildStepGraph); otherwise every row holds its whole sequence (the flat layout).
 */

/** Rows sharing a prefix: `prefix` is the deepest block they all hold (null: no shared prefix). */
export interface Group {
  readonly prefix: KvBlock | null;
  /** request indices */
  readonly members: readonly number[];
}

/**
 * Group rows by what they share: each row joins the group of the deepest block of its chain that
 * some other row's chain also holds (an identity test on shared block objects, not a comparison
 * of tokens). A row that shares nothing, or would be alone in its group, gets no prefix.
 */
export function groupRows(chains: readonly (readonly KvBlock[])[]): Group[] {
  const count = new Map<KvBlock, number>();
  for (const chain of chains) for (const b of chain) count.set(b, (count.get(b) ?? 0) + 1);
  const byPrefix = new Map<KvBlock | null, number[]>();
  chains.forEach((chain, i) => {
    let prefix: KvBlock | null = null;
    for (let j = chain.length - 1; j >= 0 && prefix === null; j--) {
      const b = chain[j] as KvBlock;
      if ((count.get(b) ?? 0) >= 2) prefix = b;
    }
    const members = byPrefix.get(prefix);
    if (members === undefined) byPrefix.set(prefix, [i]);
    else members.push(i);
  });
  return regroup([...byPrefix].map(([prefix, members]) => ({ prefix, members })));
}

/** Merge groups of one member (and groups without prefix) into one group without prefix. */
export function regroup(groups: readonly Group[]): Group[] {
  const out: Group[] = [];
  const loose: number[] = [];
  for (const g of groups) {
    if (g.members.length === 0) continue;
    if (g.prefix === null || g.members.length === 1) loose.push(...g.members);
    else out.push(g);
  }
  if (loose.length > 0) out.push({ prefix: null, members: loose.sort((a, b) => a - b) });
  return out;
}

/**
 * Cost model of one step, in "row-slots": one row reading one cached position's key and value in
 * every layer (about 0.17 µs for the demo model on onnxruntime CPU, one thread). Fitted by least
 * squares to measured step times of that model, grouped against flat, for groups of 1-16 rows and
 * prefixes of 64-384 tokens: a group's prefix costs about what one row reading it costs (the
 * group's rows are the M rows of one product per head, so the prefix is read once), the grouped
 * graph's extra transposes and products about 500 row-slots plus 20 per row, a padding row about
 * 80. Measured, G×R rows, prefix Pg, private Ps: 4×5, 112, 80 (the bench tree's frontier): 690 µs
 * grouped vs 1,003 flat; 1×16, 384, 64: 595 vs 1,474; 1×4, 64, 48: 286 vs 194 (flat wins).
 */
const ROW_COST = 80;
const GROUPED_FIXED = 500;
const GROUPED_PER_ROW = 20;

/**
 * Private slots a layout gives a row of n private tokens beyond them: a row's keys are read over
 * every slot of the layout, filled or not, so a layout sized for the rows' final lengths makes a
 * step read several times what it needs while the rows are short (the bench tree's frontier: 80
 * slots, 24 filled on average). Instead the layout is rebuilt larger when a row fills it (a copy
 * of what is filled, about one step's reading), growing by half (at least 16 slots), so copies are
 * few and at most about a third of the slots read are empty.
 */
export function headroom(n: number): number {
  return 8 * Math.ceil(Math.max(16, n / 2) / 8);
}

/** `auto`: grouped when the cost model says it pays; `grouped`: whenever rows share a block; `flat`: never */
export type Attention = 'auto' | 'grouped' | 'flat';

/** A planned layout: batch rows (request index, −1 for padding) in G groups of R, or flat (G = 0). */
export interface Plan {
  readonly rows: readonly number[];
  readonly groups: number;
  /** per batch row: length of its group's prefix (absolute positions [0, pre) live in the prefix) */
  readonly pre: readonly number[];
  /** per group: the prefix block (null: none) */
  readonly prefixes: readonly (KvBlock | null)[];
}

/**
 * Lay out `groups` for requests that may reach lengths up to `limit[i]`. In `auto` mode: grouped if
 * the cost model says a grouped step is cheaper than a flat one (padding rows of short groups
 * included), otherwise flat in request order.
 */
export function plan(groups: readonly Group[], limit: readonly number[], mode: Attention = 'auto'): Plan {
  const all = groups.flatMap((g) => g.members).sort((a, b) => a - b);
  const flat: Plan = { rows: all, groups: 0, pre: all.map(() => 0), prefixes: [] };
  const shared = groups.filter((g) => g.prefix !== null);
  if (shared.length === 0 || mode === 'flat') return flat;
  const R = Math.max(...shared.map((g) => g.members.length));
  const rows: number[] = [];
  const pre: number[] = [];
  const prefixes: (KvBlock | null)[] = [];
  for (const g of groups)
    for (let s = 0; s < g.members.length; s += R) {
      const part = g.members.slice(s, s + R);
      const p = g.prefix?.end ?? 0;
      prefixes.push(g.prefix);
      for (let r = 0; r < R; r++) {
        rows.push(part[r] ?? -1);
        pre.push(p);
      }
    }
  const lim = (i: number) => limit[i] as number;
  const flatCost = all.length * Math.max(...all.map(lim));
  const Pg = Math.max(...pre);
  const Ps = Math.max(...rows.map((i, r) => (i < 0 ? 0 : lim(i) - (pre[r] as number))));
  const groupedCost =
    prefixes.length * Pg +
    rows.length * Ps +
    (rows.length - all.length) * ROW_COST +
    GROUPED_FIXED +
    rows.length * GROUPED_PER_ROW;
  return mode === 'grouped' || groupedCost < flatCost
    ? { rows, groups: prefixes.length, pre, prefixes }
    : flat;
}

/**
 * Keys or values of consecutive positions in a buffer laid out (X,H,slots,D): position p of head h
 * sits at ((index·H + h)·slots + p − first)·D. Transposed runs are laid out (X,H,D,slots).
 */
interface Run {
  readonly buf: Float32Array;
  readonly index: number;
  readonly slots: number;
  readonly first: number;
  readonly transposed?: boolean;
}

/** Where request i's keys/values for positions [from, to) can be read, per layer. */
export interface KvSource {
  runs(i: number, l: number, kind: 'k' | 'v', from: number, to: number): [Run, number, number][];
}

/** A request's cached chain as a source. */
export function chainSource(chains: readonly (readonly KvBlock[])[]): KvSource {
  return {
    runs(i, l, kind, from, to) {
      const out: [Run, number, number][] = [];
      for (const b of chains[i] ?? []) {
        const a = Math.max(from, b.start);
        const z = Math.min(to, b.end);
        if (a >= z) continue;
        const buf = (kind === 'k' ? b.k : b.v)[l] as Float32Array;
        out.push([{ buf, index: 0, slots: b.tokens.length, first: b.start }, a, z]);
      }
      return out;
    },
  };
}

/**
 * Float32Arrays for batch caches, reused across layouts and calls (zeroed by `take`; `takeDirty`
 * for callers that write every float, as StepBatch does). A
 * layout's caches are megabytes (20 rows × 192 slots of the demo model: 16 MB); fresh ones cost
 * page faults on first touch, and V8 answers megabytes of new array buffers with full collections
 * ("external memory pressure", about one per tree of the engine bench). Sizes are rounded up to a
 * power of two so that layouts of nearby sizes share buffers; at most `maxBytes` are kept.
 */
export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  private bytes = 0;
  constructor(private readonly maxBytes = 256 * 1024 ** 2) {}

  /** n zeroed floats (a view of a pooled buffer, or a new one) */
  take(n: number): Float32Array {
    return this.takeDirty(n).fill(0);
  }

  /** n floats of any value (a pooled buffer is not cleared): for callers that write every one */
  takeDirty(n: number): Float32Array {
    if (n === 0) return new Float32Array(0);
    const cap = 2 ** Math.ceil(Math.log2(n));
    const buf = this.free.get(cap)?.pop();
    if (buf === undefined) return new Float32Array(cap).subarray(0, n);
    this.bytes -= buf.byteLength;
    return buf.subarray(0, n);
  }

  /** return views from `take`; the caller must not use them again */
  give(views: Iterable<Float32Array>): void {
    for (const v of views) {
      if (v.length === 0) continue;
      const buf = new Float32Array(v.buffer);
      if (this.bytes + buf.byteLength > this.maxBytes) continue;
      const list = this.free.get(buf.length);
      if (list === undefined) this.free.set(buf.length, [buf]);
      else list.push(buf);
      this.bytes += buf.byteLength;
    }
  }

  /** bytes held for reuse */
  get held(): number {
    return this.bytes;
  }
}

/** BigInts of small integers (token ids, positions), made once: a step writes one per row. */
const SMALL = Array.from({ length: 8192 }, (_, i) => BigInt(i));
export function bigint(n: number): bigint {
  return SMALL[n] ?? BigInt(n);
}

/** The batch buffers and per-step inputs of one layout. */
export class StepBatch implements KvSource {
  readonly rows: readonly number[];
  readonly groups: number;
  readonly pre: readonly number[];
  readonly prefixes: readonly (KvBlock | null)[];
  /** prefix slots (Pg, 0 when flat) and private slots (P) */
  readonly prefixSlots: number;
  readonly slots: number;
  /** per layer: group prefixes, keys (G,H,D,Pg) and values (G,H,Pg,D), and private keys/values (B,H,P,D) */
  readonly preK: Float32Array[];
  readonly preV: Float32Array[];
  readonly k: Float32Array[];
  readonly v: Float32Array[];
  /** step inputs (B,1) and the additive mask (B, Pg+P+1) over [prefix | private | new] */
  readonly ids: BigInt64Array;
  readonly positions: BigInt64Array;
  readonly mask: Float32Array;
  /** the step's outputs, written in place by every run (see StepOutputs) */
  readonly out: StepOutputs;
  /** per batch row: views of its log-softmax logits and probabilities in `out.scores` */
  readonly rowLogits: readonly Float32Array[];
  readonly rowProbs: readonly Float32Array[];
  /** rows that hold a request (not padding) */
  readonly size: number;
  /** batch row of each request (−1: not in this batch) */
  private readonly rowOf: Map<number, number>;
  private readonly H: number;
  private readonly D: number;

  /**
   * Lay out `p` for requests of current lengths `len` that may grow to `limit`, with room for each
   * to grow by `headroom` (see `fits`), copying every cached key/value from `src` (the block
   * chains, or the batch being compacted or grown). `prior`, the layout this one replaces, hands
   * over its prefix buffers when both have the same prefixes (a layout grown for longer rows):
   * nothing to copy again, and `prior.release` then keeps them.
   */
  constructor(
    c: ModelConfig,
    p: Plan,
    len: readonly number[],
    limit: readonly number[],
    src: KvSource,
    pool?: BufferPool,
    prior?: StepBatch,
  ) {
    this.H = c.nHeads;
    this.D = headDim(c);
    const { H, D } = this;
    this.rows = p.rows;
    this.groups = p.groups;
    this.pre = p.pre;
    this.prefixes = p.prefixes;
    const B = p.rows.length;
    this.prefixSlots = p.groups === 0 ? 0 : Math.max(...p.pre);
    this.slots = Math.max(
      1,
      ...p.rows.map((i, r) => {
        if (i < 0) return 0;
        const n = (len[i] as number) - this.preOf(r);
        return Math.min((limit[i] as number) - this.preOf(r), n + headroom(n));
      }),
    );
    const L = c.nLayers;
    // buffers of any content: every float is written below, by a copy or as zero
    const cache = (n: number) =>
      Array.from({ length: L }, () =>
        pool === undefined ? new Float32Array(n * H * D) : pool.takeDirty(n * H * D),
      );
    const inherit =
      prior !== undefined &&
      !prior.prefixGiven &&
      prior.prefixSlots === this.prefixSlots &&
      prior.prefixes.length === p.prefixes.length &&
      p.prefixes.every((b, g) => b === prior.prefixes[g]);
    if (inherit) prior.prefixGiven = true;
    this.preK = inherit ? prior.preK : cache(p.groups * this.prefixSlots);
    this.preV = inherit ? prior.preV : cache(p.groups * this.prefixSlots);
    this.k = cache(B * this.slots);
    this.v = cache(B * this.slots);
    this.rowOf = new Map(p.rows.flatMap((i, r) => (i < 0 ? [] : [[i, r] as [number, number]])));
    const V = c.vocabSize;
    this.out = { scores: new Float32Array(B * 2 * V), kv: new Float32Array(B * H * 2 * L * D) };
    this.rowLogits = p.rows.map((_, r) => this.out.scores.subarray(2 * r * V, (2 * r + 1) * V));
    this.rowProbs = p.rows.map((_, r) => this.out.scores.subarray((2 * r + 1) * V, (2 * r + 2) * V));
    this.size = p.rows.filter((i) => i >= 0).length;
    this.ids = new BigInt64Array(B);
    this.positions = new BigInt64Array(B);
    const W = this.width;
    this.mask = new Float32Array(B * W).fill(MASK_NEG);
    const R = p.groups === 0 ? 1 : B / p.groups;
    p.rows.forEach((i, r) => {
      this.mask[r * W + W - 1] = 0; // every row sees its new token (padding rows too: no NaN)
      const pre = i < 0 ? 0 : this.preOf(r);
      const n = i < 0 ? 0 : (len[i] as number);
      if (pre > n) throw new InternalError(`row ${i}: prefix ${pre} longer than its ${n} tokens`);
      if (i >= 0) {
        this.mask.fill(0, r * W, r * W + pre);
        this.mask.fill(0, r * W + this.prefixSlots, r * W + this.prefixSlots + n - pre);
        this.positions[r] = bigint(n);
      }
      // the group's prefix once (from its first row, never padding), then the row's own positions;
      // the slots after them are zeroed (masked, but garbage there could be NaN, and 0·NaN is NaN)
      if (r % R === 0 && p.groups > 0 && !inherit) {
        if (pre > 0) this.copy(src, i, 0, pre, (l, kind) => this.prefixRun(l, kind, r));
        for (let l = 0; l < L; l++)
          for (const kind of ['k', 'v'] as const) zeroAfter(H, D, this.prefixRun(l, kind, r), pre);
      }
      if (n > pre) this.copy(src, i, pre, n, (l, kind) => this.privateRun(l, kind, r));
      for (let l = 0; l < L; l++)
        for (const kind of ['k', 'v'] as const) zeroAfter(H, D, this.privateRun(l, kind, r), n);
    });
  }

  /** the prefix buffers were handed to a later layout (see the constructor's `prior`) */
  private prefixGiven = false;

  /** Give the caches back to the pool they came from; this batch must not be used again. */
  release(pool: BufferPool): void {
    pool.give([...(this.prefixGiven ? [] : [...this.preK, ...this.preV]), ...this.k, ...this.v]);
  }

  /** columns of the mask: prefix slots, private slots, the new token */
  get width(): number {
    return this.prefixSlots + this.slots + 1;
  }

  private preOf(r: number): number {
    return this.groups === 0 ? 0 : (this.pre[r] as number);
  }

  private prefixRun(l: number, kind: 'k' | 'v', r: number): Run {
    const R = this.rows.length / this.groups;
    const buf = (kind === 'k' ? this.preK : this.preV)[l] as Float32Array;
    // keys transposed, (G,H,D,Pg): the step graph's q·Kᵀ product reads them without a transpose
    return { buf, index: Math.floor(r / R), slots: this.prefixSlots, first: 0, transposed: kind === 'k' };
  }

  private privateRun(l: number, kind: 'k' | 'v', r: number): Run {
    const buf = (kind === 'k' ? this.k : this.v)[l] as Float32Array;
    return { buf, index: r, slots: this.slots, first: this.preOf(r) };
  }

  /** Copy request i's positions [from, to) from `src` into the runs that `dst` names. */
  private copy(
    src: KvSource,
    i: number,
    from: number,
    to: number,
    dst: (l: number, kind: 'k' | 'v') => Run,
  ): void {
    if (from >= to) return;
    for (let l = 0; l < this.k.length; l++)
      for (const kind of ['k', 'v'] as const) {
        const d = dst(l, kind);
        for (const [s, a, z] of src.runs(i, l, kind, from, to)) copyRun(this.H, this.D, s, d, a, z);
      }
  }

  runs(i: number, l: number, kind: 'k' | 'v', from: number, to: number): [Run, number, number][] {
    const r = this.rowOf.get(i);
    if (r === undefined) throw new InternalError(`request ${i} is not in this batch`);
    const pre = this.preOf(r);
    const out: [Run, number, number][] = [];
    if (from < Math.min(to, pre)) out.push([this.prefixRun(l, kind, r), from, Math.min(to, pre)]);
    if (Math.max(from, pre) < to) out.push([this.privateRun(l, kind, r), Math.max(from, pre), to]);
    return out;
  }

  /** whether request i can store its key/value of absolute position `at` in this layout */
  fits(i: number, at: number): boolean {
    return at - this.preOf(this.row(i)) < this.slots;
  }

  /** batch row of request i */
  row(i: number): number {
    const r = this.rowOf.get(i);
    if (r === undefined) throw new InternalError(`request ${i} is not in this batch`);
    return r;
  }

  /**
   * Store the step's new keys/values (`out.kv`) of batch row r at absolute position `at`, make that
   * position visible to the row from now on, and move its next token to `at + 1`.
   */
  store(r: number, at: number): void {
    const { H, D } = this;
    const L = this.k.length;
    const kv = this.out.kv;
    const slot = at - this.preOf(r);
    if (slot >= this.slots) throw new InternalError(`row ${r}: position ${at} is past the layout's slots`);
    for (let l = 0; l < L; l++) {
      const pk = this.k[l] as Float32Array;
      const pv = this.v[l] as Float32Array;
      for (let h = 0; h < H; h++) {
        // D floats per head: a plain loop beats allocating subarray views at this size
        const dst = ((r * H + h) * this.slots + slot) * D;
        const src = ((r * H + h) * 2 * L + 2 * l) * D;
        for (let d = 0; d < D; d++) {
          pk[dst + d] = kv[src + d] as number;
          pv[dst + d] = kv[src + D + d] as number;
        }
      }
    }
    this.mask[r * this.width + this.prefixSlots + slot] = 0;
    this.positions[r] = bigint(at + 1);
  }

  /** Request i's keys/values of positions [from, to) as a block's per-layer (H,n,D) arrays. */
  extract(i: number, from: number, to: number): { k: Float32Array[]; v: Float32Array[] } {
    const { H, D } = this;
    const n = to - from;
    const take = (kind: 'k' | 'v') =>
      this.k.map((_, l) => {
        const out = new Float32Array(H * n * D);
        const dst = { buf: out, index: 0, slots: n, first: from };
        for (const [s, a, z] of this.runs(i, l, kind, from, to)) copyRun(H, D, s, dst, a, z);
        return out;
      });
    return { k: take('k'), v: take('v') };
  }
}

/** Zero a run's slots of every head from absolute position `from` on (to the end of its slots). */
function zeroAfter(H: number, D: number, run: Run, from: number): void {
  const start = Math.max(0, from - run.first);
  if (start >= run.slots) return;
  const head = run.slots * D;
  for (let h = 0; h < H; h++) {
    const base = (run.index * H + h) * head;
    if (run.transposed !== true) run.buf.fill(0, base + start * D, base + head);
    else
      for (let j = 0; j < D; j++) run.buf.fill(0, base + j * run.slots + start, base + (j + 1) * run.slots);
  }
}

/** Copy positions [from, to) of every head from one run to another. */
function copyRun(H: number, D: number, s: Run, d: Run, from: number, to: number): void {
  if (s.transposed !== true && d.transposed !== true) {
    const n = (to - from) * D;
    for (let h = 0; h < H; h++) {
      const a = ((s.index * H + h) * s.slots + from - s.first) * D;
      const b = ((d.index * H + h) * d.slots + from - d.first) * D;
      d.buf.set(s.buf.subarray(a, a + n), b);
    }
    return;
  }
  // a transposed side: element by element. A head's block holds slots·D floats either way; within
  // it a position steps by D (by 1 when transposed) and a dim by 1 (by slots when transposed).
  const strides = (r: Run): [number, number] => (r.transposed === true ? [1, r.slots] : [D, 1]);
  const [sp, sj] = strides(s);
  const [dp, dj] = strides(d);
  const n = to - from;
  const src = s.buf;
  const dst = d.buf; // locals: a property load per element costs about as much as the copy
  for (let h = 0; h < H; h++) {
    const s0 = (s.index * H + h) * s.slots * D + (from - s.first) * sp;
    const d0 = (d.index * H + h) * d.slots * D + (from - d.first) * dp;
    for (let j = 0; j < D; j++)
      for (let p = 0, a = s0 + j * sj, b = d0 + j * dj; p < n; p++, a += sp, b += dp)
        dst[b] = src[a] as number;
  }
}
