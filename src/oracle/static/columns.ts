/**
 * Column normalisation. secplay's spans use 1-based columns in UTF-16 code units (SARIF's default,
 * and what tree-sitter and ESLint give for JS strings). bandit reports 0-based UTF-8 byte offsets
 * (from Python's ast), gcc and clang report 1-based byte columns, and some tools count code points.
 * These helpers convert one line at a time, so a non-ASCII character earlier on the line ("é😀")
 * moves the column by the right amount.
 */

/** The lines of a text split on \n (a trailing \r is kept in the line; it is one code unit and one byte). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** the content of 1-based line `line` without its newline; '' if out of range */
  line(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  /** clamp a 1-based line number into the file */
  clampLine(line: number): number {
    if (!Number.isFinite(line) || line < 1) return 1;
    return Math.min(Math.trunc(line), this.starts.length);
  }
}

/** UTF-8 length of one code point. */
function utf8Length(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * A 0-based UTF-8 byte offset within `line` → 0-based UTF-16 offset. An offset inside a multi-byte
 * character maps to that character's start; an offset past the end maps to the line's end.
 */
export function utf8OffsetToUtf16(line: string, byteOffset: number): number {
  if (!(byteOffset > 0)) return 0;
  let bytes = 0;
  let units = 0;
  while (units < line.length) {
    const cp = line.codePointAt(units) as number;
    const len = utf8Length(cp);
    if (bytes + len > byteOffset) return units;
    bytes += len;
    units += cp > 0xffff ? 2 : 1;
    if (bytes === byteOffset) return units;
  }
  return line.length;
}

/** A 0-based code-point offset within `line` → 0-based UTF-16 offset (Python str indices). */
export function codePointOffsetToUtf16(line: string, cpOffset: number): number {
  if (!(cpOffset > 0)) return 0;
  let cps = 0;
  let units = 0;
  while (units < line.length && cps < cpOffset) {
    const cp = line.codePointAt(units) as number;
    units += cp > 0xffff ? 2 : 1;
    cps += 1;
  }
  return units;
}

/** Units a tool counts columns in. */
export type ColumnUnit = 'utf8' | 'codepoint' | 'utf16';

/**
 * Convert a tool's column on 1-based `line` of `index` to secplay's 1-based UTF-16 column.
 * `base` says whether the tool's columns start at 0 or 1. Out-of-range input is clamped, never thrown.
 */
export function toUtf16Column(
  index: LineIndex,
  line: number,
  column: number,
  unit: ColumnUnit,
  base: 0 | 1,
): number {
  const text = index.line(index.clampLine(line));
  const zero = Number.isFinite(column) ? Math.max(0, Math.trunc(column) - base) : 0;
  const units =
    unit === 'utf8'
      ? utf8OffsetToUtf16(text, zero)
      : unit === 'codepoint'
        ? codePointOffsetToUtf16(text, zero)
        : Math.min(zero, text.length);
  return units + 1;
}
