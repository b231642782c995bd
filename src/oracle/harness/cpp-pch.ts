/**
 * Precompiled standard headers for C++ candidates. Parsing <string>, <vector>… is most of the cost
 * of compiling a small C++ file (130 ms for <string> alone with sanitizers), and loading a
 * precompiled header costs in proportion to what it holds, not just its size: measured with
 * g++ 12 and the sanitizer flags, an empty file that needs only <vector> compiles in 19 ms with a
 * PCH of <vector>, 67 ms with no PCH and ~75 ms with one PCH of 25 common headers.
 *
 * So each task gets the PCH of exactly the system headers its prompt opens with (the candidate is
 * the prompt plus a completion, so nearly every candidate of a task starts with those lines), and
 * a candidate uses it only when its own leading includes begin with the same headers in the same
 * order: force-including them (`-include`) is then what the candidate's first lines do anyway, and
 * its own #includes of them are no-ops behind include guards — the compile means the same as
 * without the PCH. A candidate that opens otherwise falls back to one PCH of common headers (a
 * leniency: a candidate that forgets one of those includes still compiles) or, if it includes
 * none of them, to no PCH.
 *
 * gcc writes a PCH before it instantiates the templates its headers use, so every unit loading the
 * PCH did that work again (~30 of the 42 ms an empty file with a <string> PCH cost). Where gcc's
 * plugin headers are installed (Debian: gcc-12-plugin-dev, from the setup script), a small plugin
 * (src/lang/c/pch_plugin.cc) does it inside the PCH build instead: mean compile CPU of the 29 C++
 * references 58.9 → 40.6 ms, the same symbols defined and referenced in every object (only the
 * comdat grouping of some constructor aliases differs). Without the headers the PCH is built as
 * before: slower, same verdicts.
 *
 * The header names come from text (a task's prompt, a candidate) and the PCH is built outside the
 * sandbox, so only plain relative names under the system include directories are accepted
 * (no absolute paths, no `..`).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sha256 } from '../../core/hash.js';
import { logger } from '../../core/log.js';
import { buildOnce } from './artifacts.js';
import { gccPlugin, PCH_INSTANTIATE_PRAGMA } from './gcc-plugin.js';

const execFileP = promisify(execFile);
const log = logger('oracle');
const C_DIR = fileURLToPath(new URL('../../lang/c', import.meta.url));

const SAFE_HEADER = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*(\/[A-Za-z0-9_][A-Za-z0-9_+.-]*)*$/;
const INCLUDE_LINE = /^[ \t]*#[ \t]*include[ \t]*<([^<>\n]+)>[ \t]*(?:\/\/.*)?$/;
const SKIPPED_LINE = /^[ \t]*(?:\/\/.*)?$/;

/**
 * The system headers a C/C++ file opens with: its `#include <name>` lines, in order, before the
 * first line that is anything else (blank lines and `//` comment lines between them are skipped).
 * Stops at a header name that is not a plain relative path.
 */
export function leadingSystemHeaders(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (SKIPPED_LINE.test(l)) continue;
    const m = INCLUDE_LINE.exec(l);
    const name = m?.[1]?.trim();
    if (name === undefined || !SAFE_HEADER.test(name) || name.split('/').includes('..')) break;
    out.push(name);
  }
  return out;
}

/** Whether `headers` starts with every one of `prefix`, in order. */
export function startsWithHeaders(headers: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= headers.length && prefix.every((h, i) => headers[i] === h);
}

/** The headers of the fallback PCH (src/lang/c/secplay_pch.hpp). */
export function commonHeaders(): string[] {
  return leadingSystemHeaders(
    readFileSync(join(C_DIR, 'secplay_pch.hpp'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('//'))
      .join('\n'),
  );
}

export interface PchChoice {
  /** the headers force-included, in order */
  readonly headers: readonly string[];
  /** 'task': exactly the task's opening headers; 'common': the fallback set */
  readonly kind: 'task' | 'common';
}

/**
 * Which precompiled header (if any) a C++ candidate is compiled with: the task's own opening
 * headers when the candidate opens with them, else the common set when the candidate includes one
 * of its headers, else none.
 */
export function choosePch(
  taskPrompt: string,
  candidate: string,
  common: readonly string[],
): PchChoice | null {
  const mine = leadingSystemHeaders(candidate);
  const task = leadingSystemHeaders(taskPrompt);
  if (task.length > 0 && startsWithHeaders(mine, task)) return { headers: task, kind: 'task' };
  const all = new Set(
    [...candidate.matchAll(/^[ \t]*#[ \t]*include[ \t]*<([^<>\n]+)>/gm)].map((m) => (m[1] ?? '').trim()),
  );
  return common.some((h) => all.has(h)) ? { headers: common, kind: 'common' } : null;
}

/**
 * Build (once, outside the sandbox) the PCH of `headers` for these compile flags; returns the path
 * of the header to `-include`, relative to the artifacts dir (gcc finds the .gch beside it). The
 * flags must be the candidate's compile flags, or gcc silently ignores the PCH.
 */
export async function buildPch(
  artifactsDir: string,
  compiler: string,
  flags: readonly string[],
  headers: readonly string[],
  /** the instantiating plugin (relative to the artifacts dir); default: built for `compiler` */
  plugin?: string | null,
): Promise<string> {
  for (const h of headers)
    if (!SAFE_HEADER.test(h) || h.split('/').includes('..'))
      throw new Error(`refusing to precompile header <${h}>: not a plain system header name`);
  const use = plugin === undefined ? await gccPlugin(artifactsDir, compiler, 'pch_plugin') : plugin;
  if (use !== null)
    try {
      return await buildOnePch(artifactsDir, compiler, flags, headers, use);
    } catch (e) {
      // a PCH without the plugin compiles the same units, only slower
      log.once(
        `pch-plugin-failed:${headers.join(',')}`,
        'warn',
        `precompiling <${headers.join('>, <')}> with the instantiating plugin failed, built without it: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    }
  return buildOnePch(artifactsDir, compiler, flags, headers, null);
}

async function buildOnePch(
  artifactsDir: string,
  compiler: string,
  flags: readonly string[],
  headers: readonly string[],
  plugin: string | null,
): Promise<string> {
  const text =
    headers.map((h) => `#include <${h}>\n`).join('') + (plugin === null ? '' : `${PCH_INSTANTIATE_PRAGMA}\n`);
  const key = sha256([compiler, flags.join(' '), text, plugin ?? ''].join('\u0000')).slice(0, 24);
  await buildOnce(artifactsDir, 'pch', key, async (tmp) => {
    writeFileSync(join(tmp, 'pch.hpp'), text);
    await execFileP(compiler, [...flags, ...pluginFlags(artifactsDir, plugin), ...headerArgs(tmp)], {
      timeout: 120_000,
    });
  });
  return join('pch', key, 'pch.hpp');
}

function headerArgs(dir: string): string[] {
  return ['-x', 'c++-header', '-o', join(dir, 'pch.hpp.gch'), join(dir, 'pch.hpp')];
}

function pluginFlags(artifactsDir: string, plugin: string | null): string[] {
  return plugin === null ? [] : [`-fplugin=${join(artifactsDir, plugin)}`];
}
