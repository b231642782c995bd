import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSources, decodeSource, languageOfPath } from './collect.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secplay-collect-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('decodeSource', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    expect(decodeSource(Buffer.from('\uFEFFx = "é"\n', 'utf8'))).toEqual({ text: 'x = "é"\n' });
  });
  it('replaces invalid UTF-8 with U+FFFD and says so', () => {
    const r = decodeSource(
      Buffer.concat([Buffer.from('a = "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"\n')]),
    );
    expect(r.text.startsWith('a = "')).toBe(true);
    expect(r.text).toContain('\uFFFD');
    expect(r.problem).toMatch(/invalid UTF-8/);
  });
  it('decodes UTF-16 with a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('eval(x)\n', 'utf16le')]);
    expect(decodeSource(le).text).toBe('eval(x)\n');
  });
});

describe('collectSources', () => {
  it('maps extensions to languages', () => {
    expect(languageOfPath('a/b.py')).toBe('py');
    expect(languageOfPath('x.hpp')).toBe('cpp');
    expect(languageOfPath('x.C')).toBe('cpp');
    expect(languageOfPath('README')).toBeUndefined();
  });

  it('walks directories, filters by language, and notes what it could not read', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'sub', 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'a.py'), 'import os\n');
    writeFileSync(join(root, 'sub', 'b.js'), 'eval(x)\n');
    writeFileSync(join(root, 'sub', 'node_modules', 'dep.js'), 'eval(x)\n');
    writeFileSync(join(root, 'notes.txt'), 'hello');
    writeFileSync(join(root, 'bin.c'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    writeFileSync(join(root, 'latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a, 0x78, 0x3d, 0x31, 0x0a]));
    symlinkSync(join(root, 'missing.py'), join(root, 'broken.py'));
    symlinkSync(root, join(root, 'sub', 'loop'));
    execFileSync('mkfifo', [join(root, 'pipe.py')]);

    const r = await collectSources([root, join(dir, 'does-not-exist.py')]);
    const rel = (p: string): string => p.slice(root.length + 1);
    expect(r.files.map((f) => [rel(f.path), f.language])).toEqual([
      ['a.py', 'py'],
      ['latin1.py', 'py'],
      ['sub/b.js', 'js'],
    ]);
    expect(r.files.find((f) => f.path.endsWith('latin1.py'))?.text).toBe('# \uFFFD\nx=1\n');
    const noteFor = (suffix: string): string =>
      r.notes
        .filter((n) => n.file?.endsWith(suffix))
        .map((n) => n.message)
        .join(' | ');
    expect(noteFor('does-not-exist.py')).toMatch(/cannot read \(ENOENT/);
    expect(noteFor('broken.py')).toMatch(/cannot follow symbolic link/);
    expect(noteFor('sub/loop')).toMatch(/already visited/);
    expect(noteFor('pipe.py')).toMatch(/not a regular file/);
    expect(noteFor('bin.c')).toMatch(/binary/);
    expect(noteFor('latin1.py')).toMatch(/invalid UTF-8/);
    expect(r.ignored).toBe(1); // notes.txt

    const onlyJs = await collectSources([root], { languages: ['js'] });
    expect(onlyJs.files.map((f) => rel(f.path))).toEqual(['sub/b.js']);
  });

  it('uses --lang for an explicitly named file without a known extension', async () => {
    const p = join(dir, 'script');
    writeFileSync(p, 'eval(input())\n');
    expect((await collectSources([p])).notes[0]?.message).toMatch(/unknown language/);
    expect((await collectSources([p], { languages: ['py'] })).files[0]?.language).toBe('py');
  });

  it('notes files over the size limit and stops at the file limit', async () => {
    const root = join(dir, 'limits');
    mkdirSync(root);
    for (let i = 0; i < 5; i++) writeFileSync(join(root, `f${i}.py`), `x = ${i}\n`);
    writeFileSync(join(root, 'big.py'), 'x = 1\n'.repeat(100));
    const r = await collectSources([root], { maxBytes: 100, maxFiles: 3 });
    expect(r.files.length).toBe(3);
    expect(
      r.notes.some((n) => n.file?.endsWith('big.py') === true && /over the 100-byte limit/.test(n.message)),
    ).toBe(true);
    expect(r.notes.some((n) => /more than 3 source files/.test(n.message))).toBe(true);
  });
});
