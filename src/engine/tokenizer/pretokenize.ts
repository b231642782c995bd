import { isUtf8 } from 'node:buffer';

/**
 * Pre-tokenization: where BPE merges may not cross. Valid UTF-8 text is split with GPT-2's regex,
 * exactly as Hugging Face's ByteLevel pre-tokenizer (`use_regex: true`, `add_prefix_space: false`)
 * does, so our ids match theirs on any string. Bytes that are not valid UTF-8 (which no string can
 * hold) become pre-tokens of one byte each: any byte sequence round-trips exactly.
 */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

const decoder = new TextDecoder('utf-8');

/**
 * Calls `emit(start, end)` for each pre-token of `bytes`, in order; the ranges tile the input.
 */
export function pretokenize(bytes: Uint8Array, emit: (start: number, end: number) => void): void {
  if (isUtf8(bytes)) {
    splitText(bytes, 0, bytes.length, emit);
    return;
  }
  // slow path: split into maximal valid runs and single invalid bytes
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > runStart) splitText(bytes, runStart, i, emit);
    emit(i, i + 1);
    i += 1;
    runStart = i;
  }
  if (i > runStart) splitText(bytes, runStart, i, emit);
}

/** Split valid UTF-8 bytes[start, end) with the regex, reporting byte ranges. */
function splitText(
  bytes: Uint8Array,
  start: number,
  end: number,
  emit: (s: number, e: number) => void,
): void {
  const text = decoder.decode(bytes.subarray(start, end));
  let at = start;
  let charAt = 0;
  // the pattern matches every character, so matches tile the text; a gap would still be emitted
  for (const m of text.matchAll(GPT2_PATTERN)) {
    if (m.index > charAt) {
      const gap = utf8Length(text.slice(charAt, m.index));
      emit(at, at + gap);
      at += gap;
    }
    const len = utf8Length(m[0]);
    emit(at, at + len);
    at += len;
    charAt = m.index + m[0].length;
  }
  if (at < end) emit(at, end);
}

/** UTF-8 byte length of a well-formed string (surrogate pairs are 4 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Length of the well-formed UTF-8 sequence at `i` (1–4), or 0 if the bytes there are not one
 * (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF). Node's `isUtf8`
 * answers only yes/no for a whole buffer, so the rare invalid input is scanned here.
 */
export function validSequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i] ?? 0x100;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
