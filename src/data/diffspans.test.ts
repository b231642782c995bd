import { describe, expect, it } from 'vitest';
import { codePointOffsetMapper, computeDiffSpans, lineCount } from './diffspans.js';
import { spanText } from './pair.js';

describe('computeDiffSpans', () => {
  it('finds the changed characters and lines of a one-line fix', () => {
    const before = 'a = 1\nq = "SELECT " + x\nreturn q\n';
    const after = 'a = 1\nq = ("SELECT ?", x)\nreturn q\n';
    const d = computeDiffSpans(before, after);
    expect(d.deletedLines).toEqual([2]);
    expect(d.addedLines).toEqual([2]);
    // removing every deleted span from `before` and inserting the added ones gives `after`
    const keptBefore = strip(before, d.deleted);
    const keptAfter = strip(after, d.added);
    expect(keptBefore).toBe(keptAfter);
    expect(d.deleted.map((s) => spanText(before, s)).join('')).toContain('+');
  });

  it('gives no spans for identical texts and whole-text spans for disjoint ones', () => {
    expect(computeDiffSpans('same\n', 'same\n')).toEqual({
      deleted: [],
      added: [],
      deletedLines: [],
      addedLines: [],
    });
    const d = computeDiffSpans('', 'new\nlines\n');
    expect(d.added).toEqual([{ start: 0, end: 10 }]);
    expect(d.addedLines).toEqual([1, 2]);
  });

  it('counts offsets in UTF-16 code units around astral characters', () => {
    const d = computeDiffSpans('x = "😀" + a', 'x = "😀" + b');
    expect(d.deleted).toEqual([{ start: 11, end: 12 }]);
    expect(d.added).toEqual([{ start: 11, end: 12 }]);
  });

  it('falls back to coarser spans on huge rewrites without losing the invariant', () => {
    const before = Array.from({ length: 1200 }, (_, i) => `line ${i * 7919}`).join('\n');
    const after = Array.from({ length: 1200 }, (_, i) => `row ${i * 104729}`).join('\n');
    const d = computeDiffSpans(before, after);
    expect(strip(before, d.deleted)).toBe(strip(after, d.added));
  });
});

describe('codePointOffsetMapper', () => {
  it('is the identity on BMP-only text', () => {
    const m = codePointOffsetMapper('héllo wörld');
    expect([0, 3, 11].map(m)).toEqual([0, 3, 11]);
  });

  it('maps Python code-point offsets to JavaScript string offsets', () => {
    const text = 'a😀b😀c';
    const m = codePointOffsetMapper(text);
    // code points: a 😀 b 😀 c → UTF-16: a(0) 😀(1,2) b(3) 😀(4,5) c(6)
    expect([0, 1, 2, 3, 4, 5].map(m)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(m(99)).toBe(-1);
  });
});

describe('lineCount', () => {
  it.each([
    ['', 1],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['a\nb\n', 2],
    ['\n\n', 2],
  ])('%j has %i lines', (text, n) => {
    expect(lineCount(text)).toBe(n);
  });
});

function strip(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start);
    at = s.end;
  }
  return out + text.slice(at);
}
