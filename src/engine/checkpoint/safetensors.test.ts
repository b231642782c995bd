import { describe, expect, it } from 'vitest';
import { DataError } from '../../core/errors.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

describe('safetensors', () => {
  const tensors = [
    { name: 'a.weight', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, -6.5]) },
    { name: 'b', shape: [1], data: Float32Array.from([Math.PI]) },
  ];

  it('lays out the bytes exactly as the spec says (header length, JSON, space padding to 8, data)', () => {
    const bytes = encodeSafetensors(tensors, { format: 'x' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(headerText).toMatch(/^\{.*\} *$/);
    const header = JSON.parse(headerText) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: number[] }
    >;
    expect(header['__metadata__']).toEqual({ format: 'x' });
    expect(header['a.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['b']).toEqual({ dtype: 'F32', shape: [1], data_offsets: [24, 28] });
    expect(bytes.length).toBe(8 + n + 28);
    const dv = new DataView(bytes.buffer, 8 + n);
    expect(dv.getFloat32(20, true)).toBe(-6.5);
    expect(dv.getFloat32(24, true)).toBeCloseTo(Math.PI, 6);
  });

  it('round-trips bit-exactly', () => {
    const back = decodeSafetensors(encodeSafetensors(tensors));
    expect(back.tensors.get('a.weight')?.data).toEqual(tensors[0]?.data);
    expect(back.tensors.get('b')?.shape).toEqual([1]);
    expect(back.metadata).toEqual({});
  });

  it('rejects corrupt files with a DataError', () => {
    const good = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(good.subarray(0, 5))).toThrow(DataError);
    expect(() => decodeSafetensors(good.subarray(0, good.length - 4))).toThrow(/do not fit/);
    const big = good.slice();
    new DataView(big.buffer).setBigUint64(0, 1n << 40n, true);
    expect(() => decodeSafetensors(big)).toThrow(/exceeds/);
    const extra = new Uint8Array(good.length + 4);
    extra.set(good);
    expect(() => decodeSafetensors(extra)).toThrow(/trailing/);
    expect(() => encodeSafetensors([{ name: 'x', shape: [3], data: new Float32Array(2) }])).toThrow(
      /2 values/,
    );
  });
});
