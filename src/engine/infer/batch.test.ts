import { describe, expect, it } from 'vitest';
import { resolveModelConfig } from '../model/config.js';
import { MASK_NEG } from '../model/gpt.js';
import { BufferPool, chainSource, groupRows, headroom, plan, regroup, StepBatch } from './batch.js';
import { KvBlock } from './kvcache.js';

const cfg = resolveModelConfig('tiny', {
  vocabSize: 16,
  contextLength: 64,
  dModel: 8,
  nHeads: 2,
  nLayers: 1,
});
const H = 2;
const D = 4;

/** A block whose key at (head h, position p, dim j) is p·100 + h·10 + j and whose value is its negation. */
function block(parent: KvBlock | null, n: number): KvBlock {
  const start = parent?.end ?? 0;
  const k = new Float32Array(H * n * D);
  for (let h = 0; h < H; h++)
    for (let p = 0; p < n; p++)
      for (let j = 0; j < D; j++) k[(h * n + p) * D + j] = (start + p) * 100 + h * 10 + j;
  return new KvBlock(parent, start, new Int32Array(n), [k], [k.map((x) => -x)]);
}

function chain(b: KvBlock | null): KvBlock[] {
  const out: KvBlock[] = [];
  for (let x = b; x !== null; x = x.parent) out.push(x);
  return out.reverse();
}

describe('groupRows', () => {
  it('groups rows under the deepest block they share; rows sharing nothing get no prefix', () => {
    const root = block(null, 4);
    const a = block(root, 3);
    const b = block(root, 2);
    const lone = block(null, 5);
    // rows 0-2 share a (and root), rows 3-4 share b (and root), row 5 shares root only, row 6 nothing
    const rows = [block(a, 1), block(a, 2), a, block(b, 1), block(b, 1), block(root, 6), lone];
    const groups = groupRows(rows.map(chain));
    expect(groups).toEqual([
      { prefix: a, members: [0, 1, 2] },
      { prefix: b, members: [3, 4] },
      // row 5 alone under root: no prefix, with the row that shares nothing
      { prefix: null, members: [5, 6] },
    ]);
  });

  it('regroup drops finished rows and turns groups of one into loose rows', () => {
    const root = block(null, 2);
    const groups = regroup([
      { prefix: root, members: [0, 2] },
      { prefix: root, members: [4] },
      { prefix: null, members: [1] },
      { prefix: root, members: [] },
    ]);
    expect(groups).toEqual([
      { prefix: root, members: [0, 2] },
      { prefix: null, members: [1, 4] },
    ]);
  });
});

describe('plan', () => {
  const root = block(null, 100);
  it('lays groups out as G×R rows, padding short groups and packing loose rows', () => {
    const p = plan(
      [
        { prefix: root, members: [0, 1, 2] },
        { prefix: root, members: [3] },
        { prefix: null, members: [4, 5, 6, 7] },
      ],
      [120, 120, 120, 120, 120, 120, 120, 120],
      'grouped',
    );
    expect(p.groups).toBe(4);
    expect(p.rows).toEqual([0, 1, 2, 3, -1, -1, 4, 5, 6, 7, -1, -1]);
    expect(p.pre).toEqual([100, 100, 100, 100, 100, 100, 0, 0, 0, 0, 0, 0]);
  });

  it('auto: grouped when the shared prefix saves reads, flat (request order) when not', () => {
    const long = block(null, 200);
    const limit = Array.from({ length: 16 }, () => 240);
    const groups = [0, 1, 2, 3].map((g) => ({ prefix: long, members: [g, g + 4, g + 8, g + 12] }));
    expect(plan(groups, limit).groups).toBe(4);
    // a short prefix under long private parts does not pay for the grouped graph
    const small = block(null, 4);
    const p = plan([{ prefix: small, members: [0, 1] }], [160, 160]);
    expect(p).toEqual({ rows: [0, 1], groups: 0, pre: [0, 0], prefixes: [] });
    expect(plan(groups, limit, 'flat').groups).toBe(0);
  });
});

describe('StepBatch', () => {
  it('copies prefixes once per group (keys transposed) and the rest per row, and masks what a row cannot see', () => {
    const root = block(null, 3);
    const x = block(root, 2);
    const chains = [chain(x), chain(root), chain(block(null, 1))];
    const groups = [
      { prefix: root, members: [0, 1] },
      { prefix: null, members: [2] },
    ];
    const len = [5, 3, 1];
    const limit = [8, 8, 8];
    const b = new StepBatch(cfg, plan(groups, limit, 'grouped'), len, limit, chainSource(chains));
    expect(b.rows).toEqual([0, 1, 2, -1]);
    expect(b.prefixSlots).toBe(3);
    expect(b.slots).toBe(8); // row 2: nothing shared, up to 8 positions
    const key = (p: number, h: number, j: number) => p * 100 + h * 10 + j;
    // prefix keys (G,1,H,D,Pg): group 0 holds positions 0-2 of root
    const pk = b.preK[0] as Float32Array;
    expect(pk[((0 * H + 1) * D + 2) * 3 + 1]).toBe(key(1, 1, 2));
    // prefix values (G,1,H,Pg,D)
    expect((b.preV[0] as Float32Array)[(1 * 3 + 2) * D + 3]).toBe(-key(2, 1, 3));
    // row 0's private slots hold positions 3-4
    const k = b.k[0] as Float32Array;
    expect(k[((0 * H + 1) * b.slots + 1) * D + 0]).toBe(key(4, 1, 0));
    // row 2 (no prefix) holds its position 0 in slot 0
    expect(k[((2 * H + 0) * b.slots + 0) * D + 3]).toBe(key(0, 0, 3));
    const W = b.width;
    const visible = (r: number) =>
      Array.from(b.mask.subarray(r * W, (r + 1) * W), (m) => (m === 0 ? 1 : m === MASK_NEG ? 0 : NaN));
    // [prefix 3 | private 8 | new]
    expect(visible(0)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(visible(1)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(visible(2)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(visible(3)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // padding sees itself only
    expect(Array.from(b.positions)).toEqual([5n, 3n, 1n, 0n]);
    // extract reads across the prefix and private parts; a compacted copy holds the same keys/values
    const all = b.extract(0, 0, 5);
    const again = new StepBatch(cfg, plan(regroup(groups), limit, 'flat'), len, limit, b).extract(0, 0, 5);
    for (const kv of [all, again])
      for (let h = 0; h < H; h++)
        for (let p = 0; p < 5; p++)
          for (let j = 0; j < D; j++) {
            expect((kv.k[0] as Float32Array)[(h * 5 + p) * D + j]).toBe(key(p, h, j));
            expect((kv.v[0] as Float32Array)[(h * 5 + p) * D + j]).toBe(-key(p, h, j));
          }
  });
});

describe('layout growth', () => {
  it('headroom: half the private tokens, at least 16, in multiples of 8', () => {
    expect([0, 1, 31, 32, 33, 40, 100].map(headroom)).toEqual([16, 16, 16, 16, 24, 24, 56]);
  });

  it('a layout leaves each row its headroom (up to its limit); a row that fills it must grow', () => {
    const root = block(null, 3);
    const chains = [chain(block(root, 2)), chain(block(root, 1))];
    const groups = [{ prefix: root, members: [0, 1] }];
    const len = [5, 4];
    const b = new StepBatch(cfg, plan(groups, [60, 10], 'grouped'), len, [60, 10], chainSource(chains));
    // row 0: 2 private tokens + 16 of headroom (its limit allows 57); row 1: 7 up to its limit
    expect(b.slots).toBe(18);
    expect(b.fits(0, 3 + 17)).toBe(true);
    expect(b.fits(0, 3 + 18)).toBe(false);
    expect(() => b.store(b.row(0), 3 + 18)).toThrow(/past the layout's slots/);
    // a layout built later from this one, for the rows' new lengths, holds the same keys
    const grown = new StepBatch(cfg, plan(groups, [60, 10], 'grouped'), [21, 9], [60, 10], b);
    expect(grown.slots).toBe(18 + 16);
    expect(grown.fits(0, 21)).toBe(true);
    const key = (p: number, h: number, j: number) => p * 100 + h * 10 + j;
    const kv = grown.extract(0, 0, 5);
    for (let p = 0; p < 5; p++) expect((kv.k[0] as Float32Array)[(1 * 5 + p) * D + 2]).toBe(key(p, 1, 2));
  });
});

describe('BufferPool', () => {
  it('hands a returned buffer out again, zeroed, for any size in its power-of-two bucket', () => {
    const pool = new BufferPool();
    const a = pool.take(1000);
    expect(a.length).toBe(1000);
    expect(a.buffer.byteLength).toBe(1024 * 4);
    a.fill(Number.NaN); // a diverged model's cache must not reach the next batch
    pool.give([a]);
    expect(pool.held).toBe(1024 * 4);
    const b = pool.take(900);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(900);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(pool.held).toBe(0);
    expect(pool.take(900).buffer).not.toBe(a.buffer); // taken once, not twice
  });

  it('keeps at most maxBytes', () => {
    const pool = new BufferPool(3 * 1024 * 4);
    pool.give([pool.take(1024), pool.take(1024), pool.take(1024), pool.take(1024)]);
    expect(pool.held).toBe(3 * 1024 * 4);
  });

  it('a batch built from pooled buffers equals one built from fresh ones, and gives them back', () => {
    const pool = new BufferPool();
    const root = block(null, 6);
    const a = block(root, 3);
    // rows 0-1 share a, row 2 only root (alone: no prefix), and a padding row completes its group
    const chains = [
      [root, a, block(a, 2)],
      [root, a, block(a, 1)],
      [root, block(root, 1)],
    ];
    const len = [11, 10, 7];
    const limit = [20, 20, 20];
    const p = plan(groupRows(chains), limit, 'grouped');
    expect(p.rows).toEqual([0, 1, 2, -1]);
    const fresh = new StepBatch(cfg, p, len, limit, chainSource(chains));
    // dirty buffers of the same sizes first, NaN everywhere
    const dirty = new StepBatch(cfg, p, len, limit, chainSource(chains), pool);
    for (const b of [...dirty.k, ...dirty.v, ...dirty.preK, ...dirty.preV]) b.fill(NaN);
    dirty.release(pool);
    const held = pool.held;
    expect(held).toBeGreaterThan(0);
    const pooled = new StepBatch(cfg, p, len, limit, chainSource(chains), pool);
    expect(pool.held).toBe(0);
    for (const key of ['k', 'v', 'preK', 'preV'] as const)
      pooled[key].forEach((b, l) => expect(Array.from(b)).toEqual(Array.from(fresh[key][l] as Float32Array)));
    expect(Array.from(pooled.mask)).toEqual(Array.from(fresh.mask));
    // fresh buffers are zero wherever nothing was copied: the slots after row 0's private positions
    const k = fresh.k[0] as Float32Array;
    expect(k[((0 * H + 1) * fresh.slots + 2) * D + 1]).toBe(0);
    expect(k[((0 * H + 1) * fresh.slots + 1) * D + 1]).toBe(10 * 100 + 10 + 1);
  });

  it('a layout with the same prefixes takes over its prior’s prefix buffers; the prior keeps them out of the pool', () => {
    const pool = new BufferPool();
    const root = block(null, 6);
    const chains = [
      [root, block(root, 2)],
      [root, block(root, 1)],
    ];
    const limit = [40, 40];
    const p = plan(groupRows(chains), limit, 'grouped');
    const first = new StepBatch(cfg, p, [8, 7], limit, chainSource(chains), pool);
    const grown = new StepBatch(cfg, p, [8, 7], limit, first, pool, first);
    expect(grown.preK).toBe(first.preK);
    expect(grown.preV).toBe(first.preV);
    first.release(pool);
    // the pool holds the prior's private buffers only (power-of-two sizes)
    expect(pool.held).toBe(
      [...first.k, ...first.v].reduce((t, b) => t + 2 ** Math.ceil(Math.log2(b.length)) * 4, 0),
    );
    // a layout with other prefixes copies its own
    const other = plan(regroup([{ prefix: null, members: [0, 1] }]), limit, 'flat');
    const fromChains = new StepBatch(cfg, p, [8, 7], limit, chainSource(chains));
    for (const key of ['preK', 'preV'] as const)
      grown[key].forEach((b, l) =>
        expect(Array.from(b)).toEqual(Array.from(fromChains[key][l] as Float32Array)),
      );
    const flat = new StepBatch(cfg, other, [8, 7], limit, grown, pool, grown);
    expect(flat.prefixSlots).toBe(0);
    const before = pool.held;
    grown.release(pool);
    expect(pool.held).toBeGreaterThan(before + (grown.preK[0]?.byteLength ?? 0)); // its prefixes too
  });
});
