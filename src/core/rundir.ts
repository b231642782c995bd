import {
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  openSync,
  readSync,
  closeSync,
  truncateSync,
  readdirSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RunDirError } from './errors.js';
import { canonicalJson, contentHash } from './hash.js';
import { writeJsonAtomic } from './fsx.js';
import { JsonlWriter, readJsonl } from './jsonl.js';

/**
 * A run directory `runs/<id>/` holds everything a long job produces:
 *   config.json    the resolved configuration (frozen at creation; a resume must match it)
 *   progress.json  the progress record, rewritten atomically
 *   <name>.jsonl   append-only record streams (verdicts, trees, metrics, …)
 *   anything else the job writes through `file()` (checkpoints, reports)
 * A job that crashes is resumed by opening the same directory: streams are read back, a torn last
 * line is cut off, and the job skips the keys it already finished.
 */
export interface ProgressRecord {
  readonly state: 'running' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly updatedAt: string;
  /** job-specific resume state (current step, iteration, …) */
  readonly extra?: Record<string, unknown>;
  readonly error?: string;
}

export interface RunMeta {
  readonly id: string;
  readonly kind: string;
  readonly createdAt: string;
  readonly configHash: string;
  readonly secplayVersion: string;
}

export interface OpenRunOptions {
  /** the directory that holds runs (default `runs`) */
  readonly root?: string;
  /** run id; default: `<kind>-<UTC timestamp>-<random>` */
  readonly id?: string;
  /** the job kind, e.g. `suite-check`, `train` */
  readonly kind: string;
  /** the resolved config; stored as config.json */
  readonly config: unknown;
  /** allow opening an existing run with the same config (resume); default true */
  readonly resume?: boolean;
}

const VERSION = '0.1.0';

export class RunDir {
  private writers = new Map<string, JsonlWriter>();

  private constructor(
    readonly path: string,
    readonly meta: RunMeta,
    readonly resumed: boolean,
  ) {}

  /** Create a new run, or resume the existing one with the same id (its config must be identical). */
  static open(opts: OpenRunOptions): RunDir {
    const root = resolve(opts.root ?? 'runs');
    const id = opts.id ?? newRunId(opts.kind);
    if (!/^[A-Za-z0-9._-]+$/.test(id)) {
      throw new RunDirError(`invalid run id '${id}'`, {
        hint: 'use letters, digits, dot, dash and underscore only',
      });
    }
    const path = join(root, id);
    const hash = contentHash(opts.config);
    const metaPath = join(path, 'run.json');
    if (existsSync(metaPath)) {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta;
      if (opts.resume === false) {
        throw new RunDirError(`run directory ${path} already exists`, {
          hint: 'choose another --run-id, or pass --resume to continue it',
        });
      }
      if (meta.kind !== opts.kind) {
        throw new RunDirError(`run ${id} is a '${meta.kind}' run, not '${opts.kind}'`, { file: metaPath });
      }
      if (meta.configHash !== hash) {
        const diff = describeConfigDiff(
          JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')),
          opts.config,
        );
        throw new RunDirError(`cannot resume run ${id}: its configuration differs (${diff})`, {
          file: join(path, 'config.json'),
          hint: 'resume with the same options, or start a new run with another --run-id',
        });
      }
      const run = new RunDir(path, meta, true);
      return run;
    }
    mkdirSync(path, { recursive: true });
    const meta: RunMeta = {
      id,
      kind: opts.kind,
      createdAt: new Date().toISOString(),
      configHash: hash,
      secplayVersion: VERSION,
    };
    writeJsonAtomic(join(path, 'config.json'), opts.config);
    writeJsonAtomic(metaPath, meta);
    const run = new RunDir(path, meta, false);
    run.setProgress({ state: 'running', done: 0, total: 0 });
    return run;
  }

  /** Open an existing run directory by path (read-only use: reports, inspection). */
  static load(path: string): RunDir {
    const metaPath = join(path, 'run.json');
    if (!existsSync(metaPath))
      throw new RunDirError(`not a run directory: ${path}`, {
        file: metaPath,
        hint: 'pass a directory under runs/ created by a secplay job',
      });
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta;
    return new RunDir(resolve(path), meta, true);
  }

  get id(): string {
    return this.meta.id;
  }

  config<T>(): T {
    return JSON.parse(readFileSync(join(this.path, 'config.json'), 'utf8')) as T;
  }

  /** path of a file inside the run directory (subdirectories are created) */
  file(name: string): string {
    const p = join(this.path, name);
    mkdirSync(join(p, '..'), { recursive: true });
    return p;
  }

  progress(): ProgressRecord | undefined {
    const p = join(this.path, 'progress.json');
    if (!existsSync(p)) return undefined;
    return JSON.parse(readFileSync(p, 'utf8')) as ProgressRecord;
  }

  setProgress(rec: Omit<ProgressRecord, 'updatedAt'>): void {
    for (const w of this.writers.values()) w.sync(); // streams are durable before progress says so
    writeJsonAtomic(join(this.path, 'progress.json'), { ...rec, updatedAt: new Date().toISOString() });
  }

  /** Append-only stream `<name>.jsonl`; on first use after a crash a torn last line is cut off. */
  stream(name: string): JsonlWriter {
    let w = this.writers.get(name);
    if (w === undefined) {
      const p = this.streamPath(name);
      cutTornTail(p);
      w = new JsonlWriter(p);
      this.writers.set(name, w);
    }
    return w;
  }

  /** Read back a stream's records (an unfinished last line is ignored). */
  async *read<T = unknown>(name: string): AsyncGenerator<T> {
    const p = this.streamPath(name);
    if (!existsSync(p)) return;
    this.writers.get(name)?.sync();
    for await (const rec of readJsonl(p)) {
      if (rec.ok) yield rec.value as T;
      else if (!isLastLine(p, rec.line))
        throw new RunDirError(`corrupt record in ${p}: ${rec.error.message}`, { file: p, line: rec.line });
    }
  }

  /** Keys of records already in a stream, for skipping finished work on resume. */
  async keys(name: string, key: (record: unknown) => string): Promise<Set<string>> {
    const out = new Set<string>();
    for await (const r of this.read(name)) out.add(key(r));
    return out;
  }

  streams(): string[] {
    return readdirSync(this.path)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length));
  }

  close(): void {
    for (const w of this.writers.values()) w.close();
    this.writers.clear();
  }

  private streamPath(name: string): string {
    if (!/^[A-Za-z0-9._/-]+$/.test(name) || name.includes('..'))
      throw new RunDirError(`invalid stream name '${name}'`);
    return this.file(`${name}.jsonl`);
  }
}

export function newRunId(kind: string): string {
  const ts = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}-${ts}-${randomBytes(3).toString('hex')}`;
}

/** If a file does not end in a newline, a crash tore its last line: cut it off. */
function cutTornTail(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.alloc(Math.min(size, 1 << 20));
    let pos = size;
    // scan backwards for the last newline
    while (pos > 0) {
      const len = Math.min(probe.length, pos);
      readSync(fd, probe, 0, len, pos - len);
      if (pos === size && probe[len - 1] === 0x0a) return;
      const idx = probe.subarray(0, len).lastIndexOf(0x0a);
      if (idx !== -1) {
        closeSync(fd);
        truncateSync(path, pos - len + idx + 1);
        return;
      }
      pos -= len;
    }
    closeSync(fd);
    truncateSync(path, 0);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    throw e;
  }
}

function isLastLine(path: string, line: number): boolean {
  const text = readFileSync(path);
  let count = 0;
  for (const b of text) if (b === 0x0a) count++;
  const endsWithNl = text.length > 0 && text[text.length - 1] === 0x0a;
  return line === (endsWithNl ? count : count + 1);
}

function describeConfigDiff(before: unknown, after: unknown): string {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const diffs = keys.filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k] ?? '∅'} → ${b[k] ?? '∅'}`);
  return diffs.slice(0, 5).join('; ') + (diffs.length > 5 ? `; … ${diffs.length - 5} more` : '');
}

function flatten(v: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix === '' ? k : `${prefix}.${k}`, out);
  } else {
    out[prefix] = canonicalJson(v);
  }
  return out;
}
