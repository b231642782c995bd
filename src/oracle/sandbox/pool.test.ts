import { describe, expect, it } from 'vitest';
import { Pool } from './pool.js';

describe('Pool', () => {
  it('never runs more jobs at once than it has slots, and reuses slots', async () => {
    let created = 0;
    let running = 0;
    let peak = 0;
    const pool = new Pool(
      2,
      (i) => ({ i, n: created++ }),
      async () => undefined,
    );
    const used: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () =>
        pool.use(async (slot) => {
          running++;
          peak = Math.max(peak, running);
          used.push(slot.i);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(created).toBe(2);
    expect(used.length).toBe(7);
    expect(new Set(used)).toEqual(new Set([0, 1]));
  });

  it('hands the slot back when a job throws, and destroys slots on close', async () => {
    const destroyed: number[] = [];
    const pool = new Pool(
      1,
      (i) => i,
      async (s) => void destroyed.push(s),
    );
    await expect(pool.use(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.use(async (s) => s + 10)).toBe(10);
    await pool.close();
    expect(destroyed).toEqual([0]);
    await expect(pool.use(async () => 1)).rejects.toThrow(/closed/);
  });

  it('rejects a bad size', () => {
    expect(
      () =>
        new Pool(
          0,
          () => 0,
          async () => undefined,
        ),
    ).toThrow(RangeError);
  });
});
