import { describe, expect, it } from 'vitest';
import { checkCandidate } from './input.js';

describe('checkCandidate', () => {
  it('accepts ordinary source text (tabs, CRLF, form feeds, Unicode)', () => {
    const src = 'def f():\r\n\treturn "héllo 😀"\f\n';
    expect(checkCandidate(src)).toEqual({ ok: true, source: src });
    expect(checkCandidate(Buffer.from(src, 'utf8'))).toEqual({ ok: true, source: src });
  });

  it('rejects empty and whitespace-only candidates', () => {
    expect(checkCandidate('')).toMatchObject({ ok: false, kind: 'empty' });
    expect(checkCandidate(' \n\t\n')).toMatchObject({ ok: false, kind: 'empty' });
  });

  it('rejects invalid UTF-8, NUL bytes and control-character noise as binary', () => {
    expect(checkCandidate(new Uint8Array([0x66, 0xff, 0xfe, 0x0a]))).toMatchObject({
      ok: false,
      kind: 'binary',
      detail: 'not valid UTF-8 text',
    });
    expect(checkCandidate('int x;\u0000')).toMatchObject({
      ok: false,
      kind: 'binary',
      detail: 'contains NUL bytes',
    });
    expect(checkCandidate('\u0001\u0002\u0003abc')).toMatchObject({ ok: false, kind: 'binary' });
    // one stray control character in a long file is not "binary"
    expect(checkCandidate(`${'x = 1\n'.repeat(50)}\u001b`).ok).toBe(true);
  });

  it('rejects candidates over the size limit without decoding them', () => {
    expect(checkCandidate(new Uint8Array(11), 10)).toEqual({
      ok: false,
      kind: 'too_large',
      detail: '11 bytes; the limit is 10',
      source: '',
    });
    expect(checkCandidate('é'.repeat(6), 10)).toMatchObject({ ok: false, kind: 'too_large' });
    expect(checkCandidate('abcdefghij', 10).ok).toBe(true);
  });
});
