import { describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { GraphBuilder } from './graph.js';
import { BoundTensor, Session } from './runtime.js';

async function doubler(): Promise<Session> {
  const g = new GraphBuilder('t');
  const a = g.input('a', 'float32', [4]);
  g.output(g.op('Mul', [a, g.f32([2], [])], { dtype: 'float32', shape: [4] }), 'y');
  return Session.create(g.encode(), { threads: 1, device: 'cpu' });
}

describe('onnxruntime session wrapper', () => {
  it('reads inputs in place (views with an offset, mutated between runs)', async () => {
    const s = await doubler();
    const buf = Float32Array.from([9, 9, 1, 2, 3, 4]);
    const bound = new BoundTensor(buf.subarray(2), [4]);
    expect(Array.from((await s.run({ a: bound }, ['y']))['y'] as Float32Array)).toEqual([2, 4, 6, 8]);
    buf[2] = 10;
    expect(((await s.run({ a: bound }, ['y']))['y'] as Float32Array)[0]).toBe(20);
    await s.release();
  });

  it('writes preallocated outputs in place (gradients land in the flat buffer)', async () => {
    const s = await doubler();
    const flat = new Float32Array(8);
    const out = await s.run({ a: { data: Float32Array.from([1, 2, 3, 4]), dims: [4] } }, ['y'], {
      y: new BoundTensor(flat.subarray(4), [4]),
    });
    expect(Array.from(flat)).toEqual([0, 0, 0, 0, 2, 4, 6, 8]);
    expect((out['y'] as Float32Array).buffer).toBe(flat.buffer);
    await s.release();
  });

  it('a prepared run reads its inputs as they are at each call and writes its outputs in place', async () => {
    const s = await doubler();
    const a = Float32Array.from([1, 2, 3, 4]);
    const flat = new Float32Array(6);
    const run = s.prepare({ a: { data: a, dims: [4] } }, { y: { data: flat.subarray(1, 5), dims: [4] } });
    await run();
    expect(Array.from(flat)).toEqual([0, 2, 4, 6, 8, 0]);
    a.set([5, 6, 7, 8]);
    await run();
    expect(Array.from(flat)).toEqual([0, 10, 12, 14, 16, 0]);
    await s.release();
  });

  it('a graph onnxruntime rejects is an InternalError', async () => {
    const g = new GraphBuilder('bad');
    const a = g.input('a', 'float32', [4]);
    g.output(g.op('NoSuchOp', [a], { dtype: 'float32', shape: [4] }), 'y');
    await expect(Session.create(g.encode(), { threads: 1, device: 'cpu' })).rejects.toThrow(InternalError);
    await expect(Session.create(new Uint8Array([1, 2, 3]), { threads: 0, device: 'cpu' })).rejects.toThrow(
      /threads/,
    );
  });
});
