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

export interface DecodeGraphOptions {
  /** S = 1, the variant used for sampling (default: dynamic S) */
  readonly step?: boolean;
  /** prefix-shared attention for rows in groups (step only; see buildDecodeGraph) */
  readonly grouped?: boolean;
  /** the parameters baked in as constants (layout order); default: parameters are inputs */
  readonly constants?: Float32Array;
}

/**
 * Incremental decoding with a KV cache, dynamic shapes B (rows), S (new tokens), P (cache slots).
 * Inputs: `ids`, `positions` (B,S); `mask` (B,1,S,P+S) additive (0 = visible); `past:<l>:k|v`
 * (B,H,P,D). Outputs: `logits` (B,S,V), normalised (log-softmax), and the new tokens'
 * keys/values `new:<l>:k|v` (B,H,S,D).
 * Past and new keys are attended separately and the probabilities split, so the cache is read in
 * place and never concatenated. `step` builds the S = 1 variant used for sampling: with one new
 * token, splitting heads is a reshape, so the head transposes disappear.
 *
 * `grouped` (step only) is prefix-shared ("cascade") attention for sibling rows: the B = G·R rows
 * come in G groups of R, and each group's shared prefix is given once, `prefix:<l>:k|v` (G,H,Pg,D),
 * beside each row's private cache `past:<l>:k|v` (B,H,P,D); the mask is (B,1,1,Pg+P+1) over
 * [prefix | private | new]. Per group and head, the R queries meet the prefix keys in one (R,D)·(D,Pg)
 * product and its values in one (R,Pg)·(Pg,D) product, so a prefix is read once per step instead of
 * once per row (Juravsky et al. 2024, "Hydragen"; the same split softmax as above, in three parts).
 */
export function buildDecodeGraph(
  c: ModelConfig,
  layout: ParamLayout,
  o: DecodeGraphOptions = {},
): Uint8Array {
  const step = o.step === true;
  const grouped = o.grouped === true;
  if (grouped && !step) throw new InternalError('grouped attention is built for the step graph only');
  const g = new GraphBuilder(grouped ? 'gpt_step_grouped' : step ? 'gpt_step' : 'gpt_decode');
  const S: Dim = step ? 1 : 'S';
  const t = new Tape(g, false);
  const ws = weights(t, layout, false, o.constants);
  const H = c.nHeads;
  const D = headDim(c);
  const C = c.dModel;
  const f = (shape: readonly Dim[]) => ({ dtype: 'float32' as const, shape });
  const i64 = (n: number) => ({ dtype: 'int64' as const, shape: [n] });
  const dim = (v: Value, axis: number): Value =>
    g.op('Shape', [v], i64(1), { start: attr.int(axis), end: attr.int(axis + 1) });
  const ids = g.input(IO.ids, 'int64', ['B', S]);
  const positions = g.input(IO.positions, 'int64', ['B', S]);
  const pastK = Array.from({ length: c.nLayers }, (_, l) =>
    g.input(IO.pastK(l), 'float32', ['B', H, 'P', D]),
  );
  const pastV = Array.from({ length: c.nLayers }, (_, l) =>
    g.input(IO.pastV(l), 'float32', ['B', H, 'P', D]),
  );
  const preK = grouped
    ? Array.from({ length: c.nLayers }, (_, l) => g.input(IO.prefixK(l), 'float32', ['G', H, 'Pg', D]))
    : [];
  const preV = grouped
    ? Array.from({ length: c.nLayers }, (_, l) => g.input(IO.prefixV(l), 'float32', ['G', H, D, 'Pg']))
    : [];
  const total: Dim = grouped ? 'PgPS' : 'PS';
  const mask = g.input(IO.mask, 'float32', ['B', 1, S, total]);
  // shapes shared by every layer, computed once: the softmax split sizes and the group reshapes
  const p0 = pastK[0] as Value;
  const pre0 = preK[0];
  const sizes =
    pre0 === undefined
      ? g.op('Concat', [dim(p0, 2), step ? g.i64([1]) : dim(ids, 1)], i64(2), { axis: attr.int(0) })
      : g.op('Concat', [dim(pre0, 2), dim(p0, 2), g.i64([1])], i64(3), { axis: attr.int(0) });
  // (B,·) rows as (G,R,H,·): a reshape whose leading dim is G = rows of the prefix inputs
  const byGroup = (last: number) =>
    pre0 === undefined
      ? undefined
      : g.op('Concat', [dim(pre0, 0), g.i64([-1, H, last])], i64(4), { axis: attr.int(0) });
  const groupQ = byGroup(D);
  const groupP = byGroup(0); // 0: keep the input's last dim (Pg)
  let x = add(t, gather(t, w(ws, 'wte.weight'), ids), gather(t, w(ws, 'wpe.weight'), positions)); // (B,S,C)
  // (B,S,C) → (B,H,S,D); with one new token (step) the memory order is the same, so a reshape
  const heads = (v: Value, name?: string): Value => {
    const names = name === undefined ? {} : { names: [name] };
    if (step) return g.node('Reshape', [v, g.i64([0, H, 1, D])], [f(['B', H, 1, D])], {}, names)[0] as Value;
    const split = g.op('Reshape', [v, g.i64([0, 0, H, D])], f(['B', 'S', H, D]));
    return g.node(
      'Transpose',
      [split],
      [f(['B', H, 'S', D])],
      { perm: attr.ints([0, 2, 1, 3]) },
      names,
    )[0] as Value;
  };
  const swap = attr.ints([0, 2, 1, 3]);
  for (let l = 0; l < c.nLayers; l++) {
    const p = `h.${l}.`;
    const pk = pastK[l] as Value;
    const pv = pastV[l] as Value;
    const h = layerNorm(t, x, w(ws, `${p}ln_1.weight`), w(ws, `${p}ln_1.bias`), c.lnEps);
    const qkv = affine(t, h, ws, `${p}attn.c_attn`);
    const [q0, k0, v0] = g.node(
      'Split',
      [qkv, g.i64([C, C, C])],
      [f(['B', S, C]), f(['B', S, C]), f(['B', S, C])],
      { axis: attr.int(-1) },
    ) as [Value, Value, Value];
    const qs = g.op('Mul', [q0, g.f32([1 / Math.sqrt(D)], [])], f(['B', S, C]));
    const q = heads(qs); // (B,H,S,D)
    // graph outputs named directly (no Identity copies)
    const k = g.output(heads(k0, IO.newK(l))); // (B,H,S,D)
    const v = g.output(heads(v0, IO.newV(l)));
    const tr = (m: Value, shape: Dim[]) =>
      g.op('Transpose', [m], f(shape), { perm: attr.ints([0, 1, 3, 2]) });
    const sPast = g.op('MatMul', [q, tr(pk, ['B', H, D, 'P'])], f(['B', H, S, 'P']));
    // one new token: its score against itself is a dot product (a batched 1×1 MatMul costs more)
    const sNew = step
      ? g.op('ReduceSum', [g.op('Mul', [q, k], f(['B', H, 1, D])), g.i64([-1])], f(['B', H, 1, 1]), {
          keepdims: attr.int(1),
        })
      : g.op('MatMul', [q, tr(k, ['B', H, D, 'S'])], f(['B', H, 'S', 'S']));
    const parts = [sPast, sNew];
    const pk0 = preK[l];
    const pv0 = preV[l];
    if (pk0 !== undefined && groupQ !== undefined) {
      // (B,1,C) → (G,R,H,D) → (G,H,D,R): a group's queries as the columns of one product per
      // head, with the prefix keys as the left operand, which MLAS reads in place (a right
      // operand is packed, i.e. copied, on every run)
      const qT = g.op(
        'Transpose',
        [g.op('Reshape', [qs, groupQ], f(['G', 'R', H, D]))],
        f(['G', H, D, 'R']),
        {
          perm: attr.ints([0, 2, 3, 1]),
        },
      );
      const sT = g.op('MatMul', [pk0, qT], f(['G', H, 'Pg', 'R']));
      // (G,H,Pg,R) → (G,R,H,Pg) → (B,H,1,Pg)
      const sPre = g.op(
        'Reshape',
        [
          g.op('Transpose', [sT], f(['G', 'R', H, 'Pg']), { perm: attr.ints([0, 3, 1, 2]) }),
          g.i64([-1, H, 1, 0]),
        ],
        f(['B', H, 1, 'Pg']),
      );
      parts.unshift(sPre);
    }
    const scores = g.op(
      'Add',
      [g.op('Concat', parts, f(['B', H, S, total]), { axis: attr.int(-1) }), mask],
      f(['B', H, S, total]),
    );
    const probs = g.op('Softmax', [scores], f(['B', H, S, total]), { axis: attr.int(-1) });
    const pieces = g.node(
      'Split',
      [probs, sizes],
      [...(grouped ? [f(['B', H, 1, 'Pg'])] : []), f(['B', H, S, 'P']), f(['B', H, S, S])],
      { axis: attr.int(-1) },
    );
    const pn = pieces[pieces.length - 1] as Value;
    const pp = pieces[pieces.length - 2] as Value;
    let att = g.op(
      'Add',
      [
        g.op('MatMul', [pp, pv], f(['B', H, S, D])),
        step ? g.op('Mul', [pn, v], f(['B', H, 1, D])) : g.op('MatMul', [pn, v], f(['B', H, 'S', D])),
      ],
      f(['B', H, S, D]),
    );
    if (pv0 !== undefined && groupP !== undefined) {
      // (B,H,1,Pg) → (G,R,H,Pg) → (G,H,Pg,R); the prefix values come transposed, (G,H,D,Pg), so
      // they are again the left operand: (D,Pg)·(Pg,R) per group and head, then back to (B,H,1,D)
      const pT = g.op(
        'Transpose',
        [g.op('Reshape', [pieces[0] as Value, groupP], f(['G', 'R', H, 'Pg']))],
        f(['G', H, 'Pg', 'R']),
        { perm: attr.ints([0, 2, 3, 1]) },
      );
      const yg = g.op('Transpose', [g.op('MatMul', [pv0, pT], f(['G', H, D, 'R']))], f(['G', 'R', H, D]), {
        perm: attr.ints([0, 3, 1, 2]),
      });
      att = g.op(
        'Add',
        [att, g.op('Reshape', [yg, g.i64([-1, H, 1, D])], f(['B', H, 1, D]))],
        f(['B', H, 1, D]),
      );
    }
    const merged = step ? att : g.op('Transpose', [att], f(['B', 'S', H, D]), { perm: swap });
    const y = g.op('Reshape', [merged, g.i64(step ? [0, 1, C] : [0, 0, C])], f(['B', S, C]));
    x = add(t, x, affine(t, y, ws, `${p}attn.c_proj`));
    x = add(t, x, mlp(t, c, x, ws, p));
  }
  // normalised logits (log-softmax): samplers treat them as logits, and a sampled token's
  // log-prob is read off without another pass in JavaScript
  const logits = head(t, c, x, ws);
  g.output(g.op('LogSoftmax', [logits], f(logits.shape), { axis: attr.int(-1) }), IO.logits);
  return g.encode();
}
