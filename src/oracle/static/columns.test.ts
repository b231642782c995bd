import { describe, expect, it } from 'vitest';
import { LineIndex, codePointOffsetToUtf16, toUtf16Column, utf8OffsetToUtf16 } from './columns.js';

describe('columns', () => {
  // "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "😀" is 4 UTF-8 bytes / 2 UTF-16 units / 1 code point
  const line = 'x = "é😀" + y';

  it('maps UTF-8 byte offsets to UTF-16 offsets past non-ASCII characters', () => {
    expect(utf8OffsetToUtf16(line, 0)).toBe(0);
    expect(utf8OffsetToUtf16(line, 5)).toBe(5); // start of é
    expect(utf8OffsetToUtf16(line, 7)).toBe(6); // start of 😀
    expect(utf8OffsetToUtf16(line, 11)).toBe(8); // the closing quote
    // the 'y' is at byte 15 and UTF-16 unit 12
    expect(line.indexOf('y')).toBe(12);
    expect(Buffer.byteLength(line.slice(0, 12))).toBe(15);
    expect(utf8OffsetToUtf16(line, 15)).toBe(12);
  });

  it('maps an offset inside a multi-byte character to its start, and clamps past the end', () => {
    expect(utf8OffsetToUtf16(line, 6)).toBe(5);
    expect(utf8OffsetToUtf16(line, 9)).toBe(6);
    expect(utf8OffsetToUtf16(line, 999)).toBe(line.length);
    expect(utf8OffsetToUtf16(line, -3)).toBe(0);
  });

  it('maps code-point offsets to UTF-16 offsets', () => {
    expect(codePointOffsetToUtf16(line, 7)).toBe(8); // after 😀
    expect(codePointOffsetToUtf16(line, 11)).toBe(12);
  });

  it('converts 0- and 1-based tool columns on a given line of a file', () => {
    const idx = new LineIndex(`first\n${line}\nlast`);
    expect(idx.lineCount).toBe(3);
    expect(idx.line(2)).toBe(line);
    // bandit: 0-based bytes
    expect(toUtf16Column(idx, 2, 15, 'utf8', 0)).toBe(13);
    // gcc, cppcheck: 1-based bytes
    expect(toUtf16Column(idx, 2, 16, 'utf8', 1)).toBe(13);
    // flawfinder, clang's SARIF: 1-based code points
    expect(toUtf16Column(idx, 2, 12, 'codepoint', 1)).toBe(13);
    expect(toUtf16Column(idx, 2, 13, 'utf16', 1)).toBe(13);
    // out-of-range lines clamp instead of throwing
    expect(toUtf16Column(idx, 99, 1, 'utf8', 1)).toBe(1);
    expect(toUtf16Column(idx, Number.NaN, Number.NaN, 'utf8', 1)).toBe(1);
  });

  it('keeps a CRLF line ending out of the line text', () => {
    const idx = new LineIndex('a\r\nb');
    expect(idx.line(1)).toBe('a\r');
    expect(idx.line(2)).toBe('b');
  });
});
