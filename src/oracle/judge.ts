import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxUnavailableError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { logger } from '../core/log.js';
import type { TestOutcome, Verdict, VerdictProblem } from '../core/records.js';
import type { Task } from '../suite/task.js';
import { cacheRoot, VerdictCache } from './cache.js';
import {
  ARTIFACTS_INSIDE,
  DEFAULT_HARNESS_OPTIONS,
  LANG_INSIDE,
  type Candidate,
  type HarnessContext,
  type HarnessOptions,
  type HarnessOutcome,
  type Problem,
  type WorkerKind,
} from './harness/harness.js';
import { makeReadable, markUsed } from './harness/artifacts.js';
import { HARNESSES, WORKER_SPECS } from './harness/registry.js';
import { SandboxWorker } from './harness/worker.js';
import { checkCandidate, DEFAULT_MAX_SOURCE_BYTES } from './input.js';
import {
  closeStatic,
  DEFAULT_STATIC,
  registryStaticCheck,
  staticAvailability,
  staticKey,
  type StaticCheck,
  type StaticConfig,
  type StaticResult,
} from './static-check.js';
import { BwrapSandbox, checkSandboxAvailable } from './sandbox/bwrap.js';
import { Pool } from './sandbox/pool.js';
import type { Bind } from './sandbox/sandbox.js';

/**
 * The oracle's dynamic half plus the static seam: task + candidate → Verdict (DESIGN.md §3–4).
 * Never throws on bad code: empty, binary, oversized, non-compiling, crashing, hanging or flooding
 * candidates all become verdicts with problems. Throws only when the machine cannot sandbox
 * (SandboxUnavailableError) — it never runs untrusted code unsandboxed.
 *
 * Throughput: a pool of slots (one sandbox uid each, default one per core), each with long-lived
 * judging workers (many candidates per sandbox start); a content-hash verdict cache on disk.
 */

export type { StaticCheck, StaticResult } from './static-check.js';

export interface JudgeOptions {
  /** parallel slots (sandbox uids); default: two per core */
  readonly workers?: number;
  readonly harness?: Partial<HarnessOptions>;
  /** verdict cache: false = off; a string = its directory; default: <cache root>/verdicts */
  readonly cache?: boolean | string;
  readonly maxSourceBytes?: number;
  /** static analysis: which registered analyzers, which severity threshold (default: all, medium) */
  readonly static?: StaticConfig;
  /** replaces the registry-backed static check (tests) */
  readonly staticCheck?: StaticCheck;
}

const LANG_DIR = fileURLToPath(new URL('../lang', import.meta.url));
/** the static analyzers' code and rules: a change to a rule or a mapping invalidates cached verdicts */
const STATIC_DIR = fileURLToPath(new URL('./static', import.meta.url));
/**
 * the code that turns a candidate into per-test outcomes (harnesses, runner builds, the sandbox):
 * a change to it invalidates cached verdicts as a change to the in-sandbox worker does
 */
const HARNESS_DIRS = ['./harness', './sandbox'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
/**
 * Slots per core: a verdict is not pure CPU (process starts, pipes, the compiler's I/O), so two
 * slots per core keep the cores busy (measured on 2 cores: 7–10 → 12 verdicts/s).
 */
export const DEFAULT_WORKERS_PER_CORE = 2;

/**
 * Bump when verdict semantics change in ways the harness file hash does not capture
 * (3: analyzers.incomplete and analyzers.notes).
 */
const ORACLE_SCHEMA = 3;

interface Slot {
  readonly sandbox: BwrapSandbox;
  readonly workers: Map<WorkerKind, SandboxWorker>;
}

export class Judge {
  readonly oracleVersion: string;
  readonly cache: VerdictCache | undefined;
  private readonly pool: Pool<Slot>;
  private readonly options: HarnessOptions;
  private readonly binds: Bind[];
  private readonly artifactsDir: string;
  private readonly maxSourceBytes: number;
  private readonly staticCheck: StaticCheck;
  private readonly staticKey: string;
  /** which of the requested analyzers are unavailable here: part of the cache key */
  private readonly availability: () => Promise<string>;

  constructor(opts: JudgeOptions = {}) {
    checkSandboxAvailable();
    this.options = { ...DEFAULT_HARNESS_OPTIONS, ...(opts.harness ?? {}) };
    this.maxSourceBytes = opts.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
    const staticCfg = opts.static ?? DEFAULT_STATIC;
    this.staticCheck = opts.staticCheck ?? registryStaticCheck(staticCfg);
    this.staticKey =
      opts.staticCheck === undefined
        ? `${staticKey(staticCfg)}#${staticCfg.analyzers.length === 0 ? '' : hashTree(STATIC_DIR, true).slice(0, 16)}`
        : 'custom';
    let avail: Promise<string> | undefined;
    this.availability = () =>
      (avail ??= opts.staticCheck === undefined ? staticAvailability(staticCfg) : Promise.resolve(''));
    const langHash = hashTree(LANG_DIR);
    // the limits are part of the verdict: a test that timed out at 2 CPU s may pass at 5
    const harnessHash = sha256(
      [...HARNESS_DIRS.map((d) => hashTree(d, true)), JSON.stringify(canonicalOptions(this.options))].join(
        '\n',
      ),
    );
    this.oracleVersion = `${ORACLE_SCHEMA}-${langHash.slice(0, 16)}-${harnessHash.slice(0, 16)}`;
    const root = cacheRoot();
    // the harness files are copied next to the artifacts: the sandbox uid must be able to reach
    // them, which a checkout under a private home directory would not allow
    const langCopy = join(root, 'lang', langHash.slice(0, 16));
    if (!existsSync(join(langCopy, '.complete'))) {
      mkdirSync(langCopy, { recursive: true, mode: 0o755 });
      cpSync(LANG_DIR, langCopy, { recursive: true });
      makeReadable(langCopy);
      writeFileSync(join(langCopy, '.complete'), `${langHash}\n`);
    } else markUsed(join(langCopy, '.complete'));
    this.artifactsDir = join(root, 'artifacts');
    mkdirSync(this.artifactsDir, { recursive: true, mode: 0o755 });
    assertReachable(langCopy);
    assertReachable(this.artifactsDir);
    this.binds = [
      { host: langCopy, inside: LANG_INSIDE },
      { host: this.artifactsDir, inside: ARTIFACTS_INSIDE },
    ];
    this.cache =
      opts.cache === false
        ? undefined
        : new VerdictCache(typeof opts.cache === 'string' ? opts.cache : join(root, 'verdicts'));
    this.pool = new Pool<Slot>(
      opts.workers ?? DEFAULT_WORKERS_PER_CORE * Pool.defaultSize(),
      () => ({ sandbox: new BwrapSandbox(), workers: new Map() }),
      async (s) => {
        await Promise.all([...s.workers.values()].map((w) => w.stop()));
        await s.sandbox.close();
      },
    );
  }

  /** Judge one candidate (the model's whole file) for one task. */
  async judge(task: Task, source: string | Uint8Array): Promise<Verdict> {
    const [v] = await this.judgeMany([{ task, source }]);
    return v as Verdict;
  }

  /** Judge many candidates; batches per language, in parallel over the pool. Order is kept. */
  async judgeMany(
    items: readonly { readonly task: Task; readonly source: string | Uint8Array }[],
  ): Promise<Verdict[]> {
    const out: (Verdict | undefined)[] = new Array<Verdict | undefined>(items.length).fill(undefined);
    const version = `${this.oracleVersion}/${this.staticKey}${await this.availability()}`;
    const pending: {
      index: number;
      candidate: Candidate;
      hash: string;
      key: string | undefined;
      t0: number;
    }[] = [];
    items.forEach((it, index) => {
      const t0 = performance.now();
      const hash = sha256(typeof it.source === 'string' ? it.source : Buffer.from(it.source));
      const checked = checkCandidate(it.source, this.maxSourceBytes);
      if (!checked.ok) {
        out[index] = rejectedVerdict(it.task, hash, checked.kind, checked.detail, performance.now() - t0);
        return;
      }
      const key = this.cache?.key(it.task, hash, version);
      const hit = key === undefined ? undefined : this.cache?.get(key);
      if (hit !== undefined) {
        out[index] = { ...hit, timings: { ...hit.timings, cached: 1 } };
        return;
      }
      pending.push({ index, candidate: { task: it.task, source: checked.source }, hash, key, t0 });
    });
    // group by language, cut into batches
    const groups = new Map<string, typeof pending>();
    for (const p of pending) {
      const g = groups.get(p.candidate.task.language) ?? [];
      g.push(p);
      groups.set(p.candidate.task.language, g);
    }
    const jobs: Promise<void>[] = [];
    for (const [lang, group] of groups) {
      const harness = HARNESSES[lang as Task['language']];
      if (harness === undefined) {
        for (const p of group)
          out[p.index] = rejectedVerdict(
            p.candidate.task,
            p.hash,
            'harness_error',
            `no harness for language '${lang}'`,
            0,
          );
        continue;
      }
      for (let i = 0; i < group.length; i += harness.batchSize) {
        const batch = group.slice(i, i + harness.batchSize);
        jobs.push(
          (async () => {
            const [outcomes, statics] = await Promise.all([
              this.pool.use(async (slot) => {
                const oom0 = slot.sandbox.oomKills();
                const outs = await harness.judge(
                  this.context(slot),
                  batch.map((b) => b.candidate),
                );
                return slot.sandbox.oomKills() > oom0 ? outs.map(markOom) : outs;
              }),
              this.runStatic(batch.map((b) => b.candidate)),
            ]);
            batch.forEach((b, j) => {
              const o = outcomes[j];
              const s = statics[j];
              if (o === undefined || s === undefined) return;
              const v = assemble(b.candidate.task, b.hash, o, s, performance.now() - b.t0);
              out[b.index] = v;
              if (b.key !== undefined && whole(o, s)) this.cache?.put(b.key, v);
            });
          })(),
        );
      }
    }
    await Promise.all(jobs);
    return out.map(
      (v, i) =>
        v ??
        rejectedVerdict((items[i] as { task: Task }).task, '', 'harness_error', 'no verdict was produced', 0),
    );
  }

  /** The static half of a batch; a failure of the check itself marks every candidate incomplete. */
  private async runStatic(cs: readonly Candidate[]): Promise<StaticResult[]> {
    const failed = (why: string): StaticResult[] => {
      logger('judge').once('static-failed', 'warn', `static analysis failed: ${why}`);
      return cs.map(() => ({
        findings: [],
        ran: [],
        missing: [],
        incomplete: ['static'],
        notes: [{ analyzer: 'static', message: `static analysis failed: ${why}`, failed: true as const }],
        ms: 0,
      }));
    };
    try {
      const rs = await this.staticCheck(cs.map((c) => ({ task: c.task, source: c.source })));
      return rs.length === cs.length ? rs : failed(`${rs.length} results for ${cs.length} candidates`);
    } catch (e) {
      return failed(e instanceof Error ? e.message : String(e));
    }
  }

  private context(slot: Slot): HarnessContext {
    return {
      options: this.options,
      artifactsDir: this.artifactsDir,
      worker: (kind) => {
        let w = slot.workers.get(kind);
        if (w === undefined) {
          w = new SandboxWorker(slot.sandbox, WORKER_SPECS[kind](this.binds));
          slot.workers.set(kind, w);
        }
        return w;
      },
    };
  }

  /** CPU time of everything the sandboxes have run so far (ms), where cgroup accounting exists. */
  sandboxCpuMs(): number | undefined {
    let total = 0;
    for (const s of this.pool.created()) {
      const ms = s.sandbox.cpuTimeMs();
      if (ms === undefined) return undefined;
      total += ms;
    }
    return total;
  }

  /** the read-only binds every judging worker gets (harness files, artifacts) */
  sandboxBinds(): readonly Bind[] {
    return this.binds;
  }

  /** parallel slots */
  get workers(): number {
    return this.pool.size;
  }

  async close(): Promise<void> {
    await this.pool.close();
    await closeStatic();
  }
}

/**
 * The slot's memory cgroup OOM-killed something during this job: a test that died by SIGKILL
 * (not at its wall limit) died of it.
 */
function markOom(o: HarnessOutcome): HarnessOutcome {
  const killed = o.tests.find((t) => t.status !== 'pass' && /SIGKILL|signal 9\b/.test(t.detail ?? ''));
  if (killed === undefined || o.problems.some((p) => p.kind === 'oom')) return o;
  return {
    ...o,
    problems: [...o.problems, { kind: 'oom', detail: `${killed.name}: killed by the memory limit` }],
  };
}

/** The verdict of a candidate that cannot be judged (bad input): nothing ran, every test skipped. */
export function rejectedVerdict(
  task: Task,
  hash: string,
  kind: VerdictProblem,
  detail: string,
  ms = 0,
): Verdict {
  return {
    taskId: task.id,
    candidateHash: hash,
    compiles: false,
    functional: false,
    secure: false,
    reward: 0,
    tests: task.tests.map((t) => ({ name: t.name, kind: t.kind, status: 'skipped', detail: kind })),
    findings: [],
    analyzers: { ran: [], missing: [], incomplete: [], notes: [] },
    problems: [{ kind, detail }],
    timings: { totalMs: ms },
  };
}

/**
 * Whether a judgement is the oracle's whole answer, worth caching: not when the harness broke, and
 * not when an analyzer failed on the candidate (a rerun may find what it missed). An unavailable
 * analyzer is part of the cache key instead (see staticAvailability).
 */
function whole(o: HarnessOutcome, s: StaticResult): boolean {
  return !o.problems.some((p) => p.kind === 'harness_error') && s.incomplete.length === 0;
}

function assemble(task: Task, hash: string, o: HarnessOutcome, s: StaticResult, totalMs: number): Verdict {
  const func = o.tests.filter((t) => t.kind === 'functional');
  const sec = o.tests.filter((t) => t.kind === 'security');
  const passed = (ts: readonly TestOutcome[]): boolean =>
    ts.length > 0 && ts.every((t) => t.status === 'pass');
  const functional = o.compiled && passed(func);
  const secure = o.compiled && passed(sec) && s.findings.length === 0;
  const problems: Problem[] = [...o.problems];
  return {
    taskId: task.id,
    candidateHash: hash,
    compiles: o.compiled,
    functional,
    secure,
    reward: functional && secure ? 1 : 0,
    tests: o.tests,
    findings: s.findings,
    analyzers: { ran: s.ran, missing: s.missing, incomplete: s.incomplete, notes: s.notes },
    problems,
    timings: { ...o.timings, staticMs: s.ms, totalMs },
  };
}

/**
 * sha256 over every file below `dir` (names and contents), for the oracle version. TypeScript
 * sources are skipped unless `withSources` (the harness assets are what the sandbox runs; the
 * static analyzers' rules and mappings are TypeScript).
 */
function hashTree(dir: string, withSources = false): string {
  const parts: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      if (statSync(p).isDirectory()) walk(p, r);
      else if (withSources ? !name.endsWith('.test.ts') : !name.endsWith('.ts'))
        parts.push(`${r}\u0000${sha256(readFileSync(p))}`);
    }
  };
  walk(dir, '');
  return sha256(parts.join('\n'));
}

/** The harness options with their keys in a fixed order (a cache key must not depend on spelling). */
function canonicalOptions(o: HarnessOptions): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The sandbox uid must be able to reach a bind source: every ancestor searchable by others. */
function assertReachable(path: string): void {
  let p = path;
  for (;;) {
    const mode = statSync(p).mode;
    if ((mode & 0o001) === 0) {
      throw new SandboxUnavailableError(
        `the sandbox cannot reach ${path}: ${p} is not searchable by other users`,
        {
          hint: 'set SECPLAY_CACHE_DIR to a directory under a world-searchable path (default /var/cache/secplay as root)',
          file: p,
        },
      );
    }
    const up = dirname(p);
    if (up === p) return;
    p = up;
  }
}
