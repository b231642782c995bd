import { diffLines } from 'diff';

/**
 * The lines a fix touched, on each side of a vulnerable/fixed pair, from a line diff (jsdiff's
 * Myers diff). A removed line is changed on the vulnerable side; an added line on the fixed side.
 * A pure insertion (a missing bounds check added) has no removed line, so the lines around the
 * insertion point count as changed on the vulnerable side, and likewise for pure deletions.
 */
export interface ChangedLines {
  /** 1-based lines of the vulnerable version */
  readonly before: readonly number[];
  /** 1-based lines of the fixed version */
  readonly after: readonly number[];
}

/** Bound on the diff work (Myers is O(N·D)); past it every line counts as changed. */
const MAX_EDITS = 4000;

export function changedLines(before: string, after: string): ChangedLines {
  const parts = diffLines(before, after, { maxEditLength: MAX_EDITS });
  if (parts === undefined) return { before: allLines(before), after: allLines(after) };
  const b = new Set<number>();
  const a = new Set<number>();
  let lb = 1;
  let la = 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === undefined) continue;
    const next = parts[i + 1];
    if (part.removed && next?.added === true) {
      // a replacement: the removed lines on one side, the added ones on the other
      for (let k = 0; k < part.count; k++) b.add(lb + k);
      for (let k = 0; k < next.count; k++) a.add(la + k);
      lb += part.count;
      la += next.count;
      i++;
    } else if (part.removed) {
      for (let k = 0; k < part.count; k++) b.add(lb + k);
      // the fixed side has nothing here: mark where the lines were
      if (la > 1) a.add(la - 1);
      a.add(la);
      lb += part.count;
    } else if (part.added) {
      for (let k = 0; k < part.count; k++) a.add(la + k);
      if (lb > 1) b.add(lb - 1);
      b.add(lb);
      la += part.count;
    } else {
      lb += part.count;
      la += part.count;
    }
  }
  const clamp = (set: Set<number>, text: string): number[] => {
    const max = allLines(text).length;
    return [...set].filter((l) => l >= 1 && l <= max).sort((x, y) => x - y);
  };
  return { before: clamp(b, before), after: clamp(a, after) };
}

function allLines(text: string): number[] {
  const n = text.split('\n').length;
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Whether the 1-based line range [start, end] comes within `radius` lines of any changed line. */
export function nearChange(start: number, end: number, changed: readonly number[], radius: number): boolean {
  return changed.some((l) => l >= start - radius && l <= end + radius);
}
