import type { VerdictProblem } from '../core/records.js';

/**
 * Checks on a candidate before anything runs: bad input is a verdict problem, never a crash.
 */
export const DEFAULT_MAX_SOURCE_BYTES = 1024 * 1024;

export type CandidateInput =
  | { readonly ok: true; readonly source: string }
  | { readonly ok: false; readonly kind: VerdictProblem; readonly detail: string; readonly source: string };

export function checkCandidate(
  input: string | Uint8Array,
  maxBytes = DEFAULT_MAX_SOURCE_BYTES,
): CandidateInput {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > maxBytes)
    return { ok: false, kind: 'too_large', detail: `${bytes} bytes; the limit is ${maxBytes}`, source: '' };
  let source: string;
  if (typeof input === 'string') source = input;
  else {
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, kind: 'binary', detail: 'not valid UTF-8 text', source: '' };
    }
  }
  if (source.includes('\u0000')) return { ok: false, kind: 'binary', detail: 'contains NUL bytes', source };
  // control characters other than tab, newline, carriage return, form feed: source code has none
  let controls = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (controls > 0 && controls * 100 > source.length)
    return { ok: false, kind: 'binary', detail: `${controls} control characters`, source };
  if (source.trim() === '') return { ok: false, kind: 'empty', detail: 'the candidate is empty', source };
  return { ok: true, source };
}
