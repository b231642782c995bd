import { describe, expect, it } from 'vitest';
import { LineReader, OutputCapture } from './capture.js';

describe('OutputCapture', () => {
  it('keeps the head up to the cap and counts everything', () => {
    const c = new OutputCapture(5);
    c.push(Buffer.from('abc'));
    c.push(Buffer.from('defgh'));
    expect(c.text()).toBe('abcde');
    expect(c.total).toBe(8);
    expect(c.truncated).toBe(true);
  });

  it('keeps the tail in tail mode', () => {
    const c = new OutputCapture(4, true);
    c.push(Buffer.from('abc'));
    c.push(Buffer.from('defgh'));
    expect(c.text()).toBe('efgh');
    expect(c.total).toBe(8);
  });
});

describe('LineReader', () => {
  it('splits chunks into lines across chunk boundaries', async () => {
    const r = new LineReader(100);
    r.push(Buffer.from('one\ntw'));
    r.push(Buffer.from('o\nthree'));
    expect(await r.next(100)).toBe('one');
    expect(await r.next(100)).toBe('two');
    const pending = r.next(1000);
    r.push(Buffer.from('\n'));
    expect(await pending).toBe('three');
  });

  it('times out, rejects after the end, and refuses overlong lines', async () => {
    const r = new LineReader(4);
    await expect(r.next(10)).rejects.toThrow(/no reply within 10 ms/);
    expect(r.push(Buffer.from('12345'))).toBe(false);
    r.end();
    await expect(r.next(10)).rejects.toThrow(/ended/);
  });
});
