import { ConfigError, DataError, InternalError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { logger } from '../../core/log.js';
import { MAX_THREADS, nativeStep, type NativeDims, type NativeModel } from '../native/step.js';
import { BoundTensor, DEFAULT_RUNTIME, Session, type Feed, type RuntimeOptions } from '../onnx/runtime.js';
import { headDim, type ModelConfig } from './config.js';
import { buildDecodeGraph, buildSeqGraph, buildStepGraph, IO } from './gpt.js';
import { gptLayout, initParams, type ParamLayout } from './params.js';

/**
 * One token sequence of a training or scoring batch, with PER-TOKEN weights aligned to `tokens`:
 * entry t weighs the term for predicting tokens[t] from tokens[<t] (entry 0 has no context and must
 * be 0). Every objective reduces to these weights:
 *   loss = Σ_t nll_t·(−log p(x_t|x<t)) + Σ_t ul_t·(−log max(1 − p(x_t|x<t), 1e−5))
 */
export interface WeightedSequence {
  readonly tokens: ArrayLike<number>;
  /** a_t: NLL weights / masks (0 excludes a position); default all zero */
  readonly nll?: ArrayLike<number>;
  /** b_t: SafeCoder's unlikelihood weights; default all zero */
  readonly unlikelihood?: ArrayLike<number>;
  /** positions summed into `seqLogp` (default: where nll ≠ 0) */
  readonly scoreMask?: ArrayLike<number>;
}

export interface ForwardResult {
  /** the weighted loss summed over all sequences (0 when only scoring) */
  readonly loss: number;
  /** per sequence, aligned with its tokens: log p(x_t | x<t); entry 0 is 0 */
  readonly tokenLogp: readonly Float32Array[];
  /** per sequence: Σ over scored positions of token log-probs */
  readonly seqLogp: readonly number[];
}

export interface ModelOptions {
  readonly runtime?: RuntimeOptions;
  /** rows per micro-batch of the training/scoring graphs (short batches are padded with weight 0) */
  readonly microBatch?: number;
  /** sequence lengths are padded up to a multiple of this (fewer distinct graphs) */
  readonly timeBucket?: number;
  /**
   * intra-op threads of the one-token decode step (default 1). A d=128 step is ~150 tiny kernels:
   * waking a second thread costs more than it saves (measured 0.15 against 0.25 ms per step at
   * batch 1, 0.72 against 0.84 at batch 16 with 192 cached tokens, kernel threads not spinning)
   */
  readonly stepThreads?: number;
  /**
   * what runs a one-token decoding step: `native`, the fused C kernel (src/engine/native/step.c,
   * one call per step, rows split over `runtime.threads` threads, at most 16); `onnx`, the step
   * graph in onnxruntime; `auto` (default) native on the CPU when it builds, else onnx with a
   * warning. Both compute the same step (their contract test compares them).
   */
  readonly stepKernel?: StepKernel;
}

export type StepKernel = 'auto' | 'native' | 'onnx';

export interface DecodeInputs {
  readonly rows: number;
  readonly newTokens: number;
  readonly slots: number;
  readonly ids: BigInt64Array; // (B,S)
  readonly positions: BigInt64Array; // (B,S)
  readonly mask: Float32Array; // (B,1,S,P+S)
  /** per layer: keys and values (B,H,P,D), read in place */
  readonly pastK: readonly Float32Array[];
  readonly pastV: readonly Float32Array[];
  /** run with these baked-in weights (GptModel.frozen) instead of feeding the parameters */
  readonly weights?: FrozenWeights;
}

export interface DecodeOutputs {
  readonly logits: Float32Array; // (B,S,V), log-softmax
  readonly newK: readonly Float32Array[]; // per layer (B,H,S,D)
  readonly newV: readonly Float32Array[];
}

/** The buffers of one-token decoding steps (GptModel.prepareStep), one new token per row. */
export interface StepInputs {
  readonly rows: number;
  /** private cache slots P */
  readonly slots: number;
  readonly ids: BigInt64Array; // (B)
  readonly positions: BigInt64Array; // (B)
  /** additive, (B,1,1,Pg+P+1) over [prefix | past | new] (Pg = 0 without a prefix) */
  readonly mask: Float32Array;
  /** per layer: keys and values (B,H,P,D), read in place */
  readonly pastK: readonly Float32Array[];
  readonly pastV: readonly Float32Array[];
  /**
   * grouped attention: the B rows are `groups` groups of B/groups rows, and these are each group's
   * shared prefix, per layer keys transposed (G,H,D,Pg) and values (G,H,Pg,D), with Pg = `slots`
   */
  readonly prefix?: {
    readonly groups: number;
    readonly slots: number;
    readonly k: readonly Float32Array[];
    readonly v: readonly Float32Array[];
  };
  readonly weights: FrozenWeights;
  /** written by every run */
  readonly out: StepOutputs;
}

/** What a step writes (see IO.stepScores and IO.stepKv). */
export interface StepOutputs {
  /** per row: log-softmax logits (V) then their exp (V) */
  readonly scores: Float32Array;
  /** per row and head: layer l's new key at 2l, its value at 2l+1, D floats each: (B,H,2L,D) */
  readonly kv: Float32Array;
}

export interface PreparedStep {
  /** one step: reads the bound inputs as they are now, writes the bound outputs */
  run(): Promise<void>;
}

/**
 * A copy of the parameters baked into inference graphs as constants, with the sessions that hold
 * them and their packing for the native step (see GptModel.frozen). Immutable: training changes
 * the model's parameters, not this copy.
 */
export class FrozenWeights {
  /** @internal */
  readonly sessions = new Map<string, Promise<Session>>();
  private pins = 0;
  private retired = false;

  /** the weights packed for the native step, made on first use */
  private native: NativeModel | null = null;

  /** @internal */
  constructor(readonly params: Float32Array) {}

  /** @internal these weights packed for the native step (made once, by `make`) */
  nativeModel(make: () => NativeModel): NativeModel {
    if (this.native === null) this.native = make();
    return this.native;
  }

  private async releaseAll(): Promise<void> {
    await releaseAll(this.sessions);
    this.native?.release();
    this.native = null;
  }

  /** Whether `params` still holds exactly these values (a byte comparison, memcmp speed). */
  matches(params: Float32Array): boolean {
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return bytes(this.params).equals(bytes(params));
  }

  /**
   * Keep the sessions while a caller uses these weights (a whole generate call); `unpin` when
   * done. Weights replaced meanwhile (training between awaits) are released after the last unpin.
   */
  pin(): void {
    this.pins++;
  }

  async unpin(): Promise<void> {
    this.pins--;
    if (this.retired && this.pins === 0) await this.releaseAll();
  }

  /** @internal the parameters changed: release the sessions once nobody uses them */
  async retire(): Promise<void> {
    this.retired = true;
    if (this.pins === 0) await this.releaseAll();
  }
}

const log = logger('engine');

/**
 * The GPT with its flat parameter and gradient buffers and the onnxruntime sessions that run it.
 * Graphs are built lazily per shape and cached; weights are zero-copy inputs updated in place.
 */
export class GptModel {
  readonly layout: ParamLayout;
  readonly params: Float32Array;
  readonly grads: Float32Array;
  private readonly scratch: Float32Array;
  private readonly paramFeeds: Record<string, BoundTensor>;
  private readonly gradOut: Record<string, BoundTensor>;
  private readonly scratchOut: Record<string, BoundTensor>;
  private readonly sessions = new Map<string, Promise<Session>>();
  /** false after zeroGrad: the next micro-batch writes gradients instead of adding them */
  private gradsLive = false;
  readonly runtime: RuntimeOptions;
  readonly microBatch: number;
  readonly timeBucket: number;
  readonly stepThreads: number;
  /** what runs decoding steps, resolved on the first step ('auto' becomes one of the two) */
  private kernel: StepKernel;
  /** token positions run through the network (forward passes), for the benchmarks */
  tokenForwards = 0;

  constructor(
    readonly config: ModelConfig,
    opts: ModelOptions = {},
  ) {
    this.layout = gptLayout(config);
    this.params = this.layout.alloc();
    this.grads = this.layout.alloc();
    this.scratch = this.layout.alloc();
    this.runtime = opts.runtime ?? DEFAULT_RUNTIME;
    this.microBatch = opts.microBatch ?? 16;
    this.timeBucket = opts.timeBucket ?? 32;
    this.stepThreads = opts.stepThreads ?? 1;
    this.kernel = opts.stepKernel ?? 'auto';
    this.paramFeeds = this.bind(this.params, (n) => n);
    this.gradOut = this.bind(this.grads, IO.grad);
    this.scratchOut = this.bind(this.scratch, IO.grad);
  }

  private bind(buf: Float32Array, key: (n: string) => string): Record<string, BoundTensor> {
    const out: Record<string, BoundTensor> = {};
    for (const s of this.layout.specs)
      out[key(s.name)] = new BoundTensor(buf.subarray(s.offset, s.offset + s.size), s.shape);
    return out;
  }

  /** Random initialisation (GPT-2 style) from a seed. */
  init(seed: number | string): this {
    initParams(this.layout, this.params, new Rng(seed));
    return this;
  }

  zeroGrad(): void {
    this.grads.fill(0);
    this.gradsLive = false;
  }

  private session(
    key: string,
    build: () => Uint8Array,
    sessions: Map<string, Promise<Session>> = this.sessions,
    runtime: RuntimeOptions = this.runtime,
  ): Promise<Session> {
    let s = sessions.get(key);
    if (s === undefined) {
      s = Session.create(build(), runtime);
      sessions.set(key, s);
      s.catch(() => sessions.delete(key));
    }
    return s;
  }

  private frozenWeights: FrozenWeights | null = null;

  /**
   * The current parameters as constants of the decoding graphs, for `DecodeInputs.weights`.
   * onnxruntime pre-packs constant MatMul weights once per session, while weights fed as inputs
   * are re-packed by every run: at d=128 that is about half of a decode step. The handle is reused
   * while the parameters are unchanged (compared byte for byte, well under a millisecond at 1 M
   * parameters); after training changes them, the next call copies them and builds new sessions
   * (tens of ms per graph), and the old sessions are released.
   */
  async frozen(): Promise<FrozenWeights> {
    const old = this.frozenWeights;
    if (old !== null && old.matches(this.params)) return old;
    const fresh = new FrozenWeights(Float32Array.from(this.params));
    this.frozenWeights = fresh;
    if (old !== null) await old.retire();
    return fresh;
  }

  private timeFor(maxLen: number): number {
    const T = Math.ceil((maxLen - 1) / this.timeBucket) * this.timeBucket;
    return Math.min(Math.max(T, 1), this.config.contextLength);
  }

  /**
   * Forward + backward over weighted sequences in micro-batches; gradients are ADDED to `grads`
   * (call zeroGrad() before a new optimizer step).
   */
  async forwardBackward(seqs: readonly WeightedSequence[]): Promise<ForwardResult> {
    return this.runSeqs(seqs, true);
  }

  /** Per-token log-probs of each sequence (forward only; weights only pick the scored positions). */
  async score(seqs: readonly WeightedSequence[]): Promise<ForwardResult> {
    return this.runSeqs(seqs, false);
  }

  private validate(seqs: readonly WeightedSequence[]): void {
    const V = this.config.vocabSize;
    seqs.forEach((s, i) => {
      const n = s.tokens.length;
      if (n < 2)
        throw new DataError(`sequence ${i} has ${n} tokens; at least 2 are needed`, {
          field: `[${i}].tokens`,
        });
      if (n > this.config.contextLength + 1)
        throw new DataError(
          `sequence ${i} has ${n} tokens, more than contextLength + 1 = ${this.config.contextLength + 1}`,
          {
            field: `[${i}].tokens`,
            hint: 'truncate or split sequences to the model context',
          },
        );
      for (let t = 0; t < n; t++) {
        const id = s.tokens[t] as number;
        if (!Number.isInteger(id) || id < 0 || id >= V)
          throw new DataError(`sequence ${i} token ${t} is ${id}, outside [0, ${V})`, {
            field: `[${i}].tokens[${t}]`,
          });
      }
      for (const key of ['nll', 'unlikelihood', 'scoreMask'] as const) {
        const a = s[key];
        if (a === undefined) continue;
        if (a.length !== n)
          throw new DataError(`sequence ${i}: ${key} has ${a.length} entries for ${n} tokens`, {
            field: `[${i}].${key}`,
          });
        for (let t = 0; t < n; t++)
          if (!Number.isFinite(a[t] as number))
            throw new DataError(`sequence ${i}: ${key}[${t}] is not finite`, {
              field: `[${i}].${key}[${t}]`,
            });
        if (key !== 'scoreMask' && a[0] !== 0)
          throw new DataError(`sequence ${i}: ${key}[0] must be 0 (the first token has no context)`, {
            field: `[${i}].${key}[0]`,
          });
      }
    });
  }

  private async runSeqs(seqs: readonly WeightedSequence[], train: boolean): Promise<ForwardResult> {
    this.validate(seqs);
    const B = this.microBatch;
    let loss = 0;
    const tokenLogp: Float32Array[] = new Array<Float32Array>(seqs.length);
    const seqLogp: number[] = new Array<number>(seqs.length).fill(0);
    // longest first, so each micro-batch pads to a length close to its rows' (fewer wasted positions)
    const order = seqs
      .map((_, i) => i)
      .sort((x, y) => (seqs[y]?.tokens.length ?? 0) - (seqs[x]?.tokens.length ?? 0) || x - y);
    for (let start = 0; start < seqs.length; start += B) {
      const idx = order.slice(start, start + B);
      const chunk = idx.map((i) => seqs[i] as WeightedSequence);
      const T = this.timeFor(Math.max(...chunk.map((s) => s.tokens.length)));
      const ids = new BigInt64Array(B * T);
      const targets = new BigInt64Array(B * T);
      const a = new Float32Array(B * T);
      const b = new Float32Array(B * T);
      chunk.forEach((s, r) => {
        const n = s.tokens.length - 1;
        for (let t = 0; t < n; t++) {
          ids[r * T + t] = BigInt(s.tokens[t] as number);
          targets[r * T + t] = BigInt(s.tokens[t + 1] as number);
          a[r * T + t] = s.nll === undefined ? 0 : (s.nll[t + 1] as number);
          b[r * T + t] = s.unlikelihood === undefined ? 0 : (s.unlikelihood[t + 1] as number);
        }
        this.tokenForwards += n;
      });
      const key = `${train ? 'train' : 'score'}:${B}:${T}`;
      const session = await this.session(key, () =>
        buildSeqGraph(this.config, this.layout, { batch: B, time: T, train }),
      );
      const feeds: Record<string, Feed> = {
        ...this.paramFeeds,
        [IO.ids]: { data: ids, dims: [B, T] },
        [IO.targets]: { data: targets, dims: [B, T] },
      };
      let out: Record<string, Float32Array | BigInt64Array>;
      if (train) {
        feeds[IO.nllWeight] = { data: a, dims: [B, T] };
        feeds[IO.ulWeight] = { data: b, dims: [B, T] };
        const dst = this.gradsLive ? this.scratchOut : this.gradOut;
        out = await session.run(feeds, [IO.loss, IO.logp, ...Object.keys(dst)], dst);
        if (this.gradsLive) {
          const g = this.grads;
          const s = this.scratch;
          for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + (s[i] as number);
        }
        this.gradsLive = true;
        loss += (out[IO.loss] as Float32Array)[0] as number;
      } else {
        out = await session.run(feeds, [IO.logp]);
      }
      const lp = out[IO.logp] as Float32Array;
      chunk.forEach((s, r) => {
        const n = s.tokens.length;
        const tl = new Float32Array(n);
        let sum = 0;
        for (let t = 1; t < n; t++) {
          const v = lp[r * T + t - 1] as number;
          tl[t] = v;
          const scored =
            s.scoreMask !== undefined ? s.scoreMask[t] !== 0 : s.nll !== undefined && s.nll[t] !== 0;
          if (scored) sum += v;
        }
        tokenLogp[idx[r] as number] = tl;
        seqLogp[idx[r] as number] = sum;
      });
    }
    return { loss, tokenLogp, seqLogp };
  }

  /** Run pending tokens through the model with cached keys/values (see buildDecodeGraph). */
  async decode(inp: DecodeInputs): Promise<DecodeOutputs> {
    const c = this.config;
    const { rows: B, newTokens: S, slots: P } = inp;
    const H = c.nHeads;
    const D = headDim(c);
    if (inp.ids.length !== B * S || inp.mask.length !== B * S * (P + S))
      throw new InternalError('decode: input sizes do not match rows/newTokens/slots');
    const frozen = inp.weights;
    frozen?.pin();
    try {
      const session = await this.session(
        'decode',
        () => buildDecodeGraph(c, this.layout, frozen === undefined ? {} : { constants: frozen.params }),
        frozen?.sessions,
      );
      const feeds: Record<string, Feed> = {
        ...(frozen === undefined ? this.paramFeeds : {}),
        [IO.ids]: { data: inp.ids, dims: [B, S] },
        [IO.positions]: { data: inp.positions, dims: [B, S] },
        [IO.mask]: { data: inp.mask, dims: [B, 1, S, P + S] },
      };
      const want: string[] = [IO.logits];
      for (let l = 0; l < c.nLayers; l++) {
        feeds[IO.pastK(l)] = { data: inp.pastK[l] as Float32Array, dims: [B, H, P, D] };
        feeds[IO.pastV(l)] = { data: inp.pastV[l] as Float32Array, dims: [B, H, P, D] };
        want.push(IO.newK(l), IO.newV(l));
      }
      const out = await session.run(feeds, want);
      this.tokenForwards += B * S;
      const f = (k: string) => out[k] as Float32Array;
      return {
        logits: f(IO.logits),
        newK: Array.from({ length: c.nLayers }, (_, l) => f(IO.newK(l))),
        newV: Array.from({ length: c.nLayers }, (_, l) => f(IO.newV(l))),
      };
    } finally {
      await frozen?.unpin();
    }
  }

  /**
   * Bind the buffers of one-token decoding steps (see buildStepGraph) to a session of `inp.weights`,
   * once per batch layout: each `run` of the result reads the inputs in place and writes `inp.out`,
   * so a step pays for no tensor wrapping. The caller keeps the weights pinned while it runs steps.
   */
  async prepareStep(inp: StepInputs): Promise<PreparedStep> {
    const c = this.config;
    const { rows: B, slots: P, prefix } = inp;
    const H = c.nHeads;
    const D = headDim(c);
    const Pg = prefix?.slots ?? 0;
    const grouped = prefix !== undefined;
    if (inp.ids.length !== B || inp.positions.length !== B || inp.mask.length !== B * (Pg + P + 1))
      throw new InternalError('step: input sizes do not match rows/slots');
    if (prefix !== undefined && (prefix.groups < 1 || B % prefix.groups !== 0))
      throw new InternalError('step: grouped attention needs rows divisible by groups');
    if (inp.out.scores.length !== B * 2 * c.vocabSize || inp.out.kv.length !== B * H * 2 * c.nLayers * D)
      throw new InternalError('step: output sizes do not match rows');
    if (this.stepKernel() === 'native') {
      const run = this.nativeModel(inp.weights).bind(
        { rows: B, slots: P, prefixSlots: Pg, groups: prefix?.groups ?? 0 },
        {
          ids: inp.ids,
          positions: inp.positions,
          mask: inp.mask,
          pastK: inp.pastK,
          pastV: inp.pastV,
          prefixK: prefix?.k ?? null,
          prefixV: prefix?.v ?? null,
          scores: inp.out.scores,
          kv: inp.out.kv,
        },
      );
      return {
        // async, so that a refused run rejects like an onnxruntime one
        run: async () => {
          run();
          this.tokenForwards += B;
        },
      };
    }
    const session = await this.session(
      grouped ? 'grouped' : 'step',
      () => buildStepGraph(c, this.layout, { grouped, constants: inp.weights.params }),
      inp.weights.sessions,
      { ...this.runtime, threads: this.stepThreads },
    );
    const feeds: Record<string, Feed> = {
      [IO.ids]: { data: inp.ids, dims: [B] },
      [IO.positions]: { data: inp.positions, dims: [B] },
      [IO.mask]: { data: inp.mask, dims: [B, 1, 1, Pg + P + 1] },
    };
    for (let l = 0; l < c.nLayers; l++) {
      feeds[IO.pastK(l)] = { data: inp.pastK[l] as Float32Array, dims: [B, H, P, D] };
      feeds[IO.pastV(l)] = { data: inp.pastV[l] as Float32Array, dims: [B, H, P, D] };
      if (prefix !== undefined) {
        feeds[IO.prefixK(l)] = { data: prefix.k[l] as Float32Array, dims: [prefix.groups, H, D, Pg] };
        feeds[IO.prefixV(l)] = { data: prefix.v[l] as Float32Array, dims: [prefix.groups, H, Pg, D] };
      }
    }
    const run = session.prepare(feeds, {
      [IO.stepScores]: { data: inp.out.scores, dims: [B, 2 * c.vocabSize] },
      [IO.stepKv]: { data: inp.out.kv, dims: [B, H, 2 * c.nLayers, D] },
    });
    return {
      run: async () => {
        await run();
        this.tokenForwards += B;
      },
    };
  }

  /**
   * What runs this model's decoding steps: 'native' or 'onnx' ('auto' is resolved here, once: the
   * native step on the CPU where it builds, else onnxruntime with one warning).
   */
  stepKernel(): 'native' | 'onnx' {
    if (this.kernel === 'onnx') return 'onnx';
    const n = this.runtime.device === 'cpu' ? nativeStep() : undefined;
    if (this.kernel === 'native') {
      if (n === undefined)
        throw new ConfigError(`the native decoding step runs on the CPU, not on ${this.runtime.device}`, {
          hint: 'use stepKernel "onnx" (or "auto") with the CUDA device',
        });
      if ('error' in n) throw n.error;
      return 'native';
    }
    if (n !== undefined && 'error' in n)
      log.once('native-step', 'warn', `decoding steps run in onnxruntime (slower): ${n.error.message}`);
    this.kernel = n !== undefined && 'step' in n ? 'native' : 'onnx';
    return this.kernel;
  }

  private nativeModel(weights: FrozenWeights): NativeModel {
    return weights.nativeModel(() => {
      const n = nativeStep();
      if ('error' in n) throw n.error;
      const c = this.config;
      const dims: NativeDims = {
        vocab: c.vocabSize,
        context: c.contextLength,
        dModel: c.dModel,
        layers: c.nLayers,
        heads: c.nHeads,
        hidden: c.mlpRatio * c.dModel,
        tied: c.tiedHead,
        threads: Math.min(this.runtime.threads, MAX_THREADS),
      };
      const views = this.layout.specs.map((s) => weights.params.subarray(s.offset, s.offset + s.size));
      return n.step.model(dims, c.lnEps, views);
    });
  }

  async release(): Promise<void> {
    await releaseAll(this.sessions);
    if (this.frozenWeights !== null) await this.frozenWeights.retire();
    this.frozenWeights = null;
  }
}

async function releaseAll(sessions: Map<string, Promise<Session>>): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  for (const s of all) await (await s).release();
}
