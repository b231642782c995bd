import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { candidateCompiler } from './c.js';
import { buildPch, choosePch, commonHeaders, leadingSystemHeaders, startsWithHeaders } from './cpp-pch.js';

const execFileP = promisify(execFile);

describe('leading system headers', () => {
  it('reads the #include <…> lines a file opens with, in order, across blank and // lines', () => {
    const text =
      '#include <cstddef>\n\n// helpers\n#  include <string> // text\r\n#include <sys/wait.h>\nint x;\n#include <map>\n';
    expect(leadingSystemHeaders(text)).toEqual(['cstddef', 'string', 'sys/wait.h']);
  });

  it('stops at a local include, a #define or a name that is not a plain system header', () => {
    expect(leadingSystemHeaders('#include <vector>\n#include "mine.h"\n#include <map>\n')).toEqual([
      'vector',
    ]);
    expect(leadingSystemHeaders('#define _GNU_SOURCE\n#include <string>\n')).toEqual([]);
    expect(leadingSystemHeaders('#include <vector>\n#include </etc/shadow>\n')).toEqual(['vector']);
    expect(leadingSystemHeaders('#include <../../etc/passwd>\n')).toEqual([]);
    expect(leadingSystemHeaders('#include <sys/../../x.h>\n')).toEqual([]);
  });

  it('compares header lists as ordered prefixes', () => {
    expect(startsWithHeaders(['a', 'b', 'c'], ['a', 'b'])).toBe(true);
    expect(startsWithHeaders(['b', 'a'], ['a', 'b'])).toBe(false);
    expect(startsWithHeaders(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('choosing a C++ candidate’s precompiled header', () => {
  const prompt = '#include <cstddef>\n#include <string>\n\nint f(const std::string &s)\n{\n';
  const common = ['string', 'vector'];

  it("uses the task's own headers when the candidate opens with them (more after them are fine)", () => {
    expect(choosePch(prompt, `${prompt}  return 0;\n}\n`, common)).toEqual({
      headers: ['cstddef', 'string'],
      kind: 'task',
    });
    expect(
      choosePch(prompt, `#include <cstddef>\n#include <string>\n#include <map>\nint g;\n`, common)?.kind,
    ).toBe('task');
  });

  it('falls back to the common set, or to none, when the candidate opens otherwise', () => {
    expect(choosePch(prompt, '#include <vector>\n#include <cstddef>\nint g;\n', common)).toEqual({
      headers: common,
      kind: 'common',
    });
    expect(choosePch(prompt, '#include <cstdio>\nint g;\n', common)).toBeNull();
    expect(choosePch('int f();\n', 'int f() { return 1; }\n', common)).toBeNull();
  });

  it('the common set is the headers listed in secplay_pch.hpp', () => {
    const all = commonHeaders();
    expect(all).toContain('string');
    expect(all).toContain('vector');
    expect(all.length).toBeGreaterThan(10);
  });
});

describe('building a precompiled header', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secplay-pch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses header names that could read outside the system include directories', async () => {
    const { compiler, flags } = candidateCompiler('cpp', false);
    await expect(buildPch(dir, compiler, flags, ['/etc/passwd'])).rejects.toThrow(
      /not a plain system header/,
    );
    await expect(buildPch(dir, compiler, flags, ['sys/../../x'])).rejects.toThrow(
      /not a plain system header/,
    );
  });

  it('builds once, and g++ really uses it with the flags candidates are compiled with', async () => {
    for (const sanitize of [false, true]) {
      const { compiler, flags } = candidateCompiler('cpp', sanitize);
      const rel = await buildPch(dir, compiler, flags, ['cstddef', 'vector']);
      expect(await buildPch(dir, compiler, flags, ['cstddef', 'vector'])).toBe(rel);
      expect(existsSync(join(dir, `${rel}.gch`))).toBe(true);
      const src = join(dir, `cand-${sanitize}.cpp`);
      writeFileSync(
        src,
        '#include <cstddef>\n#include <vector>\nstd::size_t n(const std::vector<int> &v) { return v.size(); }\n',
      );
      // -H lists the headers read; a PCH that gcc accepted is marked with '!'
      const { stderr } = await execFileP(compiler, [
        ...flags,
        '-include',
        join(dir, rel),
        '-H',
        '-fsyntax-only',
        src,
      ]);
      expect(stderr).toContain(`! ${join(dir, rel)}.gch`);
    }
  });
});
