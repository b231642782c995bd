import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { EnvironmentError, InternalError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { logger } from '../../core/log.js';

/**
 * The only module that touches the fused decoding step (step.c, an N-API addon built here with
 * the machine's C compiler): one call per decoding step instead of ~150 onnxruntime kernels.
 * bench:engine measures it against the onnxruntime step graph on the same buffers.
 *
 * The addon is compiled on first use (about a second) into `build/native/` of the package, under
 * a name keyed by the source, the flags, the compiler's version and the instruction set that
 * `-march=native` resolves to here, so an edit, a new compiler or another CPU (a shared build
 * directory) builds it again; an atomic rename lets concurrent processes build it at once.
 */
const log = logger('engine');

/** The model dimensions the kernel needs (the parameters come in gptLayout order). */
export interface NativeDims {
  readonly vocab: number;
  readonly context: number;
  readonly dModel: number;
  readonly layers: number;
  readonly heads: number;
  readonly hidden: number;
  readonly tied: boolean;
  /** threads a step splits its rows between (the caller's and threads − 1 workers), 1 to 16 */
  readonly threads: number;
}

/** A step's shape: rows, private slots, and for grouped attention the groups and prefix slots. */
export interface NativeShape {
  readonly rows: number;
  readonly slots: number;
  readonly prefixSlots: number;
  readonly groups: number;
}

/** The buffers one bound step reads and writes (the layouts of buildStepGraph's inputs/outputs). */
export interface NativeBuffers {
  readonly ids: BigInt64Array; // (B)
  readonly positions: BigInt64Array; // (B)
  readonly mask: Float32Array; // (B,1,1,Pg+P+1)
  readonly pastK: readonly Float32Array[]; // per layer (B,H,P,D)
  readonly pastV: readonly Float32Array[];
  readonly prefixK: readonly Float32Array[] | null; // per layer (G,H,D,Pg)
  readonly prefixV: readonly Float32Array[] | null; // per layer (G,H,Pg,D)
  readonly scores: Float32Array; // (B,2V)
  readonly kv: Float32Array; // (B,H,2L,D)
}

declare const handle: unique symbol;
type Handle<T extends string> = { readonly [handle]: T };

interface Addon {
  create(dims: Record<string, number>, eps: number, params: readonly Float32Array[]): Handle<'model'>;
  bind(
    model: Handle<'model'>,
    shape: NativeShape,
    ids: BigInt64Array,
    positions: BigInt64Array,
    mask: Float32Array,
    pastK: readonly Float32Array[],
    pastV: readonly Float32Array[],
    prefixK: readonly Float32Array[] | null,
    prefixV: readonly Float32Array[] | null,
    scores: Float32Array,
    kv: Float32Array,
  ): Handle<'step'>;
  run(step: Handle<'step'>): void;
  release(model: Handle<'model'>): void;
  features(): { vectorWidth: number; panelWidth: number };
}

/** A model's weights packed for the kernel (a copy: later changes to the parameters do not reach it). */
export class NativeModel {
  /** @internal */
  constructor(
    private readonly addon: Addon,
    private readonly model: Handle<'model'>,
  ) {}

  /** Bind a step's buffers once (sizes checked here); each call of the result runs one step in place. */
  bind(shape: NativeShape, b: NativeBuffers): () => void {
    const step = this.addon.bind(
      this.model,
      shape,
      b.ids,
      b.positions,
      b.mask,
      b.pastK,
      b.pastV,
      b.prefixK,
      b.prefixV,
      b.scores,
      b.kv,
    );
    return () => this.addon.run(step);
  }

  /** Free the packed weights and the worker thread now (garbage collection would, later). */
  release(): void {
    this.addon.release(this.model);
  }
}

export class NativeStep {
  /** @internal */
  constructor(private readonly addon: Addon) {}

  /** the vector width (floats) and weight panel width this build was compiled for */
  get features(): { vectorWidth: number; panelWidth: number } {
    return this.addon.features();
  }

  /** Pack a model: `params` are the parameter tensors in gptLayout order (wte, wpe, per layer 12, ln_f, head). */
  model(dims: NativeDims, eps: number, params: readonly Float32Array[]): NativeModel {
    if (!Number.isInteger(dims.threads) || dims.threads < 1 || dims.threads > MAX_THREADS)
      throw new InternalError(`the native step runs on 1 to ${MAX_THREADS} threads, got ${dims.threads}`);
    const m = this.addon.create({ ...dims, tied: dims.tied ? 1 : 0 }, eps, params);
    return new NativeModel(this.addon, m);
  }
}

/** the most threads one step is split between (step.c's MAX_THREADS) */
export const MAX_THREADS = 16;

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, 'step.c');
const FLAGS = ['-O3', '-march=native', '-std=gnu11', '-shared', '-fPIC', '-Wall', '-Wextra'];
const COMPILER = process.env['CC'] ?? 'cc';

/** build/native/ at the package root (src/engine/native → ../../..) */
function buildDir(): string {
  return join(here, '..', '..', '..', 'build', 'native');
}

/** Where node's headers are: npm's nodedir, else beside the node binary (…/include/node). */
function nodeInclude(): string {
  const candidates = [
    process.env['npm_config_nodedir'],
    join(dirname(dirname(process.execPath)), 'include', 'node'),
  ].flatMap((d) => (d === undefined ? [] : [d, join(d, 'include', 'node')]));
  const found = candidates.find((d) => existsSync(join(d, 'node_api.h')));
  if (found === undefined)
    throw new EnvironmentError(`node's C headers (node_api.h) were not found in ${candidates.join(', ')}`, {
      hint: 'install the Node.js headers (Debian: libnode-dev, or the official Node.js tarball)',
    });
  return found;
}

/** Compile step.c unless a build of this source, these flags and this compiler exists; its path. */
export function buildNativeStep(): string {
  let version: string;
  try {
    version = execFileSync(COMPILER, ['--version'], { encoding: 'utf8' });
  } catch (cause) {
    throw new EnvironmentError(`no C compiler: '${COMPILER} --version' failed`, {
      cause,
      hint: 'install gcc (scripts/setup.sh does), or set CC',
    });
  }
  // what -march=native means on this CPU (a build for another CPU may use instructions this one lacks)
  let target = '';
  try {
    target = execFileSync(COMPILER, ['-march=native', '-Q', '--help=target'], { encoding: 'utf8' });
  } catch {
    // not gcc-compatible: the version alone keys the build
  }
  const source = readFileSync(SOURCE);
  const key = sha256(`${sha256(source)}\n${FLAGS.join(' ')}\n${version}\n${target}`).slice(0, 16);
  const dir = buildDir();
  const out = join(dir, `step-${key}.node`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.${threadId}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    // macOS resolves N-API's symbols from the node binary at load time
    const link = process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : [];
    execFileSync(COMPILER, [...FLAGS, '-I', nodeInclude(), SOURCE, '-o', tmp, ...link, '-lm', '-lpthread'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    renameSync(tmp, out);
    // builds of older sources or other compilers are not used again (a process that loaded one
    // keeps its mapping)
    for (const f of readdirSync(dir))
      if (/^step-[0-9a-f]{16}\.node$/.test(f) && join(dir, f) !== out) rmSync(join(dir, f), { force: true });
  } catch (cause) {
    rmSync(tmp, { force: true });
    if (cause instanceof EnvironmentError) throw cause;
    const stderr = (cause as { stderr?: Buffer }).stderr?.toString() ?? String(cause);
    throw new EnvironmentError(`compiling the native decoding step failed: ${stderr.slice(0, 2000)}`, {
      cause,
      file: SOURCE,
      hint: 'use the onnxruntime step instead (stepKernel: "onnx"), or fix the compiler set-up',
    });
  }
  log.debug(`built the native decoding step: ${out}`);
  return out;
}

let loaded: { step: NativeStep } | { error: EnvironmentError } | undefined;

/** The native step (built on first use), or the reason it is unavailable. */
export function nativeStep(): { step: NativeStep } | { error: EnvironmentError } {
  if (loaded !== undefined) return loaded;
  try {
    const path = buildNativeStep();
    const addon = createRequire(import.meta.url)(path) as Addon;
    loaded = { step: new NativeStep(addon) };
  } catch (cause) {
    loaded = {
      error:
        cause instanceof EnvironmentError
          ? cause
          : new EnvironmentError(`cannot load the native decoding step: ${String(cause)}`, { cause }),
    };
  }
  return loaded;
}
