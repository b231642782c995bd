/**
 * Sandbox and verdict throughput benchmark (issue 3): verdicts per second per language on all
 * cores with the verdict cache off, and the sandbox start overhead against a bare run.
 *
 *   npm run bench:sandbox                     table
 *   npm run bench:sandbox -- --json           JSON only
 *   npm run bench:sandbox -- --langs py,c --n 100 --workers 2
 *   npm run bench:sandbox -- --static         the whole verdict, static half included
 *
 * By default the static analyzers are off (they have their own benchmark, bench:static): this
 * measures the sandboxed dynamic half of the verdict, which the targets are for. `--static` judges
 * with every registered analyzer, as TSP's rollouts are judged; the CPU per verdict then includes
 * the analyzer processes this process started and reaped during the timed run (clang, gcc,
 * cppcheck, flawfinder; the in-process ones and the bandit worker count as this process), and is
 * also printed on its own.
 *
 * Besides wall-clock rates it reports the CPU time per verdict (sandboxed work from the slots'
 * cpuacct cgroups plus this process), and the rate that CPU cost allows on idle cores: on a
 * shared, loaded machine the wall-clock rate measures the neighbours as much as secplay.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLanguage, LANGUAGES, type Language } from '../src/core/records.js';
import { DEFAULT_WORKERS_PER_CORE, Judge } from '../src/oracle/judge.js';
import { DEFAULT_STATIC, NO_ANALYZERS } from '../src/oracle/static-check.js';
import { WORKER_SPECS } from '../src/oracle/harness/registry.js';
import { SandboxWorker } from '../src/oracle/harness/worker.js';
import { BwrapSandbox } from '../src/oracle/sandbox/bwrap.js';
import { canonicalTasks, loadFamilies } from '../src/suite/load.js';
import type { Task } from '../src/suite/task.js';

const TARGETS: Readonly<Record<Language, number>> = { py: 100, js: 100, c: 30, cpp: 30, go: 10 };
const DEFAULT_N: Readonly<Record<Language, number>> = { py: 300, js: 300, c: 120, cpp: 120, go: 64 };
const START_TARGET_MS = 15;
/**
 * A task is left out of the timed run only if its own tests are expensive by design (ReDoS probes
 * that give the vulnerable pattern a full second, a password-hash work factor): more than 5× the
 * median CPU per verdict AND more than this. Without the floor, a language whose typical verdict is
 * cheap (JS: ~7 ms) would shed ordinary tasks that spawn a process (~40 ms) and flatter its rate.
 */
const HEAVY_FLOOR_MS = 250;

interface Args {
  json: boolean;
  langs: Language[];
  n: number | undefined;
  workers: number;
  startRuns: number;
  /** judge with every registered analyzer too */
  static: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    json: false,
    langs: [...LANGUAGES],
    n: undefined,
    workers: DEFAULT_WORKERS_PER_CORE * availableParallelism(),
    startRuns: 40,
    static: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--langs') {
      const langs = next().split(',');
      const bad = langs.filter((l) => !isLanguage(l));
      if (bad.length > 0)
        throw new Error(`unknown language(s): ${bad.join(', ')} (choose from ${LANGUAGES.join(', ')})`);
      args.langs = langs.filter(isLanguage);
    } else if (a === '--n') args.n = positive(a, next());
    else if (a === '--workers') args.workers = positive(a, next());
    else if (a === '--start-runs') args.startRuns = positive(a, next());
    else if (a === '--static') args.static = true;
    else
      throw new Error(`unknown argument ${a} (use --json, --langs, --n, --workers, --start-runs, --static)`);
  }
  return args;
}

/** Per-candidate phases the harnesses time (not batch-level or setup timings). */
const PHASES = ['compileMs', 'linkMs', 'runMs'] as const;

function meanPhases(
  verdicts: readonly { timings: Readonly<Record<string, number>> }[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of PHASES) {
    const xs = verdicts.map((v) => v.timings[k]).filter((x): x is number => typeof x === 'number');
    if (xs.length > 0) out[k.replace(/Ms$/, '')] = xs.reduce((a, b) => a + b, 0) / xs.length;
  }
  return out;
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got '${v}'`);
  return n;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function bareRun(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c = spawn('/bin/true', [], { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
    c.on('error', reject);
    c.on('close', () => resolve(performance.now() - t0));
  });
}

interface MachineProbe {
  /** SHA-256 of 64 MiB in this process: plain compute speed */
  computeMs: number;
  /** first write to fresh anonymous memory, per 4 KiB page (256 MiB; a page fault plus zeroing) */
  firstTouchUsPerPage: number;
}

/**
 * What this machine charges for the work a verdict is made of, so that a slow machine can be told
 * from a slow secplay: compilers, forks and execs spend much of their time faulting memory in.
 * Seen here: 11-16 µs a page on a VM under a nested, shadow-paging hypervisor (kernel command line
 * with pvm_*), where every rate came out 3-4x below that of an ordinary 2-core VM.
 */
function machineProbe(): MachineProbe {
  const data = Buffer.alloc(64 * 1024 ** 2, 7);
  const t0 = performance.now();
  createHash('sha256').update(data).digest();
  const computeMs = performance.now() - t0;
  const bytes = 256 * 1024 ** 2;
  const t1 = performance.now();
  Buffer.allocUnsafeSlow(bytes).fill(1);
  const touchMs = performance.now() - t1;
  return { computeMs, firstTouchUsPerPage: (1000 * touchMs) / (bytes / 4096) };
}

interface StartResult {
  runs: number;
  /** CPU time of one sandboxed /bin/true (the whole chain: sh, setpriv, prlimit, bwrap, namespaces) */
  sandboxCpuMs: number | null;
  /** one no-op job through a warm judging worker: what each candidate pays instead of a start */
  workerJobWallMs: number;
  workerJobCpuMs: number | null;
  bareMedianMs: number;
  sandboxMedianMs: number;
  bareMeanMs: number;
  sandboxMeanMs: number;
  overheadMs: number;
  targetMs: number;
  meetsTarget: boolean;
}

async function startOverhead(runs: number): Promise<StartResult> {
  const sb = new BwrapSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'secplay-bench-'));
  try {
    const bare: number[] = [];
    const boxed: number[] = [];
    for (let i = 0; i < 3; i++) {
      await bareRun();
      await sb.run({ argv: ['/bin/true'], workDir: dir });
    }
    // interleaved, so both see the same machine load
    for (let i = 0; i < runs; i++) {
      bare.push(await bareRun());
      boxed.push((await sb.run({ argv: ['/bin/true'], workDir: dir })).wallMs);
    }
    const overheadMs = median(boxed) - median(bare);
    const c0 = sb.cpuTimeMs();
    for (let i = 0; i < runs; i++) await sb.run({ argv: ['/bin/true'], workDir: dir });
    const c1 = sb.cpuTimeMs();
    const sandboxCpuMs = c0 === undefined || c1 === undefined ? null : (c1 - c0) / runs;
    const job = await workerJobCost(runs);
    return {
      runs,
      sandboxCpuMs,
      workerJobWallMs: job.wallMs,
      workerJobCpuMs: job.cpuMs,
      bareMedianMs: median(bare),
      sandboxMedianMs: median(boxed),
      bareMeanMs: mean(bare),
      sandboxMeanMs: mean(boxed),
      overheadMs,
      targetMs: START_TARGET_MS,
      meetsTarget: overheadMs <= START_TARGET_MS,
    };
  } finally {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A no-op job (write one file, run /bin/true) through a warm sandboxed Python judging worker. */
async function workerJobCost(runs: number): Promise<{ wallMs: number; cpuMs: number | null }> {
  const judge = new Judge({ cache: false, workers: 1, static: NO_ANALYZERS });
  const sb = new BwrapSandbox();
  const worker = new SandboxWorker(sb, WORKER_SPECS.python(judge.sandboxBinds()));
  try {
    const job = { op: 'exec', files: { 'a.txt': 'x' }, steps: [{ argv: ['/bin/true'] }] };
    await worker.request(job, 60_000);
    const c0 = sb.cpuTimeMs();
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await worker.request(job, 60_000);
      walls.push(performance.now() - t0);
    }
    const c1 = sb.cpuTimeMs();
    return { wallMs: median(walls), cpuMs: c0 === undefined || c1 === undefined ? null : (c1 - c0) / runs };
  } finally {
    await worker.stop();
    await sb.close();
    await judge.close();
  }
}

/** Make each candidate distinct (a trailing comment) so no cache of any kind can help. */
function distinct(task: Task, source: string, i: number): string {
  return `${source}\n${task.language === 'py' ? '#' : '//'} bench candidate ${i}\n`;
}

interface TaskCost {
  task: string;
  cpuMs: number;
}

interface LangResult {
  language: Language;
  tasks: number;
  /** tasks whose own tests cost > max(5× the median CPU, HEAVY_FLOOR_MS) (left out of the timed run) */
  heavyTasks: TaskCost[];
  /** the tasks of the timed run */
  timedTasks: number;
  verdicts: number;
  wallS: number;
  /** wall-clock rate of the timed run on this machine, as loaded as it is */
  verdictsPerS: number;
  cpuMsPerVerdict: number | null;
  /** the rate that CPU cost allows on idle cores (all cores busy judging) */
  projectedVerdictsPerS: number | null;
  medianTaskCpuMs: number | null;
  /** mean CPU per verdict over every task, heavy ones included, and the rate it allows */
  suiteMixCpuMsPerVerdict: number | null;
  suiteMixProjectedVerdictsPerS: number | null;
  target: number;
  meetsTarget: boolean;
  meetsTargetProjected: boolean | null;
  /** secure references judged reward 1 and vulnerable ones reward 0 (a sanity check) */
  agreement: number;
  /** mean wall ms of each phase a harness reports (compile, link, run…), over the timed verdicts */
  phasesMs: Record<string, number>;
  /** --static: CPU ms per verdict of host child processes reaped in the timed run (the analyzers) */
  analyzerCpuMsPerVerdict: number | null;
}

/** CPU ms of this process's reaped children (utime + stime of the waited-for ones), from /proc. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // fields after the parenthesised command name; cutime and cstime are fields 16 and 17
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[13]) + Number(rest[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * CPU per verdict of each task alone (its secure and its vulnerable reference, one worker, after a
 * warm-up). Some tasks' own tests are expensive by design (a password-hashing work factor, ReDoS
 * probes that give the vulnerable pattern a full second): those are reported apart.
 */
async function taskCosts(tasks: readonly Task[]): Promise<TaskCost[] | null> {
  const judge = new Judge({ cache: false, workers: 1, static: NO_ANALYZERS });
  try {
    await judge.judgeMany(
      tasks.map((t, i) => ({ task: t, source: distinct(t, t.secureReference, -1000 - i) })),
    );
    const out: TaskCost[] = [];
    for (const [i, t] of tasks.entries()) {
      const k = t.language === 'go' ? 2 : 1;
      const c0 = judge.sandboxCpuMs();
      await judge.judgeMany(
        Array.from({ length: k }, (_, m) => [
          { task: t, source: distinct(t, t.secureReference, -2000 - 10 * i - m) },
          { task: t, source: distinct(t, t.vulnerableReference, -3000 - 10 * i - m) },
        ]).flat(),
      );
      const c1 = judge.sandboxCpuMs();
      if (c0 === undefined || c1 === undefined) return null;
      out.push({ task: t.id, cpuMs: (c1 - c0) / (2 * k) });
    }
    return out;
  } finally {
    await judge.close();
  }
}

async function throughput(
  lang: Language,
  all: readonly Task[],
  n: number,
  workers: number,
  withStatic: boolean,
): Promise<LangResult> {
  const costs = await taskCosts(all);
  const med = costs === null ? null : median(costs.map((c) => c.cpuMs));
  const heavy =
    costs === null || med === null
      ? []
      : costs.filter((c) => c.cpuMs > Math.max(5 * med, HEAVY_FLOOR_MS)).sort((a, b) => b.cpuMs - a.cpuMs);
  const heavyIds = new Set(heavy.map((h) => h.task));
  const tasks = all.filter((t) => !heavyIds.has(t.id));
  const mixCpu = costs === null ? null : mean(costs.map((c) => c.cpuMs));
  const cores = availableParallelism();
  const judge = new Judge({ cache: false, workers, static: withStatic ? DEFAULT_STATIC : NO_ANALYZERS });
  try {
    // warm-up (not timed): workers started, per-task artifacts built, Go's warm cache made
    await judge.judgeMany(tasks.map((t, i) => ({ task: t, source: distinct(t, t.secureReference, -1 - i) })));
    const items = Array.from({ length: n }, (_, i) => {
      const task = tasks[i % tasks.length] as Task;
      const secure = Math.floor(i / tasks.length) % 2 === 0;
      return {
        task,
        secure,
        source: distinct(task, secure ? task.secureReference : task.vulnerableReference, i),
      };
    });
    const cpu0 = judge.sandboxCpuMs();
    const own0 = process.cpuUsage();
    const children0 = childrenCpuMs();
    const t0 = performance.now();
    const verdicts = await judge.judgeMany(items);
    const wallS = (performance.now() - t0) / 1000;
    const cpu1 = judge.sandboxCpuMs();
    const own = process.cpuUsage(own0);
    const children1 = childrenCpuMs();
    const analyzerCpuMs = withStatic && children0 !== null && children1 !== null ? children1 - children0 : 0;
    const cpuMs =
      cpu0 === undefined || cpu1 === undefined
        ? null
        : cpu1 - cpu0 + (own.user + own.system) / 1000 + analyzerCpuMs;
    const agree = verdicts.filter(
      (v, i) => (v.reward === 1) === (items[i] as { secure: boolean }).secure,
    ).length;
    const cpuMsPerVerdict = cpuMs === null ? null : cpuMs / n;
    const projected = cpuMsPerVerdict === null ? null : (1000 * cores) / cpuMsPerVerdict;
    return {
      language: lang,
      tasks: all.length,
      heavyTasks: heavy,
      timedTasks: tasks.length,
      verdicts: n,
      wallS,
      verdictsPerS: n / wallS,
      cpuMsPerVerdict,
      projectedVerdictsPerS: projected,
      medianTaskCpuMs: med,
      suiteMixCpuMsPerVerdict: mixCpu,
      suiteMixProjectedVerdictsPerS: mixCpu === null ? null : (1000 * cores) / mixCpu,
      target: TARGETS[lang],
      meetsTarget: n / wallS >= TARGETS[lang],
      meetsTargetProjected: projected === null ? null : projected >= TARGETS[lang],
      agreement: agree / n,
      phasesMs: meanPhases(verdicts),
      analyzerCpuMsPerVerdict:
        withStatic && children0 !== null && children1 !== null ? analyzerCpuMs / n : null,
    };
  } finally {
    await judge.close();
  }
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string): void => {
    if (!args.json) process.stdout.write(`${s}\n`);
  };
  const load0 = loadavg();
  log(
    `secplay sandbox benchmark: ${availableParallelism()} cores, ${args.workers} workers, load average ${load0.map((x) => x.toFixed(2)).join(' ')}`,
  );
  const machine = machineProbe();
  log(
    `machine: SHA-256 of 64 MiB in ${machine.computeMs.toFixed(0)} ms, first touch of memory ${machine.firstTouchUsPerPage.toFixed(2)} µs per 4 KiB page (compilers, forks and execs pay it on every page they touch)`,
  );
  const start = await startOverhead(args.startRuns);
  log(
    `\nsandbox start (/bin/true, ${start.runs} runs, median): bare ${start.bareMedianMs.toFixed(1)} ms, sandboxed ${start.sandboxMedianMs.toFixed(1)} ms, overhead ${start.overheadMs.toFixed(1)} ms (target ≤ ${START_TARGET_MS} ms: ${start.meetsTarget ? 'met' : 'NOT met'})`,
  );
  log(
    `CPU per sandboxed start ${start.sandboxCpuMs === null ? 'n/a' : `${start.sandboxCpuMs.toFixed(1)} ms`}; what a candidate pays instead (one job through a warm sandboxed worker): ${start.workerJobWallMs.toFixed(1)} ms wall, ${start.workerJobCpuMs === null ? 'n/a' : `${start.workerJobCpuMs.toFixed(1)} ms`} CPU`,
  );
  const all = canonicalTasks(loadFamilies());
  const results: LangResult[] = [];
  for (const lang of args.langs) {
    const tasks = all.filter((t) => t.language === lang);
    if (tasks.length === 0) continue;
    const r = await throughput(lang, tasks, args.n ?? DEFAULT_N[lang], args.workers, args.static);
    results.push(r);
    log(`  ${lang}: ${r.verdictsPerS.toFixed(1)} verdicts/s`);
  }
  const load1 = loadavg();
  const cores = availableParallelism();
  log(
    args.static
      ? '\nwhole verdicts: static half ON (every registered analyzer); the targets are for the dynamic half'
      : '\ndynamic half only (static analyzers off; --static for the whole verdict)',
  );
  const rows = [
    [
      'lang',
      'tasks',
      'verdicts',
      'wall s',
      'verdicts/s',
      'target',
      'met',
      'CPU ms/verdict',
      `CPU-bound rate (${cores} idle cores)`,
      'met',
      'suite-mix CPU ms',
      'suite-mix rate',
      'agree',
    ],
    ...results.map((r) => [
      r.language,
      `${r.timedTasks}/${r.tasks}`,
      String(r.verdicts),
      r.wallS.toFixed(1),
      r.verdictsPerS.toFixed(1),
      `≥ ${r.target}`,
      r.meetsTarget ? 'yes' : 'NO',
      r.cpuMsPerVerdict === null ? 'n/a' : r.cpuMsPerVerdict.toFixed(1),
      r.projectedVerdictsPerS === null ? 'n/a' : r.projectedVerdictsPerS.toFixed(0),
      r.meetsTargetProjected === null ? 'n/a' : r.meetsTargetProjected ? 'yes' : 'NO',
      r.suiteMixCpuMsPerVerdict === null ? 'n/a' : r.suiteMixCpuMsPerVerdict.toFixed(1),
      r.suiteMixProjectedVerdictsPerS === null ? 'n/a' : r.suiteMixProjectedVerdictsPerS.toFixed(0),
      `${(100 * r.agreement).toFixed(0)}%`,
    ]),
  ];
  log(`\n${table(rows)}`);
  for (const r of results)
    if (Object.keys(r.phasesMs).length > 0)
      log(
        `${r.language} phases (mean wall ms per verdict, ${args.workers} workers on ${cores} cores): ${Object.entries(
          r.phasesMs,
        )
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
  for (const r of results)
    if (r.analyzerCpuMsPerVerdict !== null)
      log(
        `${r.language} static half: analyzer processes ${r.analyzerCpuMsPerVerdict.toFixed(1)} ms CPU per verdict (included in CPU ms/verdict)`,
      );
  for (const r of results)
    if (r.heavyTasks.length > 0)
      log(
        `heavy ${r.language} tasks (own tests > 5× the median CPU and > ${HEAVY_FLOOR_MS} ms; left out of the timed run, included in the suite mix): ${r.heavyTasks.map((h) => `${h.task} ${h.cpuMs.toFixed(0)} ms`).join(', ')}`,
      );
  log(
    `\nload average at the end: ${load1.map((x) => x.toFixed(2)).join(' ')} (wall-clock rates on a shared machine include its neighbours' load; the CPU-bound rate assumes the cores are idle)`,
  );
  const json = {
    cores: availableParallelism(),
    workers: args.workers,
    static: args.static,
    loadAverage: { start: load0, end: load1 },
    machine,
    start,
    throughput: results,
  };
  if (args.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else log(`\n${JSON.stringify(json)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:sandbox failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
