import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { candidateCompiler } from './c.js';
import { buildPch, choosePch, commonHeaders, leadingSystemHeaders, startsWithHeaders } from './cpp-pch.js';
import { gccPlugin } from './gcc-plugin.js';

const execFileP = promisify(execFile);

/** gcc -H's list of the headers a unit reads with `pch` included; a PCH gcc accepted is marked '!' */
async function headersRead(
  compiler: string,
  flags: readonly string[],
  pch: string,
  src: string,
): Promise<string> {
  return (await execFileP(compiler, [...flags, '-include', pch, '-H', '-fsyntax-only', src])).stderr;
}

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
      expect(await headersRead(compiler, flags, join(dir, rel), src)).toContain(`! ${join(dir, rel)}.gch`);
    }
  });

  // gcc -ftime-report's memory column is an allocation count, the same on every run: the kB a
  // unit allocates instantiating templates (0 when the line is absent)
  const instantiationKb = (timeReport: string): number => {
    const m = /^ template instantiation\s*:.*?(\d+)k\s*\(/m.exec(timeReport);
    return m === null ? 0 : Number(m[1]);
  };

  it('the setup-installed plugin moves the pending template instantiations into the PCH', async () => {
    const { compiler, flags } = candidateCompiler('cpp', false);
    expect(await gccPlugin(dir, compiler, 'pch_plugin')).not.toBeNull();
    const withPlugin = await buildPch(dir, compiler, flags, ['string']);
    // the same header precompiled the old way, for comparison
    const plain = join(dir, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'pch.hpp'), '#include <string>\n');
    await execFileP(compiler, [
      ...flags,
      '-x',
      'c++-header',
      '-o',
      `${join(plain, 'pch.hpp')}.gch`,
      join(plain, 'pch.hpp'),
    ]);
    const empty = join(dir, 'empty.cpp');
    writeFileSync(empty, '');
    const report = async (pch: string) =>
      (
        await execFileP(compiler, [
          ...flags,
          '-include',
          pch,
          '-ftime-report',
          '-c',
          '-o',
          join(dir, 'e.o'),
          empty,
        ])
      ).stderr;
    const before = instantiationKb(await report(join(plain, 'pch.hpp')));
    const after = instantiationKb(await report(join(dir, withPlugin)));
    expect(before).toBeGreaterThan(1000); // <string>'s inline functions leave megabytes pending
    expect(after).toBeLessThan(before / 20);
  });

  it('falls back to a PCH without the plugin when the plugin cannot be used, and g++ takes it', async () => {
    const { compiler, flags } = candidateCompiler('cpp', false);
    const rel = await buildPch(dir, compiler, flags, ['cstddef'], 'no-such-plugin/pch_plugin.so');
    expect(await readFile(join(dir, rel), 'utf8')).toBe('#include <cstddef>\n');
    const src = join(dir, 'plain-fallback.cpp');
    writeFileSync(src, '#include <cstddef>\nstd::size_t n() { return 1; }\n');
    expect(await headersRead(compiler, flags, join(dir, rel), src)).toContain(`! ${join(dir, rel)}.gch`);
  });

  it('a unit compiled with the instantiated PCH defines and references the same functions', async () => {
    const { compiler, flags } = candidateCompiler('cpp', true);
    const headers = ['cstddef', 'map', 'string', 'vector'];
    const rel = await buildPch(dir, compiler, flags, headers);
    expect(await readFile(join(dir, rel), 'utf8')).toContain('#pragma secplay instantiate_pending');
    const src = join(dir, 'uses.cpp');
    writeFileSync(
      src,
      `${headers.map((h) => `#include <${h}>`).join('\n')}
std::string describe(const std::map<std::string, std::vector<int>> &m) {
  std::string out;
  for (const auto &kv : m) out += kv.first + "=" + std::to_string(kv.second.size()) + ";";
  return out + std::to_string(std::stoi("42"));
}
`,
    );
    const symbols = async (extra: string[]) => {
      const obj = join(dir, `uses-${extra.length}.o`);
      await execFileP(compiler, [...flags, ...extra, '-c', '-o', obj, src]);
      const { stdout } = await execFileP('/usr/bin/nm', ['-P', obj]);
      const rows = stdout.split('\n').map((l) => l.split(' '));
      // strong definitions and undefined references; weak (W) copies of inline functions may be
      // grouped differently (one constructor alias more or less), which changes no call
      const pick = (t: string) =>
        rows
          .filter((r) => r[1] === t)
          .map((r) => r[0])
          .sort();
      return { defined: pick('T'), undefined: pick('U') };
    };
    const mine = await symbols(['-include', join(dir, rel)]);
    const none = await symbols([]);
    expect(mine.defined).toContain(
      '_Z8describeRKSt3mapINSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEESt6vectorIiSaIiEESt4lessIS5_ESaISt4pairIKS5_S8_EEE',
    );
    expect(mine).toEqual(none);
  });
});
