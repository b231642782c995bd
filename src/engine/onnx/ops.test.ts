import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { Tape } from './autodiff.js';
import { GraphBuilder, type Value } from './graph.js';
import { add, gather, gelu, layerNorm, matmul, reshape, scale, softmax, split, transpose } from './ops.js';
import { Session } from './runtime.js';

/**
 * Gradient checks of every differentiable op against central finite differences. The objective is
 * L = Σ r ⊙ y(x) for a fixed random r, so dL/dy = r seeds the tape. For each float input we compare
 * the directional derivative ∇L·d with (L(x+εd) − L(x−εd)) / 2ε along 3 random unit directions.
 * fp32 forward values limit the precision: ε = 1e-2, tolerance |Δ| ≤ 2e-3 + 1e-2·|∇L·d|.
 */
const EPS = 1e-2;
const ABS_TOL = 2e-3;
const REL_TOL = 1e-2;

interface Case {
  readonly name: string;
  /** float inputs (shape), differentiated */
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  readonly ints?: Readonly<Record<string, { shape: readonly number[]; data: readonly number[] }>>;
  readonly body: (t: Tape, x: Record<string, Value>) => Value;
}

const CASES: readonly Case[] = [
  { name: 'add (broadcast over rows)', inputs: { a: [3, 4], b: [4] }, body: (t, x) => add(t, x.a!, x.b!) },
  { name: 'scale', inputs: { a: [2, 3] }, body: (t, x) => scale(t, x.a!, -0.7) },
  {
    name: 'matmul with a 2-D weight',
    inputs: { a: [2, 3, 4], w: [4, 5] },
    body: (t, x) => matmul(t, x.a!, x.w!),
  },
  {
    name: 'batched matmul',
    inputs: { a: [2, 2, 3, 4], b: [2, 2, 4, 3] },
    body: (t, x) => matmul(t, x.a!, x.b!),
  },
  { name: 'reshape', inputs: { a: [2, 6] }, body: (t, x) => scale(t, reshape(t, x.a!, [3, 4]), 1.5) },
  { name: 'transpose', inputs: { a: [2, 3, 4] }, body: (t, x) => transpose(t, x.a!, [2, 0, 1]) },
  {
    name: 'split (one part unused)',
    inputs: { a: [2, 6] },
    body: (t, x) => {
      const [p, , r] = split(t, x.a!, -1, [2, 3, 1]) as [Value, Value, Value];
      return add(t, scale(t, p, 2), r);
    },
  },
  {
    name: 'layerNorm',
    inputs: { x: [3, 5], g: [5], b: [5] },
    body: (t, x) => layerNorm(t, x.x!, x.g!, x.b!, 1e-5),
  },
  { name: 'gelu', inputs: { x: [4, 6] }, body: (t, x) => gelu(t, scale(t, x.x!, 2)) },
  { name: 'softmax', inputs: { x: [3, 7] }, body: (t, x) => softmax(t, scale(t, x.x!, 2)) },
  {
    name: 'gather with repeated ids',
    inputs: { table: [5, 3] },
    ints: { ids: { shape: [2, 3], data: [1, 4, 1, 0, 1, 2] } },
    body: (t, x) => gather(t, x.table!, x.ids!),
  },
];

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

async function check(c: Case): Promise<{ worst: number; checked: number }> {
  const rng = new Rng(`ops:${c.name}`);
  const g = new GraphBuilder('check');
  const t = new Tape(g);
  const x: Record<string, Value> = {};
  for (const [n, shape] of Object.entries(c.inputs)) x[n] = t.param(g.input(n, 'float32', shape));
  for (const [n, spec] of Object.entries(c.ints ?? {})) x[n] = g.input(n, 'int64', spec.shape);
  const y = c.body(t, x);
  const r = Float32Array.from({ length: numel(y.shape.map(Number)) }, () => rng.normal());
  const seed = g.f32(r, y.shape.map(Number));
  g.output(y, 'y');
  const grads = t.backward(
    new Map([[y.name, seed]]),
    Object.keys(c.inputs).map((n) => x[n] as Value),
  );
  for (const n of Object.keys(c.inputs)) g.output(grads.get(n) as Value, `d_${n}`);
  const session = await Session.create(g.encode(), { threads: 1, device: 'cpu' });
  const vals: Record<string, Float32Array> = {};
  for (const [n, shape] of Object.entries(c.inputs))
    vals[n] = Float32Array.from({ length: numel(shape) }, () => rng.normal());
  const feeds = () => {
    const f: Record<string, { data: Float32Array | BigInt64Array; dims: readonly number[] }> = {};
    for (const [n, shape] of Object.entries(c.inputs)) f[n] = { data: vals[n] as Float32Array, dims: shape };
    for (const [n, s] of Object.entries(c.ints ?? {}))
      f[n] = { data: BigInt64Array.from(s.data.map(BigInt)), dims: s.shape };
    return f;
  };
  const names = Object.keys(c.inputs);
  const out = await session.run(feeds(), ['y', ...names.map((n) => `d_${n}`)]);
  const objective = async (): Promise<number> => {
    const yv = (await session.run(feeds(), ['y']))['y'] as Float32Array;
    let s = 0;
    for (let i = 0; i < yv.length; i++) s += (yv[i] as number) * (r[i] as number);
    return s;
  };
  let worst = 0;
  let checked = 0;
  for (const n of names) {
    const grad = out[`d_${n}`] as Float32Array;
    const v = vals[n] as Float32Array;
    expect(grad.length).toBe(v.length);
    for (let k = 0; k < 3; k++) {
      const d = Float64Array.from({ length: v.length }, () => rng.normal());
      const norm = Math.hypot(...d);
      let analytic = 0;
      for (let i = 0; i < v.length; i++) analytic += (grad[i] as number) * ((d[i] as number) / norm);
      const base = Float32Array.from(v);
      for (let i = 0; i < v.length; i++) v[i] = (base[i] as number) + (EPS * (d[i] as number)) / norm;
      const lp = await objective();
      for (let i = 0; i < v.length; i++) v[i] = (base[i] as number) - (EPS * (d[i] as number)) / norm;
      const lm = await objective();
      v.set(base);
      const numeric = (lp - lm) / (2 * EPS);
      const err = Math.abs(numeric - analytic);
      worst = Math.max(worst, err / (ABS_TOL + REL_TOL * Math.abs(analytic)));
      checked += 1;
    }
  }
  await session.release();
  return { worst, checked };
}

describe('ops: gradients match central finite differences', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { worst, checked } = await check(c);
      expect(checked).toBeGreaterThan(0);
      // worst = max |numeric − analytic| / (ABS_TOL + REL_TOL·|analytic|) must stay below 1
      expect(worst).toBeLessThan(1);
    });
  }

  it('a wrong backward would be caught: the check fails for a deliberately broken gradient', async () => {
    const broken: Case = {
      name: 'broken scale',
      inputs: { a: [2, 3] },
      body: (t, x) => {
        const g = t.g;
        const y = g.op('Mul', [x.a!, g.f32([3], [])], { dtype: 'float32', shape: x.a!.shape });
        // claims dy/da = 2 instead of 3
        t.record([x.a!], [y], ([gy]) => [
          gy === undefined
            ? undefined
            : g.op('Mul', [gy, g.f32([2], [])], { dtype: 'float32', shape: x.a!.shape }),
        ]);
        return y;
      },
    };
    const { worst } = await check(broken);
    expect(worst).toBeGreaterThan(1);
  });
});
