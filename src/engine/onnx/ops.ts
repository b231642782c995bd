import { InternalError } from '../../core/errors.js';
import type { Tape } from './autodiff.js';
import { attr, type Dim, type Value } from './graph.js';

/**
 * Differentiable ops over standard ONNX operators (opset 20). Each function emits its forward
 * nodes and records its backward beside it; the CPU build of onnxruntime has no *Grad ops, so every
 * backward is written from standard ops. Shapes follow numpy broadcasting; backward of a broadcast
 * reduces over the broadcast axes (`unbroadcast`).
 */

const f32 = (shape: readonly Dim[]): { dtype: 'float32'; shape: readonly Dim[] } => ({
  dtype: 'float32',
  shape,
});

export function broadcastShape(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === 1) out.push(db);
    else if (db === 1 || da === db) out.push(da);
    else throw new InternalError(`cannot broadcast [${a.join(',')}] with [${b.join(',')}]`);
  }
  return out;
}

/** Sum a gradient of shape `g.shape` down to `shape` (the inverse of broadcasting). */
export function unbroadcast(t: Tape, g: Value, shape: readonly Dim[]): Value {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const reduced = t.g.op(
    'ReduceSum',
    [g, t.g.i64(axes)],
    f32(shape.length === 0 ? [] : keepShape(g.shape, axes)),
    {
      keepdims: attr.int(1),
    },
  );
  return t.g.op('Reshape', [reduced, t.g.i64(shape.map(Number))], f32(shape));
}

function keepShape(shape: readonly Dim[], axes: readonly number[]): Dim[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export function add(t: Tape, a: Value, b: Value): Value {
  const y = t.g.op('Add', [a, b], f32(broadcastShape(a.shape, b.shape)));
  t.record([a, b], [y], ([g]) =>
    g === undefined
      ? []
      : [
          t.needs(a) ? unbroadcast(t, g, a.shape) : undefined,
          t.needs(b) ? unbroadcast(t, g, b.shape) : undefined,
        ],
  );
  return y;
}

/** y = a · s for a constant scalar s. */
export function scale(t: Tape, a: Value, s: number): Value {
  const c = t.g.f32([s], []);
  const y = t.g.op('Mul', [a, c], f32(a.shape));
  t.record([a], [y], ([g]) => [g === undefined ? undefined : t.g.op('Mul', [g, c], f32(a.shape))]);
  return y;
}

function swapLast(shape: readonly Dim[]): Dim[] {
  const s = [...shape];
  const n = s.length;
  [s[n - 1], s[n - 2]] = [s[n - 2] as Dim, s[n - 1] as Dim];
  return s;
}

function transposeLast(t: Tape, v: Value): Value {
  const perm = v.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 1], perm[n - 2]] = [n - 2, n - 1];
  return t.g.op('Transpose', [v], f32(swapLast(v.shape)), { perm: attr.ints(perm) });
}

/**
 * y = a · b. Either `b` is a 2-D weight (K,N) applied to a (..., K), or both are batched with equal
 * rank (..., M, K)·(..., K, N). Backward: da = g·bᵀ; db = aᵀ·g (for a weight: over all rows, as one
 * Gemm with transA).
 */
export function matmul(t: Tape, a: Value, b: Value): Value {
  const K = a.shape[a.shape.length - 1];
  const N = b.shape[b.shape.length - 1];
  if (K !== b.shape[b.shape.length - 2])
    throw new InternalError(`matmul inner dims differ: [${a.shape.join(',')}]·[${b.shape.join(',')}]`);
  const weight = b.shape.length === 2 && a.shape.length >= 2;
  if (!weight && a.shape.length !== b.shape.length)
    throw new InternalError('batched matmul needs equal ranks');
  const outShape = [...a.shape.slice(0, -1), N as Dim];
  const y = t.g.op('MatMul', [a, b], f32(outShape));
  t.record([a, b], [y], ([g]) => {
    if (g === undefined) return [];
    const da = t.needs(a) ? t.g.op('MatMul', [g, transposeLast(t, b)], f32(a.shape)) : undefined;
    let db: Value | undefined;
    if (t.needs(b)) {
      if (weight) {
        const a2 = t.g.op('Reshape', [a, t.g.i64([-1, Number(K)])], f32([rows(a.shape), K as Dim]));
        const g2 = t.g.op('Reshape', [g, t.g.i64([-1, Number(N)])], f32([rows(a.shape), N as Dim]));
        db = t.g.op('Gemm', [a2, g2], f32(b.shape), { transA: attr.int(1) });
      } else {
        db = t.g.op('MatMul', [transposeLast(t, a), g], f32(b.shape));
      }
    }
    return [da, db];
  });
  return y;
}

function rows(shape: readonly Dim[]): Dim {
  let n = 1;
  for (const d of shape.slice(0, -1)) {
    if (typeof d !== 'number') return 'rows';
    n *= d;
  }
  return n;
}

/** Reshape to a static shape (every dim known). */
export function reshape(t: Tape, a: Value, shape: readonly number[]): Value {
  const y = t.g.op('Reshape', [a, t.g.i64(shape)], f32(shape));
  t.record([a], [y], ([g]) => [
    g === undefined ? undefined : t.g.op('Reshape', [g, t.g.i64(a.shape.map(Number))], f32(a.shape)),
  ]);
  return y;
}

export function transpose(t: Tape, a: Value, perm: readonly number[]): Value {
  const y = t.g.op('Transpose', [a], f32(perm.map((p) => a.shape[p] as Dim)), { perm: attr.ints(perm) });
  const inv = perm.map((_, i) => perm.indexOf(i));
  t.record([a], [y], ([g]) => [
    g === undefined ? undefined : t.g.op('Transpose', [g], f32(a.shape), { perm: attr.ints(inv) }),
  ]);
  return y;
}

/** Split along `axis` into parts of the given sizes; backward concatenates (zeros for unused parts). */
export function split(t: Tape, a: Value, axis: number, sizes: readonly number[]): Value[] {
  const ax = axis < 0 ? a.shape.length + axis : axis;
  const shapes = sizes.map((s) => a.shape.map((d, i) => (i === ax ? s : d)));
  const ys = t.g.node('Split', [a, t.g.i64(sizes)], shapes.map(f32), { axis: attr.int(ax) });
  t.record([a], ys, (gs) => {
    const parts = gs.map((g, i) => g ?? zerosLike(t, shapes[i] as Dim[]));
    return [t.g.op('Concat', parts, f32(a.shape), { axis: attr.int(ax) })];
  });
  return ys;
}

function zerosLike(t: Tape, shape: readonly Dim[]): Value {
  const s = shape.map(Number);
  return t.g.op('ConstantOfShape', [t.g.i64(s)], f32(shape), {
    value: attr.tensor({ dtype: 'float32', shape: [1], data: new Float32Array([0]) }),
  });
}

/**
 * LayerNorm over the last axis (Ba et al. 2016), ONNX LayerNormalization-17, whose Mean and
 * InvStdDev outputs feed the backward:
 *   x̂ = (x−μ)·r;  dγ = Σ g·x̂;  dβ = Σ g;  dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)),  ĝ = g·γ.
 */
export function layerNorm(t: Tape, x: Value, gamma: Value, beta: Value, eps = 1e-5): Value {
  const stat = [...x.shape.slice(0, -1), 1];
  const [y, mean, rstd] = t.g.node(
    'LayerNormalization',
    [x, gamma, beta],
    [f32(x.shape), f32(stat), f32(stat)],
    {
      axis: attr.int(-1),
      epsilon: attr.float(eps),
    },
  ) as [Value, Value, Value];
  t.record([x, gamma, beta], [y], ([g]) => {
    if (g === undefined) return [];
    const xhat = t.g.op('Mul', [t.g.op('Sub', [x, mean], f32(x.shape)), rstd], f32(x.shape));
    const dgamma = t.needs(gamma)
      ? unbroadcast(t, t.g.op('Mul', [g, xhat], f32(x.shape)), gamma.shape)
      : undefined;
    const dbeta = t.needs(beta) ? unbroadcast(t, g, beta.shape) : undefined;
    let dx: Value | undefined;
    if (t.needs(x)) {
      const gh = t.g.op('Mul', [g, gamma], f32(x.shape));
      const axes = t.g.i64([-1]);
      const m1 = t.g.op('ReduceMean', [gh, axes], f32(stat), { keepdims: attr.int(1) });
      const m2 = t.g.op('ReduceMean', [t.g.op('Mul', [gh, xhat], f32(x.shape)), axes], f32(stat), {
        keepdims: attr.int(1),
      });
      const inner = t.g.op(
        'Sub',
        [t.g.op('Sub', [gh, m1], f32(x.shape)), t.g.op('Mul', [xhat, m2], f32(x.shape))],
        f32(x.shape),
      );
      dx = t.g.op('Mul', [inner, rstd], f32(x.shape));
    }
    return [dx, dgamma, dbeta];
  });
  return y;
}

/**
 * GELU with the exact erf form (Hendrycks & Gimpel 2016), ONNX Gelu-20.
 * Backward: d/dx = Φ(x) + x·φ(x), Φ(x) = ½(1+erf(x/√2)), φ(x) = exp(−x²/2)/√(2π).
 */
export function gelu(t: Tape, x: Value): Value {
  const y = t.g.op('Gelu', [x], f32(x.shape));
  t.record([x], [y], ([g]) => {
    if (g === undefined) return [];
    const s = f32(x.shape);
    const erf = t.g.op('Erf', [t.g.op('Mul', [x, t.g.f32([Math.SQRT1_2], [])], s)], s);
    const cdf = t.g.op('Mul', [t.g.op('Add', [erf, t.g.f32([1], [])], s), t.g.f32([0.5], [])], s);
    const x2 = t.g.op('Mul', [x, x], s);
    const pdf = t.g.op('Exp', [t.g.op('Mul', [x2, t.g.f32([-0.5], [])], s)], s);
    const xpdf = t.g.op('Mul', [t.g.op('Mul', [x, pdf], s), t.g.f32([1 / Math.sqrt(2 * Math.PI)], [])], s);
    return [t.g.op('Mul', [g, t.g.op('Add', [cdf, xpdf], s)], s)];
  });
  return y;
}

/** Softmax over the last axis. Backward: dx = y·(g − Σ g·y). */
export function softmax(t: Tape, x: Value): Value {
  const y = t.g.op('Softmax', [x], f32(x.shape), { axis: attr.int(-1) });
  t.record([x], [y], ([g]) => {
    if (g === undefined) return [];
    const s = f32(x.shape);
    const dot = t.g.op(
      'ReduceSum',
      [t.g.op('Mul', [g, y], s), t.g.i64([-1])],
      f32([...x.shape.slice(0, -1), 1]),
      {
        keepdims: attr.int(1),
      },
    );
    return [t.g.op('Mul', [t.g.op('Sub', [g, dot], s), y], s)];
  });
  return y;
}

/**
 * Rows of a table: y[...] = table[idx[...]] (embeddings). Backward scatters the gradient rows into
 * zeros with ScatterND(reduction=add), so repeated ids accumulate.
 */
export function gather(t: Tape, table: Value, idx: Value): Value {
  const C = table.shape[1] as Dim;
  const y = t.g.op('Gather', [table, idx], f32([...idx.shape, C]), { axis: attr.int(0) });
  t.record([table], [y], ([g]) => {
    if (g === undefined) return [];
    const n = idx.shape.map(Number).reduce((p, d) => p * d, 1);
    const ids = t.g.op('Reshape', [idx, t.g.i64([n, 1])], { dtype: 'int64', shape: [n, 1] });
    const rowsG = t.g.op('Reshape', [g, t.g.i64([n, Number(C)])], f32([n, C]));
    const zeros = zerosLike(t, table.shape);
    return [t.g.op('ScatterND', [zeros, ids, rowsG], f32(table.shape), { reduction: attr.str('add') })];
  });
  return y;
}
