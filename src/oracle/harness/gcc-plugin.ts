/**
 * secplay's gcc plugins (src/lang/c/*.cc), built once per compiler outside the sandbox where gcc's
 * plugin headers are installed (Debian: gcc-12-plugin-dev, from the setup script), and each tried
 * on a small input before it is used. Without the headers, or if a plugin does not do its job on
 * the probe, the harness works without it: slower, same verdicts.
 *
 * - pch_plugin: instantiates pending templates inside a PCH build (cpp-pch.ts).
 * - reuse_plugin: leaves out of a C++ candidate's object the inline and template functions that the
 *   task's runner already exports (c.ts, c-build.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sha256 } from '../../core/hash.js';
import { logger } from '../../core/log.js';
import { buildOnce } from './artifacts.js';

const execFileP = promisify(execFile);
const log = logger('oracle');
const C_DIR = fileURLToPath(new URL('../../lang/c', import.meta.url));

export type GccPluginName = 'pch_plugin' | 'reuse_plugin';

/** What each plugin is for, in the one log line that says it is not used. */
const WITHOUT: Readonly<Record<GccPluginName, string>> = {
  pch_plugin: 'C++ PCHs without the instantiating plugin (compiles ~18 ms slower, same verdicts)',
  reuse_plugin: "C++ candidates compile the runner's template functions again (slower, same verdicts)",
};

export const PCH_INSTANTIATE_PRAGMA = '#pragma secplay instantiate_pending';

/** The option that passes `value` as `key` to a plugin (gcc names it after the file). */
export function pluginArg(name: GccPluginName, key: string, value: string): string {
  return `-fplugin-arg-${name}-${key}=${value}`;
}

const plugins = new Map<string, Promise<string | null>>();

/**
 * The plugin for this compiler (path relative to the artifacts dir), built and probed once; null
 * where gcc's plugin headers are missing or the plugin fails its probe.
 */
export function gccPlugin(
  artifactsDir: string,
  compiler: string,
  name: GccPluginName,
): Promise<string | null> {
  const id = `${artifactsDir}\u0000${compiler}\u0000${name}`;
  let p = plugins.get(id);
  if (p === undefined) {
    p = buildPlugin(artifactsDir, compiler, name).catch((e: unknown) => {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      log.once(`gcc-plugin:${name}`, 'debug', `${WITHOUT[name]}: ${why}`);
      return null;
    });
    plugins.set(id, p);
  }
  return p;
}

async function buildPlugin(artifactsDir: string, compiler: string, name: GccPluginName): Promise<string> {
  const pluginDir = (await execFileP(compiler, ['-print-file-name=plugin'])).stdout.trim();
  if (!existsSync(join(pluginDir, 'include', 'gcc-plugin.h')))
    throw new Error(`gcc's plugin headers are not installed (no ${pluginDir}/include/gcc-plugin.h)`);
  const version = (await execFileP(compiler, ['-dumpfullversion'])).stdout.trim();
  const sourceFile = join(C_DIR, `${name}.cc`);
  const source = readFileSync(sourceFile, 'utf8');
  const key = sha256([compiler, version, pluginDir, source].join('\u0000')).slice(0, 24);
  const rel = join('gcc-plugin', key, `${name}.so`);
  await buildOnce(artifactsDir, 'gcc-plugin', key, async (tmp) => {
    const so = join(tmp, `${name}.so`);
    // no libstdc++.so to load into every compiler run (the plugins use gcc's own containers)
    await execFileP(
      compiler,
      [
        '-shared',
        '-fPIC',
        '-fno-rtti',
        '-fno-exceptions',
        '-O1',
        '-static-libstdc++',
        '-static-libgcc',
      ].concat(['-I', join(pluginDir, 'include'), '-o', so, sourceFile]),
      { timeout: 120_000 },
    );
    await PROBES[name](compiler, so, tmp);
  });
  return rel;
}

/** Each plugin doing its job on a small input (throws otherwise); leaves only the .so in `dir`. */
const PROBES: Readonly<Record<GccPluginName, (compiler: string, so: string, dir: string) => Promise<void>>> =
  {
    async pch_plugin(compiler, so, dir) {
      writeFileSync(join(dir, 'pch.hpp'), `#include <cstddef>\n${PCH_INSTANTIATE_PRAGMA}\n`);
      await execFileP(
        compiler,
        ['-std=gnu++17', `-fplugin=${so}`, '-x', 'c++-header', '-o', join(dir, 'pch.hpp.gch')].concat(
          join(dir, 'pch.hpp'),
        ),
        { timeout: 120_000 },
      );
      for (const f of ['pch.hpp', 'pch.hpp.gch']) rmSync(join(dir, f));
    },
    async reuse_plugin(compiler, so, dir) {
      // an inline function the list provides must become a reference; one it does not, stay defined
      const src = join(dir, 'probe.cpp');
      const obj = join(dir, 'probe.o');
      const list = join(dir, 'provided.txt');
      writeFileSync(
        src,
        'inline int secplay_probe_a() { return 1; }\ninline int secplay_probe_b() { return 2; }\n' +
          'int secplay_probe() { return secplay_probe_a() + secplay_probe_b(); }\n',
      );
      writeFileSync(list, '_Z15secplay_probe_av\n');
      await execFileP(
        compiler,
        ['-O0', '-fPIC', `-fplugin=${so}`, pluginArg('reuse_plugin', 'provided', list), '-c', '-o', obj, src],
        { timeout: 120_000 },
      );
      const { stdout } = await execFileP('/usr/bin/nm', ['-P', obj]);
      const type = (sym: string): string | undefined =>
        stdout
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .find(([n]) => n === sym)?.[1];
      if (type('_Z15secplay_probe_av') !== 'U' || type('_Z15secplay_probe_bv') !== 'W')
        throw new Error(`the reuse plugin did not leave out exactly the provided function:\n${stdout}`);
      for (const f of [src, obj, list]) rmSync(f);
    },
  };
