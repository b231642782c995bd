/**
 * GPT-2's byte-level alphabet (Radford et al. 2019, `bytes_to_unicode` in openai/gpt-2 encoder.py),
 * the one Hugging Face's ByteLevel pre-tokenizer and decoder use: each of the 256 byte values is
 * shown as one printable character, so a token is a string and `tokenizer.json` stays readable.
 * Printable Latin-1 bytes map to themselves; the others (control bytes, space, 0x7f–0xa0, 0xad) map
 * to U+0100 onwards in byte order. Space becomes `Ġ`, newline `Ċ`.
 */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let n = 0;
  for (let b = 0; b < 256; b++) out.push(String.fromCharCode(printable(b) ? b : 256 + n++));
  return out;
})();

export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

/** Bytes → their byte-level string (one character per byte). */
export function bytesToChars(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BYTE_TO_CHAR[b] as string;
  return s;
}

/** A byte-level string → its bytes, or undefined if it holds a character outside the alphabet. */
export function charsToBytes(chars: string): Uint8Array | undefined {
  const out = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const b = CHAR_TO_BYTE.get(chars[i] as string);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
