import { InternalError } from '../../core/errors.js';
import { Tape } from '../onnx/autodiff.js';
import { attr, GraphBuilder, type Dim, type Value } from '../onnx/graph.js';
import {
  add,
  gather,
  gelu,
  layerNorm,
  matmul,
  reshape,
  scale,
  softmax,
  split,
  transpose,
} from '../onnx/ops.js';
import { headDim, type ModelConfig } from './config.js';
import type { ParamLayout } from './params.js';

/**
 * The GPT as ONNX graphs, read top to bottom:
 *   x = wte[ids] + wpe[pos]
 *   per block: x += proj(attn(LN1(x)));  x += W2·gelu(W1·LN2(x) + b1) + b2
 *   logits = LNf(x)·head
 * Three graphs share this definition: `train` (weighted loss, per-token log-probs and every
 * parameter's gradient), `score` (per-token log-probs only) and `decode` (KV cache, dynamic shapes).
 */

/** Graph input/output names (the contract with engine.ts). */
export const IO = {
  ids: 'ids',
  targets: 'targets',
  nllWeight: 'nll_weight',
  ulWeight: 'ul_weight',
  loss: 'loss',
  logp: 'logp',
  grad: (p: string): string => `grad:${p}`,
  positions: 'positions',
  mask: 'mask',
  logits: 'logits',
  /**
   * the one-token step graph's outputs, two so that a step pays for two (each output costs a run
   * about 3 µs): per row its log-softmax logits then their exp, the probabilities for samplers
   * (B,2V); and every layer's new key and value, (B,H,2L,D) with layer l's key at 2l, value at 2l+1
   */
  stepScores: 'step_scores',
  stepKv: 'step_kv',
  pastK: (l: number): string => `past:${l}:k`,
  pastV: (l: number): string => `past:${l}:v`,
  newK: (l: number): string => `new:${l}:k`,
  newV: (l: number): string => `new:${l}:v`,
  prefixK: (l: number): string => `prefix:${l}:k`,
  prefixV: (l: number): string => `prefix:${l}:v`,
} as const;

/** SafeCoder's unlikelihood floor: −log max(1 − p, 1e−5). */
export const UL_FLOOR = 1e-5;
/** additive causal mask (large and finite so 0·mask never makes NaN in backward) */
export const MASK_NEG = -1e9;

type W = Map<string, Value>;

/** Parameters as graph inputs (fed zero-copy), or baked in as constants when `constants` is given. */
function weights(t: Tape, layout: ParamLayout, trainable: boolean, constants?: Float32Array): W {
  const m = new Map<string, Value>();
  for (const s of layout.specs) {
    if (constants !== undefined) {
      const data = constants.subarray(s.offset, s.offset + s.size);
      m.set(s.name, t.g.constant({ dtype: 'float32', shape: s.shape, data }, s.name));
      continue;
    }
    const v = t.g.input(s.name, 'float32', s.shape);
    m.set(s.name, trainable ? t.param(v) : v);
  }
  return m;
}

function w(ws: W, name: string): Value {
  const v = ws.get(name);
  if (v === undefined) throw new InternalError(`missing parameter ${name}`);
  return v;
}

function affine(t: Tape, x: Value, ws: W, prefix: string): Value {
  return add(t, matmul(t, x, w(ws, `${prefix}.weight`)), w(ws, `${prefix}.bias`));
}

function mlp(t: Tape, c: ModelConfig, x: Value, ws: W, p: string): Value {
  const h = layerNorm(t, x, w(ws, `${p}ln_2.weight`), w(ws, `${p}ln_2.bias`), c.lnEps);
  return affine(t, gelu(t, affine(t, h, ws, `${p}mlp.c_fc`)), ws, `${p}mlp.c_proj`);
}

function head(t: Tape, c: ModelConfig, x: Value, ws: W): Value {
  const xf = layerNorm(t, x, w(ws, 'ln_f.weight'), w(ws, 'ln_f.bias'), c.lnEps);
  const hw = c.tiedHead ? transpose(t, w(ws, 'wte.weight'), [1, 0]) : w(ws, 'head.weight');
  return matmul(t, xf, hw);
}

/** Causal self-attention over a whole (B,T) batch with static shapes. */
function attention(
  t: Tape,
  c: ModelConfig,
  x: Value,
  ws: W,
  p: string,
  B: number,
  T: number,
  mask: Value,
): Value {
  const C = c.dModel;
  const H = c.nHeads;
  const D = headDim(c);
  const h = layerNorm(t, x, w(ws, `${p}ln_1.weight`), w(ws, `${p}ln_1.bias`), c.lnEps);
  const qkv = affine(t, h, ws, `${p}attn.c_attn`); // (B,T,3C)
  const [q0, k0, v0] = split(t, qkv, -1, [C, C, C]) as [Value, Value, Value];
  const q = transpose(t, reshape(t, scale(t, q0, 1 / Math.sqrt(D)), [B, T, H, D]), [0, 2, 1, 3]); // (B,H,T,D)
  const kT = transpose(t, reshape(t, k0, [B, T, H, D]), [0, 2, 3, 1]); // (B,H,D,T)
  const v = transpose(t, reshape(t, v0, [B, T, H, D]), [0, 2, 1, 3]); // (B,H,T,D)
  const att = softmax(t, add(t, matmul(t, q, kT), mask)); // (B,H,T,T)
  const y = reshape(t, transpose(t, matmul(t, att, v), [0, 2, 1, 3]), [B, T, C]);
  return affine(t, y, ws, `${p}attn.c_proj`);
}

export interface SeqGraphOptions {
  readonly batch: number;
  readonly time: number;
  /** true: loss + gradients; false: per-token log-probs only */
  readonly train: boolean;
}

/**
 * Training / scoring graph for a fixed (B,T). Inputs: every parameter, `ids` (B,T), `targets`
 * (B,T); for training also `nll_weight` a and `ul_weight` b (B,T). Outputs: `logp` (B,T) =
 * log p(target | prefix); for training `loss` = Σ a·(−logp) + Σ b·(−log max(1−p, 1e−5)) and
 * `grad:<param>` for every parameter.
 */
export function buildSeqGraph(c: ModelConfig, layout: ParamLayout, o: SeqGraphOptions): Uint8Array {
  const { batch: B, time: T } = o;
  const g = new GraphBuilder(o.train ? 'gpt_train' : 'gpt_score');
  const t = new Tape(g, o.train);
  const ws = weights(t, layout, o.train);
  const ids = g.input(IO.ids, 'int64', [B, T]);
  const targets = g.input(IO.targets, 'int64', [B, T]);
  const pos = g.i64(
    Array.from({ length: T }, (_, i) => i),
    [T],
  );
  const maskData = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) maskData[i * T + j] = MASK_NEG;
  const mask = g.f32(maskData, [T, T]);

  let x = add(t, gather(t, w(ws, 'wte.weight'), ids), gather(t, w(ws, 'wpe.weight'), pos)); // (B,T,C)
  for (let l = 0; l < c.nLayers; l++) {
    const p = `h.${l}.`;
    x = add(t, x, attention(t, c, x, ws, p, B, T, mask));
    x = add(t, x, mlp(t, c, x, ws, p));
  }
  const N = B * T;
  const V = c.vocabSize;
  const logits = reshape(t, head(t, c, x, ws), [N, V]); // (N,V)
  const logpAll = g.op('LogSoftmax', [logits], { dtype: 'float32', shape: [N, V] }, { axis: attr.int(-1) });
  const tgt = g.op('Reshape', [targets, g.i64([N, 1])], { dtype: 'int64', shape: [N, 1] });
  const lp = g.op(
    'GatherElements',
    [logpAll, tgt],
    { dtype: 'float32', shape: [N, 1] },
    { axis: attr.int(1) },
  );
  g.output(g.op('Reshape', [lp, g.i64([B, T])], { dtype: 'float32', shape: [B, T] }), IO.logp);
  if (!o.train) return g.encode();

  const f = (shape: readonly Dim[]) => ({ dtype: 'float32' as const, shape });
  const a = g.op('Reshape', [g.input(IO.nllWeight, 'float32', [B, T]), g.i64([N, 1])], f([N, 1]));
  const b = g.op('Reshape', [g.input(IO.ulWeight, 'float32', [B, T]), g.i64([N, 1])], f([N, 1]));
  // loss = Σ a·(−lp) + Σ b·(−log max(1−p, floor))
  const pT = g.op('Exp', [lp], f([N, 1]));
  const oneMinus = g.op(
    'Max',
    [g.op('Sub', [g.f32([1], []), pT], f([N, 1])), g.f32([UL_FLOOR], [])],
    f([N, 1]),
  );
  const perTok = g.op(
    'Sub',
    [
      g.op('Mul', [b, g.op('Neg', [g.op('Log', [oneMinus], f([N, 1]))], f([N, 1]))], f([N, 1])),
      g.op('Mul', [a, lp], f([N, 1])),
    ],
    f([N, 1]),
  );
  g.output(g.op('ReduceSum', [perTok], f([]), { keepdims: attr.int(0) }), IO.loss);
  // dL/dlogits = w·(softmax − onehot), w = a − b·[1−p > floor]·p/max(1−p, floor):
  // the NLL term gives a·(P − e_t); −log(1−p_t) gives −p_t/(1−p_t)·(P − e_t) where not clamped.
  const live = g.op(
    'Cast',
    [g.op('Greater', [oneMinus, g.f32([UL_FLOOR], [])], { dtype: 'int64', shape: [N, 1] })],
    f([N, 1]),
    {
      to: attr.int(1),
    },
  );
  const ratio = g.op('Div', [pT, oneMinus], f([N, 1]));
  const wRow = g.op(
    'Sub',
    [a, g.op('Mul', [g.op('Mul', [b, live], f([N, 1])), ratio], f([N, 1]))],
    f([N, 1]),
  );
  const dz0 = g.op('Mul', [g.op('Exp', [logpAll], f([N, V])), wRow], f([N, V]));
  const dz = g.op('ScatterElements', [dz0, tgt, g.op('Neg', [wRow], f([N, 1]))], f([N, V]), {
    axis: attr.int(1),
    reduction: attr.str('add'),
  });
  const params = layout.specs.map((s) => w(ws, s.name));
  const grads = t.backward(new Map([[logits.name, dz]]), params);
  for (const s of layout.specs) {
    const gv = grads.get(s.name);
    if (gv === undefined) throw new InternalError(`no gradient reaches ${s.name}`);
    g.output(gv, IO.grad(s.name));
  }
  return g.encode();
}

/**
 * Incremental decoding with a KV cache, dynamic shapes B (rows), S (new tokens), P (cache slots):
 * the prefill graph (one token at a time uses buildStepGraph). Inputs: `ids`, `positions` (B,S);
 * `mask` (B,1,S,P+S) additive (0 = visible); `past:<l>:k|v` (B,H,P,D). Outputs: `logits` (B,S,V),
 * normalised (log-softmax), and the new tokens' keys/values `new:<l>:k|v` (B,H,S,D).
 * Past and new keys are attended separately and the probabilities split, so the cache is read in
 * place and never concatenated. `constants` bakes the parameters in (layout order); by default
 * they are inputs.
 */
export function buildDecodeGraph(
  c: ModelConfig,
  layout: ParamLayout,
  o: { readonly constants?: Float32Array } = {},
): Uint8Array {
  const g = new GraphBuilder('gpt_decode');
  const t = new Tape(g, false);
  const ws = weights(t, layout, false, o.constants);
  const H = c.nHeads;
  const D = headDim(c);
  const C = c.dModel;
  const f = (shape: readonly Dim[]) => ({ dtype: 'float32' as const, shape });
  const ids = g.input(IO.ids, 'int64', ['B', 'S']);
  const positions = g.input(IO.positions, 'int64', ['B', 'S']);
  const mask = g.input(IO.mask, 'float32', ['B', 1, 'S', 'PS']);
  let x = add(t, gather(t, w(ws, 'wte.weight'), ids), gather(t, w(ws, 'wpe.weight'), positions)); // (B,S,C)
  // (B,S,C) → (B,H,S,D)
  const heads = (v: Value): Value =>
    g.op('Transpose', [g.op('Reshape', [v, g.i64([0, 0, H, D])], f(['B', 'S', H, D]))], f(['B', H, 'S', D]), {
      perm: attr.ints([0, 2, 1, 3]),
    });
  for (let l = 0; l < c.nLayers; l++) {
    const p = `h.${l}.`;
    const pk = g.input(IO.pastK(l), 'float32', ['B', H, 'P', D]);
    const pv = g.input(IO.pastV(l), 'float32', ['B', H, 'P', D]);
    const h = layerNorm(t, x, w(ws, `${p}ln_1.weight`), w(ws, `${p}ln_1.bias`), c.lnEps);
    const qkv = affine(t, h, ws, `${p}attn.c_attn`);
    const [q0, k0, v0] = g.node(
      'Split',
      [qkv, g.i64([C, C, C])],
      [f(['B', 'S', C]), f(['B', 'S', C]), f(['B', 'S', C])],
      { axis: attr.int(-1) },
    ) as [Value, Value, Value];
    const q = heads(g.op('Mul', [q0, g.f32([1 / Math.sqrt(D)], [])], f(['B', 'S', C]))); // (B,H,S,D)
    const k = heads(k0); // (B,H,S,D)
    const v = heads(v0);
    g.output(k, IO.newK(l));
    g.output(v, IO.newV(l));
    const tr = (m: Value, shape: Dim[]) =>
      g.op('Transpose', [m], f(shape), { perm: attr.ints([0, 1, 3, 2]) });
    const sPast = g.op('MatMul', [q, tr(pk, ['B', H, D, 'P'])], f(['B', H, 'S', 'P']));
    const sNew = g.op('MatMul', [q, tr(k, ['B', H, D, 'S'])], f(['B', H, 'S', 'S']));
    const scores = g.op(
      'Add',
      [g.op('Concat', [sPast, sNew], f(['B', H, 'S', 'PS']), { axis: attr.int(-1) }), mask],
      f(['B', H, 'S', 'PS']),
    );
    const probs = g.op('Softmax', [scores], f(['B', H, 'S', 'PS']), { axis: attr.int(-1) });
    const sizes = g.op(
      'Concat',
      [
        g.op('Shape', [pk], { dtype: 'int64', shape: [1] }, { start: attr.int(2), end: attr.int(3) }),
        g.op('Shape', [k], { dtype: 'int64', shape: [1] }, { start: attr.int(2), end: attr.int(3) }),
      ],
      { dtype: 'int64', shape: [2] },
      { axis: attr.int(0) },
    );
    const [pp, pn] = g.node('Split', [probs, sizes], [f(['B', H, 'S', 'P']), f(['B', H, 'S', 'S'])], {
      axis: attr.int(-1),
    }) as [Value, Value];
    const att = g.op(
      'Add',
      [g.op('MatMul', [pp, pv], f(['B', H, 'S', D])), g.op('MatMul', [pn, v], f(['B', H, 'S', D]))],
      f(['B', H, 'S', D]),
    );
    const merged = g.op('Transpose', [att], f(['B', 'S', H, D]), { perm: attr.ints([0, 2, 1, 3]) });
    const y = g.op('Reshape', [merged, g.i64([0, 0, C])], f(['B', 'S', C]));
    x = add(t, x, affine(t, y, ws, `${p}attn.c_proj`));
    x = add(t, x, mlp(t, c, x, ws, p));
  }
  // normalised logits (log-softmax): samplers treat them as logits, and a sampled token's
  // log-prob is read off without another pass in JavaScript
  const logits = head(t, c, x, ws);
  g.output(g.op('LogSoftmax', [logits], f(logits.shape), { axis: attr.int(-1) }), IO.logits);
  return g.encode();
}

export interface StepGraphOptions {
  /** prefix-shared attention for rows in groups (see buildStepGraph) */
  readonly grouped?: boolean;
  /** the parameters baked in as constants (layout order); default: parameters are inputs */
  readonly constants?: Float32Array;
}

/**
 * One decoding step: one new token per row, dynamic B (rows) and P (cache slots). Inputs: `ids`,
 * `positions` (B); `mask` (B,1,1,P+1) additive over [past | new]; `past:<l>:k|v` (B,H,P,D).
 * Outputs (see IO.stepScores, IO.stepKv): per row the logits, normalised (log-softmax), and their
 * exp (B,2V); the new token's keys/values of every layer (B,H,2L,D). The same GPT as buildDecodeGraph, written for the fewest kernel
 * launches, which is what a step of a small model costs: rows are 2-D (B,C), so every linear
 * layer is one Gemm with its bias; heads are a reshape (one token); the new token's score against
 * itself is a dot product; the softmax is split between past and new so the cache is read in
 * place; and with baked-in parameters the query scale 1/√D is folded into the query weights.
 *
 * `grouped` is prefix-shared ("cascade") attention for sibling rows: the B = G·R rows come in G
 * groups of R, and each group's shared prefix is given once, keys transposed `prefix:<l>:k`
 * (G,1,H,D,Pg) and values `prefix:<l>:v` (G,1,H,Pg,D), beside each row's private cache
 * `past:<l>:k|v` (B,H,P,D); the mask is (B,1,1,Pg+P+1) over [prefix | private | new]. The rows meet
 * their group's prefix through broadcast products, (G,R,H,1,D)·(G,1,H,D,Pg) and
 * (G,R,H,1,Pg)·(G,1,H,Pg,D): a group's R rows read one prefix buffer, which stays in cache,
 * instead of R copies of it, with no transposes (one-row products stay on MLAS's matrix-vector
 * kernels, which read their operands in place). The softmax is split in three parts (the idea of
 * Juravsky et al. 2024, "Hydragen", at the scale of this engine).
 */
export function buildStepGraph(c: ModelConfig, layout: ParamLayout, o: StepGraphOptions = {}): Uint8Array {
  const grouped = o.grouped === true;
  const g = new GraphBuilder(grouped ? 'gpt_step_grouped' : 'gpt_step');
  const H = c.nHeads;
  const D = headDim(c);
  const C = c.dModel;
  const F = c.mlpRatio * C;
  const consts = o.constants === undefined ? undefined : foldQueryScale(c, layout, o.constants);
  const ws = weights(new Tape(g, false), layout, false, consts);
  const f = (shape: readonly Dim[]) => ({ dtype: 'float32' as const, shape });
  const i64 = (n: number) => ({ dtype: 'int64' as const, shape: [n] });
  const dim = (v: Value, axis: number): Value =>
    g.op('Shape', [v], i64(1), { start: attr.int(axis), end: attr.int(axis + 1) });
  const cat = (parts: Value[], n: number) => g.op('Concat', parts, i64(n), { axis: attr.int(0) });
  const norm = (x: Value, p: string): Value =>
    g.op('LayerNormalization', [x, w(ws, `${p}.weight`), w(ws, `${p}.bias`)], f(['B', C]), {
      axis: attr.int(-1),
      epsilon: attr.float(c.lnEps),
    });
  const linear = (x: Value, p: string, n: number): Value =>
    g.op('Add', [g.op('MatMul', [x, w(ws, `${p}.weight`)], f(['B', n])), w(ws, `${p}.bias`)], f(['B', n]));
  const ids = g.input(IO.ids, 'int64', ['B']);
  const positions = g.input(IO.positions, 'int64', ['B']);
  const total: Dim = grouped ? 'PgP1' : 'P1';
  const mask = g.input(IO.mask, 'float32', ['B', 1, 1, total]);
  const layers = Array.from({ length: c.nLayers }, (_, l) => ({
    pk: g.input(IO.pastK(l), 'float32', ['B', H, 'P', D]),
    pv: g.input(IO.pastV(l), 'float32', ['B', H, 'P', D]),
    preK: grouped ? g.input(IO.prefixK(l), 'float32', ['G', H, D, 'Pg']) : undefined,
    preV: grouped ? g.input(IO.prefixV(l), 'float32', ['G', H, 'Pg', D]) : undefined,
  }));
  // shapes shared by every layer, computed once: the softmax split sizes, and rows (B,H,1,·) as
  // (G,R,H,1,·) with G the prefix inputs' first dim
  const first = layers[0];
  if (first === undefined) throw new InternalError('a model without layers');
  const pre0 = first.preK;
  const sizes =
    pre0 === undefined
      ? cat([dim(first.pk, 2), g.i64([1])], 2)
      : cat([dim(pre0, 3), dim(first.pk, 2), g.i64([1])], 3);
  const groupQ = pre0 === undefined ? undefined : cat([dim(pre0, 0), g.i64([-1, H, D])], 4);
  const groupP = pre0 === undefined ? undefined : cat([dim(pre0, 0), g.i64([-1, H]), dim(pre0, 3)], 4);
  const rowsP = pre0 === undefined ? undefined : cat([g.i64([-1, H, 1]), dim(pre0, 3)], 4);
  // (G,R,H,·) ↔ (G,H,R,·): a group's rows as the M rows of one product per head, so the prefix is
  // read once per group and head (a broadcast product would run G·R·H vector products instead)
  const swap = (v: Value, last: Dim, from: 'rows' | 'heads'): Value =>
    g.op('Transpose', [v], f(from === 'rows' ? ['G', H, 'R', last] : ['G', 'R', H, last]), {
      perm: attr.ints([0, 2, 1, 3]),
    });
  const rows = (shape: Dim[]) => f(['B', H, 1, ...shape]);
  const kvs: Value[] = [];
  let x = g.op(
    'Add',
    [
      g.op('Gather', [w(ws, 'wte.weight'), ids], f(['B', C]), { axis: attr.int(0) }),
      g.op('Gather', [w(ws, 'wpe.weight'), positions], f(['B', C]), { axis: attr.int(0) }),
    ],
    f(['B', C]),
  );
  layers.forEach(({ pk, pv, preK, preV }, l) => {
    const p = `h.${l}.`;
    // (B,3C) → (B,3H,1,D) → q, k, v (B,H,1,D), the new key and value named as graph outputs
    const qkv = g.op(
      'Reshape',
      [linear(norm(x, `${p}ln_1`), `${p}attn.c_attn`, 3 * C), g.i64([0, 3 * H, 1, D])],
      f(['B', 3 * H, 1, D]),
    );
    const [q0, k, v] = g.node('Split', [qkv, g.i64([H, H, H])], [rows([D]), rows([D]), rows([D])], {
      axis: attr.int(1),
    }) as [Value, Value, Value];
    kvs.push(k, v);
    const q = consts !== undefined ? q0 : g.op('Mul', [q0, g.f32([1 / Math.sqrt(D)], [])], rows([D]));
    const kT = g.op('Transpose', [pk], f(['B', H, D, 'P']), { perm: attr.ints([0, 1, 3, 2]) });
    const parts = [
      g.op('MatMul', [q, kT], rows(['P'])),
      g.op('ReduceSum', [g.op('Mul', [q, k], rows([D])), g.i64([-1])], rows([1]), { keepdims: attr.int(1) }),
    ];
    if (preK !== undefined && groupQ !== undefined && rowsP !== undefined) {
      const qg = swap(g.op('Reshape', [q, groupQ], f(['G', 'R', H, D])), D, 'rows');
      const sg = swap(g.op('MatMul', [qg, preK], f(['G', H, 'R', 'Pg'])), 'Pg', 'heads');
      parts.unshift(g.op('Reshape', [sg, rowsP], rows(['Pg'])));
    }
    const scores = g.op(
      'Add',
      [g.op('Concat', parts, rows([total]), { axis: attr.int(-1) }), mask],
      rows([total]),
    );
    const probs = g.op('Softmax', [scores], rows([total]), { axis: attr.int(-1) });
    const pieces = g.node(
      'Split',
      [probs, sizes],
      [...(grouped ? [rows(['Pg'])] : []), rows(['P']), rows([1])],
      {
        axis: attr.int(-1),
      },
    );
    const pn = pieces[pieces.length - 1] as Value;
    const pp = pieces[pieces.length - 2] as Value;
    let att = g.op('Add', [g.op('MatMul', [pp, pv], rows([D])), g.op('Mul', [pn, v], rows([D]))], rows([D]));
    if (preV !== undefined && groupP !== undefined) {
      const pg = swap(g.op('Reshape', [pieces[0] as Value, groupP], f(['G', 'R', H, 'Pg'])), 'Pg', 'rows');
      const yg = swap(g.op('MatMul', [pg, preV], f(['G', H, 'R', D])), D, 'heads');
      att = g.op('Add', [att, g.op('Reshape', [yg, g.i64([-1, H, 1, D])], rows([D]))], rows([D]));
    }
    const y = g.op('Reshape', [att, g.i64([-1, C])], f(['B', C]));
    x = g.op('Add', [x, linear(y, `${p}attn.c_proj`, C)], f(['B', C]));
    const hidden = g.op('Gelu', [linear(norm(x, `${p}ln_2`), `${p}mlp.c_fc`, F)], f(['B', F]));
    x = g.op('Add', [x, linear(hidden, `${p}mlp.c_proj`, C)], f(['B', C]));
  });
  const hw = c.tiedHead
    ? g.op('Transpose', [w(ws, 'wte.weight')], f([C, c.vocabSize]), { perm: attr.ints([1, 0]) })
    : w(ws, 'head.weight');
  const logits = g.op('MatMul', [norm(x, 'ln_f'), hw], f(['B', c.vocabSize]));
  const logp = g.op('LogSoftmax', [logits], f(['B', c.vocabSize]), { axis: attr.int(-1) });
  // the probabilities too: a multinomial draw then needs no exp in JavaScript (512 per token)
  const probs = g.op('Exp', [logp], f(['B', c.vocabSize]));
  g.output(g.op('Concat', [logp, probs], f(['B', 2 * c.vocabSize]), { axis: attr.int(1) }), IO.stepScores);
  g.output(g.op('Concat', kvs, f(['B', H, 2 * c.nLayers, D]), { axis: attr.int(2) }), IO.stepKv);
  return g.encode();
}

/** A copy of the parameters with each layer's query weights and bias scaled by 1/√D. */
function foldQueryScale(c: ModelConfig, layout: ParamLayout, params: Float32Array): Float32Array {
  const out = Float32Array.from(params);
  const C = c.dModel;
  const s = 1 / Math.sqrt(headDim(c));
  for (let l = 0; l < c.nLayers; l++) {
    const wq = layout.get(`h.${l}.attn.c_attn.weight`); // (C, 3C): the query is columns [0, C)
    const bq = layout.get(`h.${l}.attn.c_attn.bias`);
    if (wq === undefined || bq === undefined) throw new InternalError(`missing c_attn of layer ${l}`);
    for (let i = 0; i < C; i++)
      for (let j = 0; j < C; j++)
        out[wq.offset + i * 3 * C + j] = (out[wq.offset + i * 3 * C + j] as number) * s;
    for (let j = 0; j < C; j++) out[bq.offset + j] = (out[bq.offset + j] as number) * s;
  }
  return out;
}
