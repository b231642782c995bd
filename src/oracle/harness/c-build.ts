/**
 * How C and C++ candidates are built. The expensive, trusted part is done once per task outside
 * the sandbox (a task's files, its tests and its references, are trusted input like the suite
 * itself; only candidates are untrusted): the test file with secplay's runner main
 * (src/lang/c/secplay_runner.h) is linked
 * into a RUNNER executable that takes the solution from a shared library, `libsolution.so`
 * (DT_NEEDED; linked against a stub built from the task's secure reference, never used at run
 * time). Per candidate, inside the sandbox: one compiler call to a position-independent object,
 * then the linker alone (no compiler driver, no C/C++ libraries) makes `libsolution.so`, and the
 * runner runs with LD_LIBRARY_PATH=. (both linked `-z now`). Measured per candidate: link 6–7 ms
 * instead of 22–28 for linking a sanitizer executable through the driver.
 *
 * The result means what linking the candidate into the test executable means:
 * - symbols resolve in the same order (the executable, then the ASan runtime, then the candidate,
 *   then the C/C++ libraries), so a test's stub of a libc function wins over libc for the
 *   candidate's calls, and a candidate's own definition of a libc function wins over libc;
 * - a strong symbol that both the candidate and the test file (or the runner: `main`) define is a
 *   link error, as in a static link: `dups.o` defines every strong symbol of the test object, so the
 *   linker reports the clash (those definitions are never used: the executable's come first);
 * - a symbol that neither defines fails at start-up (`-z now`), before any test runs, and is
 *   reported as a link error;
 * - constructors run in the same order (the candidate's first), and exceptions unwind through
 *   the candidate's frames (--eh-frame-hdr).
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sha256 } from '../../core/hash.js';
import { C_STANDARDS, LANGUAGE_SPECS } from '../../lang/spec.js';
import type { Task } from '../../suite/task.js';
import { logger } from '../../core/log.js';
import { buildOnce } from './artifacts.js';
import { solutionText } from './harness.js';

const execFileP = promisify(execFile);
const log = logger('oracle');
const C_DIR = fileURLToPath(new URL('../../lang/c', import.meta.url));

export interface Toolchain {
  readonly compiler: string;
  readonly std: string;
  readonly ext: string;
}
export const TOOLCHAINS: Readonly<Record<'c' | 'cpp', Toolchain>> = {
  c: { compiler: '/usr/bin/gcc', std: `-std=${C_STANDARDS.c}`, ext: 'c' },
  cpp: { compiler: '/usr/bin/g++', std: `-std=${C_STANDARDS.cpp}`, ext: 'cpp' },
};

const SANITIZE = [
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=undefined',
  '-fno-omit-frame-pointer',
];

/** Compile flags of candidates, their PCHs and the test object (-fPIC: the solution is a shared library). */
export function compileFlags(lang: 'c' | 'cpp', sanitize: boolean): string[] {
  return [TOOLCHAINS[lang].std, '-O0', '-w', '-pipe', '-fPIC', ...(sanitize ? SANITIZE : [])];
}

/** The shared library the runner loads the candidate from (found through LD_LIBRARY_PATH=.). */
export const SOLUTION_LIBRARY = 'libsolution.so';

/**
 * Environment of a runner run: the candidate's library from the work dir. (Not LD_BIND_NOW: it
 * would bind all of libstdc++ too, ~2 ms a run; the runner and the library are linked `-z now`.)
 */
export const RUNNER_ENV: Readonly<Record<string, string>> = { LD_LIBRARY_PATH: '.' };

interface Linker {
  readonly path: string;
  readonly extra: readonly string[];
}

/**
 * GNU ld (bfd). A candidate's link is one small object and libgcc.a, where start-up decides:
 * measured per link (CPU, `perf stat -r 40`, an ASan C++ object with <map>/<string>): ld.bfd
 * 3.9–4.3 ms, gold 4.1–4.7, mold 6.5–7.2 (loading libcrypto and libstdc++, setting up its thread
 * pool), lld 16; for a C object: bfd 2.3–2.7, gold 2.5–3.1, mold 4.7–6.8.
 */
export function linker(): Linker {
  return { path: '/usr/bin/ld.bfd', extra: [] };
}

interface CrtFiles {
  readonly crti: string;
  readonly crtn: string;
  readonly crtbegin: string;
  readonly crtend: string;
  readonly gccLibDir: string;
}

let crtCache: CrtFiles | undefined;
/** The start/end files gcc puts around a shared library, and the directory of libgcc.a. */
function crtFiles(): CrtFiles {
  if (crtCache !== undefined) return crtCache;
  const file = (name: string): string =>
    execFileSync(TOOLCHAINS.c.compiler, [`-print-file-name=${name}`], { encoding: 'utf8' }).trim();
  crtCache = {
    crti: file('crti.o'),
    crtn: file('crtn.o'),
    crtbegin: file('crtbeginS.o'),
    crtend: file('crtendS.o'),
    gccLibDir: dirname(
      execFileSync(TOOLCHAINS.c.compiler, ['-print-libgcc-file-name'], { encoding: 'utf8' }).trim(),
    ),
  };
  return crtCache;
}

/**
 * The linker call that makes `out` (a shared library) from position-independent objects: gcc's
 * start/end files and libgcc.a (helpers such as 128-bit division), nothing else: the C/C++
 * libraries and the sanitizer runtimes come from the runner at run time.
 */
export function sharedLinkArgv(objects: readonly string[], out: string): string[] {
  const l = linker();
  const f = crtFiles();
  return [
    l.path,
    ...l.extra,
    '--eh-frame-hdr',
    '--hash-style=gnu',
    // bind every symbol when the library is loaded: one the candidate needs and nothing defines
    // stops the runner before main (as a static link would have failed), not in the middle of a test
    '-z',
    'now',
    '-shared',
    '-soname',
    SOLUTION_LIBRARY,
    '-o',
    out,
    f.crti,
    f.crtbegin,
    ...objects,
    '-L',
    f.gccLibDir,
    '-lgcc',
    f.crtend,
    f.crtn,
  ];
}

/** Changes whenever the way runners are built changes, so no stale runner is reused. */
const RECIPE = 'runner-6';

let sourcesCache: { header: string; runnerMain: string } | undefined;
/** secplay's test header and runner main, read once (they key every task's build, per candidate) */
function runnerSources(): { header: string; runnerMain: string } {
  sourcesCache ??= {
    header: readFileSync(join(C_DIR, 'secplay_test.h'), 'utf8'),
    runnerMain: readFileSync(join(C_DIR, 'secplay_runner.h'), 'utf8'),
  };
  return sourcesCache;
}

/** What a task's candidates are built against (paths relative to the artifacts dir). */
export interface TaskRunner {
  /** the test executable; it loads libsolution.so */
  readonly runner: string;
  /** an object defining every strong symbol of the test object, linked into each candidate's library */
  readonly dups: string;
  /** the symbols the runner exports, one per line: what candidates need not define (reuse_plugin) */
  readonly provided: string;
}

/**
 * Build (once per task and flavour, outside the sandbox: the test file and the reference are
 * trusted) the runner executable and the duplicate-symbol object.
 */
export async function taskRunner(
  artifactsDir: string,
  task: Task,
  lang: 'c' | 'cpp',
  sanitize: boolean,
): Promise<TaskRunner> {
  const tc = TOOLCHAINS[lang];
  const flags = compileFlags(lang, sanitize);
  const { header, runnerMain } = runnerSources();
  const key = sha256(
    [
      RECIPE,
      lang,
      flags.join(' '),
      task.testSource,
      header,
      runnerMain,
      solutionText(task, task.secureReference),
      solutionText(task, task.vulnerableReference),
      linker().path,
    ].join('\u0000'),
  ).slice(0, 24);
  await buildOnce(artifactsDir, 'c', key, async (tmp) => {
    const testFile = LANGUAGE_SPECS[lang].testFile;
    writeFileSync(join(tmp, testFile), task.testSource);
    writeFileSync(
      join(tmp, `harness.${tc.ext}`),
      `#define main secplay_header_main\n#include "${testFile}"\n#undef main\n#include "secplay_runner.h"\n`,
    );
    const run = (file: string, args: readonly string[]) => execFileP(file, args, { timeout: 120_000 });
    await run(tc.compiler, [
      ...flags,
      '-I',
      C_DIR,
      '-c',
      '-o',
      join(tmp, 'harness.o'),
      join(tmp, `harness.${tc.ext}`),
    ]);
    // the stub libsolution.so the runner is linked against: the secure reference
    mkdirSync(join(tmp, 'stub'));
    writeFileSync(join(tmp, 'stub', `reference.${tc.ext}`), solutionText(task, task.secureReference));
    await run(tc.compiler, [
      ...flags,
      '-c',
      '-o',
      join(tmp, 'stub', 'reference.o'),
      join(tmp, 'stub', `reference.${tc.ext}`),
    ]);
    const [ld, ...ldArgs] = sharedLinkArgv(
      [join(tmp, 'stub', 'reference.o')],
      join(tmp, 'stub', SOLUTION_LIBRARY),
    );
    await run(ld as string, ldArgs);
    // a runner without its references' instantiations judges the same, with slower compiles
    const withoutTemplates = (e: unknown): string[] => {
      log.once(
        `runner-templates:${task.id}`,
        'warn',
        `${task.id}: the runner is built without its references' template instantiations: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
      return [];
    };
    const templates = await referenceTemplates(task, lang, flags, tmp, {
      test: join(tmp, 'harness.o'),
      secure: join(tmp, 'stub', 'reference.o'),
    }).catch(withoutTemplates);
    const linkRunner = (extra: readonly string[]) =>
      run(tc.compiler, [
        ...flags,
        '-fuse-ld=bfd',
        // every library the candidate may need (libstdc++, libm) must be loaded by the runner, even
        // if the test file itself uses none of it
        '-Wl,--no-as-needed',
        // the test's references to the candidate bound at start too (see sharedLinkArgv)
        '-Wl,-z,now',
        '-rdynamic',
        '-o',
        join(tmp, 'runner'),
        join(tmp, 'harness.o'),
        ...extra,
        '-L',
        join(tmp, 'stub'),
        '-lsolution',
        '-lm',
      ]);
    try {
      await linkRunner(templates);
    } catch (e) {
      if (templates.length === 0) throw e;
      withoutTemplates(e);
      await linkRunner([]);
    }
    const exported = await run('/usr/bin/nm', ['-D', '--defined-only', '-P', join(tmp, 'runner')]);
    writeFileSync(join(tmp, 'provided.txt'), definedNames(exported.stdout).join('\n') + '\n');
    const { stdout } = await run('/usr/bin/nm', ['--defined-only', '-P', join(tmp, 'harness.o')]);
    writeFileSync(join(tmp, 'dups.s'), dupsAssembly(stdout));
    await run('/usr/bin/as', ['-o', join(tmp, 'dups.o'), join(tmp, 'dups.s')]);
  });
  return {
    runner: join('c', key, 'runner'),
    dups: join('c', key, 'dups.o'),
    provided: join('c', key, 'provided.txt'),
  };
}

/**
 * Words that, after the prompt, may declare an entity with linkage that a candidate could declare
 * differently under the same name (a type, a template, an inline function, an alias…).
 */
const DECLARES_ENTITY =
  /\b(struct|class|union|enum|template|typedef|using|inline|constexpr|consteval|namespace|operator)\b/;

/**
 * Whether a reference's template instantiations may serve every candidate of its task: it is the
 * prompt plus a body that declares nothing a candidate could name differently, so each of its
 * instantiations (std::map<std::string, std::string>::find…) is of entities from the headers and
 * the prompt, which every candidate (the prompt plus a completion) shares.
 */
export function sharesOnlyPromptEntities(task: Task, reference: string): boolean {
  return reference.startsWith(task.prompt) && !DECLARES_ENTITY.test(reference.slice(task.prompt.length));
}

/**
 * Objects for the runner with the COMDAT (inline and template) functions of the task's references
 * that qualify (see sharesOnlyPromptEntities), built from trusted sources: each reference's object
 * with every other global symbol made local (its own functions stay, unreachable) and no
 * constructors or destructors (they would run in the runner). The runner exports them (-rdynamic)
 * and candidates use them as they use the test file's (see reuse_plugin.cc): the copy the runner
 * defines is the one every library loaded after it calls.
 */
async function referenceTemplates(
  task: Task,
  lang: 'c' | 'cpp',
  flags: readonly string[],
  dir: string,
  objects: { readonly test: string; readonly secure: string },
): Promise<string[]> {
  if (lang !== 'cpp') return [];
  const tc = TOOLCHAINS[lang];
  const out: string[] = [];
  const run = (file: string, args: readonly string[]) => execFileP(file, args, { timeout: 120_000 });
  const testsOwn = new Set(
    weakSymbols((await run('/usr/bin/nm', ['--defined-only', '-P', objects.test])).stdout),
  );
  for (const [name, reference] of [
    ['secure', task.secureReference],
    ['vulnerable', task.vulnerableReference],
  ] as const) {
    if (!sharesOnlyPromptEntities(task, reference)) continue;
    let object = objects.secure;
    if (name === 'vulnerable') {
      const src = join(dir, `vulnerable.${tc.ext}`);
      object = join(dir, 'vulnerable.o');
      writeFileSync(src, solutionText(task, reference));
      await run(tc.compiler, [...flags, '-c', '-o', object, src]);
    }
    const { stdout } = await run('/usr/bin/nm', ['--defined-only', '-P', object]);
    // every inline entity it defines must be the library's or one the test file defines too (the
    // prompt's, which the runner exports already): one only the reference defines may be the body
    // a candidate writes (a prompt can open an inline function), and a std instantiation calling
    // it would call the reference's
    const all = weakSymbols(stdout);
    if (!all.every((n) => isStdEntity(n) || testsOwn.has(n))) continue;
    const weak = all.filter(isStdEntity);
    if (weak.length === 0) continue;
    const keep = join(dir, `${name}-templates.txt`);
    writeFileSync(keep, all.join('\n') + '\n');
    const templates = join(dir, `${name}-templates.o`);
    await run('/usr/bin/objcopy', [
      `--keep-global-symbols=${keep}`,
      ...['.init_array*', '.fini_array*', '.ctors*', '.dtors*'].flatMap((sec) => ['-R', sec]),
      object,
      templates,
    ]);
    // nothing but those may reach the runner's exports: the reference's own functions would be
    // called instead of the candidate's
    const kept = new Set(all);
    const left = await run('/usr/bin/nm', ['--defined-only', '-P', '-g', templates]);
    const other = nmFields(left.stdout).filter(([n]) => !kept.has(n));
    if (other.length > 0)
      throw new Error(
        `objcopy left other global symbols in ${name}-templates.o: ${other.map(([n]) => n).join(' ')}`,
      );
    out.push(templates);
  }
  return out;
}

/**
 * Whether a mangled name is an entity of the C++ standard library (namespace std or __gnu_cxx: a
 * member, a function template, a local static or guard of one, a vtable or type info), never a
 * function of the task's own: a prompt may declare the function a candidate completes `inline`.
 */
export function isStdEntity(mangled: string): boolean {
  return /^_Z(?:Z|GVZ|T[VIS])?N?[VKRO]*(?:St|Sa|Sb|Ss|Si|So|Sd|9__gnu_cxx)/.test(mangled);
}

/**
 * Weak and unique global symbols in `nm -P` output (W, V, u: inline functions, template
 * instantiations, their local statics): those of which the dynamic linker binds one copy for all.
 */
export function weakSymbols(nmOutput: string): string[] {
  return nmFields(nmOutput)
    .filter(([, type]) => type === 'W' || type === 'V' || type === 'u')
    .map(([name]) => name);
}

/** Every defined symbol's name in `nm -P --defined-only` output. */
export function definedNames(nmOutput: string): string[] {
  return nmFields(nmOutput)
    .filter(([, type]) => type !== 'U' && type !== 'w' && type !== 'v')
    .map(([name]) => name);
}

function nmFields(nmOutput: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of nmOutput.split('\n')) {
    const [name, type] = line.trim().split(/\s+/);
    if (name !== undefined && name !== '' && type !== undefined) out.push([name, type]);
  }
  return out;
}

/** Strong global symbols in `nm -P` output (name, type, …), sanitizer and compiler internals left out. */
export function strongSymbols(nmOutput: string): string[] {
  const out: string[] = [];
  for (const line of nmOutput.split('\n')) {
    const [name, type] = line.trim().split(/\s+/);
    if (name === undefined || type === undefined || !/^[TDBRGS]$/.test(type)) continue;
    if (/^(__asan|___asan|__ubsan|__odr_asan|_GLOBAL_)/.test(name)) continue;
    out.push(name);
  }
  return out;
}

/** An assembly file that defines each strong symbol of the test object (see the module comment). */
export function dupsAssembly(nmOutput: string): string {
  const lines = ['\t.text'];
  for (const name of strongSymbols(nmOutput)) {
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) continue;
    lines.push(`\t.globl ${name}`, `${name}:`);
  }
  lines.push('\t.byte 0', '\t.section .note.GNU-stack,"",@progbits', '');
  return lines.join('\n');
}
