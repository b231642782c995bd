import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IoError } from './errors.js';
import { writeFileAtomic, writeJsonAtomic } from './fsx.js';

const dir = mkdtempSync(join(tmpdir(), 'secplay-fsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates parent directories and writes text or bytes', () => {
    const p = join(dir, 'a', 'b', 'c.txt');
    writeFileAtomic(p, 'héllo');
    expect(readFileSync(p, 'utf8')).toBe('héllo');
    writeFileAtomic(p, new Uint8Array([0, 255, 10]));
    expect([...readFileSync(p)]).toEqual([0, 255, 10]);
  });

  it('replaces the old content whole and leaves no temporary file behind', () => {
    const p = join(dir, 'replace.txt');
    writeFileSync(p, 'old content that is longer');
    writeFileAtomic(p, 'new');
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('throws IoError naming the path when the parent is a file', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a directory');
    const target = join(blocker, 'x.txt');
    expect(() => writeFileAtomic(target, 'x')).toThrow(IoError);
    expect(() => writeFileAtomic(target, 'x')).toThrow(`cannot write ${target}`);
  });

  it('throws IoError when the target is a directory, and removes its temporary file', () => {
    const sub = join(dir, 'sub');
    writeFileAtomic(join(sub, 'keep.txt'), 'x');
    let err: unknown;
    try {
      writeFileAtomic(sub, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IoError);
    expect(err).toMatchObject({ file: sub, code: 'E_IO', hint: expect.stringMatching(/writable/) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(sub, 'keep.txt'), 'utf8')).toBe('x');
  });
});

describe('writeJsonAtomic', () => {
  it('writes two-space JSON with a trailing newline', () => {
    const p = join(dir, 'x.json');
    writeJsonAtomic(p, { a: [1, 2], b: 'c' });
    expect(readFileSync(p, 'utf8')).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": "c"\n}\n');
  });
});
