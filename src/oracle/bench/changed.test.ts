import { describe, expect, it } from 'vitest';
import { changedLines, nearChange } from './changed.js';

describe('changedLines', () => {
  it('marks replaced lines on both sides', () => {
    const before = 'a\nq = "x" + y\nc\n';
    const after = 'a\nq = ("x", y)\nc\n';
    expect(changedLines(before, after)).toEqual({ before: [2], after: [2] });
  });

  it('marks the insertion point on the vulnerable side of a pure insertion', () => {
    const before = 'int f(int i) {\n  return a[i];\n}\n';
    const after = 'int f(int i) {\n  if (i >= N) return 0;\n  return a[i];\n}\n';
    expect(changedLines(before, after)).toEqual({ before: [1, 2], after: [2] });
  });

  it('marks where deleted lines were on the fixed side', () => {
    const before = 'x\ny\nz\n';
    const after = 'x\nz\n';
    expect(changedLines(before, after)).toEqual({ before: [2], after: [1, 2] });
  });
});

describe('nearChange', () => {
  it('accepts a span within the radius and rejects one outside', () => {
    expect(nearChange(5, 5, [7], 2)).toBe(true);
    expect(nearChange(5, 5, [8], 2)).toBe(false);
    expect(nearChange(9, 12, [7], 2)).toBe(true);
    expect(nearChange(1, 1, [], 2)).toBe(false);
  });
});
