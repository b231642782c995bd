import { diffChars, diffLines, type ChangeObject } from 'diff';
import type { CharSpan } from './pair.js';

/**
 * Diff spans of a vulnerable/fixed pair. SVEN and SafeCoder give them as `char_changes` (character
 * ranges, offsets in Python code points) and `line_changes` (1-based line numbers); when a record
 * has none (SafeCoder's sec-desc, 9 sec-new-desc records) they are computed from the texts with
 * jsdiff (Myers' O(ND) diff), which is what a careful maintainer uses rather than a hand-written diff.
 */
export interface DiffSpans {
  readonly deleted: CharSpan[];
  readonly added: CharSpan[];
  readonly deletedLines: number[];
  readonly addedLines: number[];
}

/**
 * Bounds on the diff work per pair (Myers is O(N·D)); edit counts, not timeouts, so results never
 * depend on the speed of the machine. Beyond them a character diff falls back to a
 * line diff, and a line diff to "every line replaced". Real pairs finish far below these bounds.
 */
const MAX_CHAR_EDITS = 2000;
const MAX_LINE_EDITS = 2000;

export function computeDiffSpans(before: string, after: string): DiffSpans {
  const lines = diffLines(before, after, { maxEditLength: MAX_LINE_EDITS }) ?? replaceAll(before, after);
  const chars = diffChars(before, after, { maxEditLength: MAX_CHAR_EDITS }) ?? lines;
  const deleted: CharSpan[] = [];
  const added: CharSpan[] = [];
  let a = 0;
  let b = 0;
  for (const part of chars) {
    const n = part.value.length;
    if (part.removed) {
      deleted.push({ start: a, end: a + n });
      a += n;
    } else if (part.added) {
      added.push({ start: b, end: b + n });
      b += n;
    } else {
      a += n;
      b += n;
    }
  }
  const deletedLines: number[] = [];
  const addedLines: number[] = [];
  let la = 1;
  let lb = 1;
  for (const part of lines) {
    const n = part.count;
    if (part.removed) for (let i = 0; i < n; i++) deletedLines.push(la++);
    else if (part.added) for (let i = 0; i < n; i++) addedLines.push(lb++);
    else {
      la += n;
      lb += n;
    }
  }
  return { deleted, added, deletedLines, addedLines };
}

/** The trivial diff: all of `before` removed, all of `after` added. */
function replaceAll(before: string, after: string): ChangeObject<string>[] {
  const parts: ChangeObject<string>[] = [];
  if (before !== '') parts.push({ value: before, count: lineCount(before), added: false, removed: true });
  if (after !== '') parts.push({ value: after, count: lineCount(after), added: true, removed: false });
  return parts;
}

/**
 * Map offsets counted in Unicode code points (Python's string indices, used by SVEN/SafeCoder) to
 * UTF-16 code units (JavaScript's). Identity when the text has no astral characters.
 */
export function codePointOffsetMapper(text: string): (cp: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
  const utf16: number[] = [];
  let i = 0;
  for (const ch of text) {
    utf16.push(i);
    i += ch.length;
  }
  utf16.push(i);
  return (cp) => utf16[cp] ?? -1; // out of range: the caller's span check reports it
}

/** The number of lines of a text (a final line without a newline counts; '' has one line). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
