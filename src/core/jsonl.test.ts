import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, IoError } from './errors.js';
import { JsonlWriter, readJsonl, type JsonlLine } from './jsonl.js';

const dir = mkdtempSync(join(tmpdir(), 'secplay-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function file(content: string | Uint8Array): string {
  const p = join(dir, `f${n++}.jsonl`);
  writeFileSync(p, content);
  return p;
}

async function all(path: string, maxLineBytes?: number): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const l of readJsonl(path, maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(l);
  return out;
}

const summary = (ls: JsonlLine[]): unknown[] =>
  ls.map((l) => (l.ok ? [l.line, l.value] : [l.line, l.error.message]));

describe('readJsonl', () => {
  it('parses one value per line with 1-based line numbers, skipping blank lines and CRLF endings', async () => {
    const p = file('{"a":1}\r\n\n  \n[2]\n"three"');
    expect(summary(await all(p))).toEqual([
      [1, { a: 1 }],
      [4, [2]],
      [5, 'three'],
    ]);
  });

  it('reports malformed and truncated JSON with file and line, then goes on', async () => {
    const p = file('{"a":1}\n{"b":\n{"c":3}\n');
    const ls = await all(p);
    expect(ls.map((l) => l.ok)).toEqual([true, false, true]);
    const bad = ls[1];
    if (bad === undefined || bad.ok) throw new Error('expected a bad line');
    expect(bad.error).toBeInstanceOf(DataError);
    expect(bad.error).toMatchObject({ file: p, line: 2, code: 'E_DATA' });
    expect(bad.error.message).toMatch(/^malformed JSON/);
  });

  it('reports invalid UTF-8 with the byte offset inside the line, after multi-byte characters too', async () => {
    const line = Buffer.concat([
      Buffer.from('{"a":"€€€€€€€€€€€€€€€€€€€€', 'utf8'),
      Buffer.from([0xff]),
      Buffer.from('"}\n'),
    ]);
    const p = file(Buffer.concat([Buffer.from('1\n'), line, Buffer.from('2\n')]));
    const ls = await all(p);
    expect(summary(ls)).toEqual([
      [1, 1],
      [2, `invalid UTF-8 at byte ${line.indexOf(0xff)} of the line`],
      [3, 2],
    ]);
  });

  it('reports an over-long line without buffering it, and reads the lines after it', async () => {
    const p = file(`1\n${'x'.repeat(300_000)}\n3\n`);
    expect(summary(await all(p, 100_000))).toEqual([
      [1, 1],
      [2, 'line is longer than 100000 bytes'],
      [3, 3],
    ]);
  });

  it('reads lines that span many read chunks', async () => {
    const big = { s: 'y'.repeat(200_000) };
    const p = file(`${JSON.stringify(big)}\n${JSON.stringify(big)}`);
    const ls = await all(p);
    expect(ls).toHaveLength(2);
    expect(ls.every((l) => l.ok && (l.value as { s: string }).s.length === 200_000)).toBe(true);
  });

  it('throws IoError for a missing file or a directory', async () => {
    await expect(all(join(dir, 'nope.jsonl'))).rejects.toThrow(IoError);
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    await expect(all(sub)).rejects.toThrow(/not a regular file/);
  });
});

describe('JsonlWriter', () => {
  it('appends one line per record, and appends to an existing file', async () => {
    const p = join(dir, 'w', 'out.jsonl');
    const w = new JsonlWriter(p);
    w.append({ a: 1, text: 'line\nbreak' });
    w.append([1, 2]);
    w.close();
    const w2 = new JsonlWriter(p);
    w2.append('third');
    w2.sync();
    w2.close();
    expect(readFileSync(p, 'utf8')).toBe('{"a":1,"text":"line\\nbreak"}\n[1,2]\n"third"\n');
    expect(summary(await all(p))).toEqual([
      [1, { a: 1, text: 'line\nbreak' }],
      [2, [1, 2]],
      [3, 'third'],
    ]);
  });
});
