import { diffChars, diffLines } from 'diff';
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

/** Character diffs beyond this many edits fall back to line granularity (bounded time). */
const MAX_CHAR_EDITS = 5000;

export function computeDiffSpans(before: string, after: string): DiffSpans {
  const deleted: CharSpan[] = [];
  const added: CharSpan[] = [];
  const chars = diffChars(before, after, { maxEditLength: MAX_CHAR_EDITS }) ?? diffLines(before, after);
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
  for (const part of diffLines(before, after)) {
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
