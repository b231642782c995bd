import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateCompiler } from './c.js';
import { gccPlugin, pluginArg } from './gcc-plugin.js';

const execFileP = promisify(execFile);

/** `nm -P` of an object as name → type (W weak, U undefined, T text…). */
async function symbols(obj: string): Promise<Map<string, string>> {
  const { stdout } = await execFileP('/usr/bin/nm', ['-P', obj]);
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name, type] = line.trim().split(/\s+/);
    if (name !== undefined && name !== '' && type !== undefined) out.set(name, type);
  }
  return out;
}

const weakOf = (syms: Map<string, string>): string[] =>
  [...syms].filter(([, t]) => t === 'W').map(([n]) => n);

describe('reuse_plugin: a C++ candidate leaves out the functions the runner provides (real g++)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secplay-reuse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { compiler, flags } = candidateCompiler('cpp', true);
  let plugin: string;

  beforeAll(async () => {
    // the setup script installs gcc's plugin headers: without them this is a failure, not a skip
    const rel = await gccPlugin(dir, compiler, 'reuse_plugin');
    expect(rel).not.toBeNull();
    plugin = join(dir, rel as string);
  }, 120_000);

  const candidate = [
    '#include <map>',
    '#include <string>',
    '#include <vector>',
    'int lookup(const std::map<std::string, int> &m, const std::string &k) {',
    '    auto it = m.find(k);',
    '    return it == m.end() ? -1 : it->second;',
    '}',
    'int total(const std::vector<int> &v) { int s = 0; for (int x : v) s += x; return s; }',
    '',
  ].join('\n');

  const compile = async (name: string, source: string, provided: readonly string[] | null) => {
    const src = join(dir, `${name}.cpp`);
    const obj = join(dir, `${name}.o`);
    const list = join(dir, `${name}.txt`);
    writeFileSync(src, source);
    writeFileSync(list, provided === null ? '' : provided.join('\n') + '\n');
    await execFileP(compiler, [
      ...flags,
      ...(provided === null ? [] : [`-fplugin=${plugin}`, pluginArg('reuse_plugin', 'provided', list)]),
      '-c',
      '-o',
      obj,
      src,
    ]);
    return symbols(obj);
  };

  it('every provided inline/template function becomes a reference; the candidate’s own stay defined', async () => {
    const plain = await compile('plain', candidate, null);
    const weak = weakOf(plain);
    expect(weak.length).toBeGreaterThan(20); // map::find, the tree under it, vector iterators…
    const reused = await compile('reused', candidate, weak);
    expect(weakOf(reused)).toEqual([]);
    // referenced where the candidate's own code calls them (map::find), gone where only the
    // left-out functions called them (the tree under find)
    for (const name of weak) expect({ name, type: reused.get(name) ?? 'U' }).toEqual({ name, type: 'U' });
    const find = weak.filter((n) => n.startsWith('_ZNKSt3map') && n.includes('4find'));
    expect(find.map((n) => reused.get(n))).toEqual(['U']);
    expect(weak.filter((n) => reused.has(n)).length).toBeLessThan(weak.length / 2);
    const own = [...reused].filter(([n]) => n.startsWith('_Z6lookup') || n.startsWith('_Z5total'));
    expect(own.map(([, t]) => t)).toEqual(['T', 'T']);
    // an empty list changes nothing
    const none = await compile('none', candidate, []);
    expect([...none.keys()].sort()).toEqual([...plain.keys()].sort());
  });

  it('a COMDAT group is left out whole or not at all (a constructor and its alias)', async () => {
    const src = [
      'template <class T> struct Box { T v; Box(T x) : v(x) {} };',
      'int make() { Box<int> b(3); return b.v; }',
      '',
    ].join('\n');
    const plain = await compile('box', src, null);
    const ctors = weakOf(plain).filter((n) => n.startsWith('_ZN3BoxIiEC'));
    expect(ctors.sort()).toEqual(['_ZN3BoxIiEC1Ei', '_ZN3BoxIiEC2Ei']);
    // only one of the two names provided: the group stays defined
    const half = await compile('box-half', src, ['_ZN3BoxIiEC2Ei']);
    expect([half.get('_ZN3BoxIiEC1Ei'), half.get('_ZN3BoxIiEC2Ei')]).toEqual(['W', 'W']);
    const whole = await compile('box-whole', src, ctors);
    expect([whole.get('_ZN3BoxIiEC1Ei'), whole.get('_ZN3BoxIiEC2Ei')]).toContain('U');
    expect(weakOf(whole).filter((n) => n.startsWith('_ZN3BoxIiEC'))).toEqual([]);
  });

  it('keeps what another copy could not replace: hidden and always_inline functions', async () => {
    const src = [
      '__attribute__((visibility("hidden"))) inline int hidden_one() { return 1; }',
      '__attribute__((always_inline)) inline int forced() { return 2; }',
      'inline int plain_inline() { return 3; }',
      'int use() { return hidden_one() + forced() + plain_inline(); }',
      '',
    ].join('\n');
    const plain = await compile('attrs', src, null);
    expect(plain.get('_Z10hidden_onev')).toBe('W');
    const reused = await compile('attrs-reused', src, ['_Z10hidden_onev', '_Z6forcedv', '_Z12plain_inlinev']);
    expect(reused.get('_Z10hidden_onev')).toBe('W');
    expect(reused.get('_Z6forcedv')).not.toBe('U');
    expect(reused.get('_Z12plain_inlinev')).toBe('U');
  });

  it('linked after an executable that exports the functions, the candidate runs as compiled in full', async () => {
    // the runner's part: main and the instantiations, exported as the runner's are (-rdynamic)
    const main = [
      '#include <cstdio>',
      '#include <map>',
      '#include <string>',
      '#include <vector>',
      'int lookup(const std::map<std::string, int> &m, const std::string &k);',
      'int total(const std::vector<int> &v);',
      'int main() {',
      '    std::map<std::string, int> m{{"a", 1}, {"b", 2}};',
      '    auto it = m.find("b");',
      '    std::vector<int> v{1, 2, 3};',
      '    int s = 0; for (int x : v) s += x;',
      '    std::printf("%d %d %d %d %d\\n", lookup(m, "a"), lookup(m, "zz"), total(v), it->second, s);',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'main.cpp'), main);
    await execFileP(compiler, [...flags, '-c', '-o', join(dir, 'main.o'), join(dir, 'main.cpp')]);
    const exported = weakOf(await symbols(join(dir, 'main.o')));
    const reused = await compile('lib', candidate, exported);
    expect(weakOf(reused).length).toBeLessThan(weakOf(await compile('lib-plain', candidate, null)).length);
    await execFileP(compiler, [...flags, '-shared', '-o', join(dir, 'libsolution.so'), join(dir, 'lib.o')]);
    await execFileP(compiler, [
      ...flags,
      '-rdynamic',
      '-Wl,-z,now',
      '-o',
      join(dir, 'runner'),
      join(dir, 'main.o'),
      '-L',
      dir,
      '-lsolution',
    ]);
    const { stdout } = await execFileP(join(dir, 'runner'), [], {
      env: { LD_LIBRARY_PATH: dir, ASAN_OPTIONS: 'detect_leaks=0' },
    });
    expect(stdout).toBe('1 -1 6 2 6\n');
  });

  it('refuses to run without its list, saying which option is missing', async () => {
    const src = join(dir, 'nolist.cpp');
    writeFileSync(src, 'int f() { return 1; }\n');
    await expect(
      execFileP(compiler, [`-fplugin=${plugin}`, '-c', '-o', join(dir, 'nolist.o'), src]),
    ).rejects.toThrow(/reuse_plugin.*-fplugin-arg-reuse_plugin-provided/);
  });
});
