import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

/**
 * Run an analyzer binary once. The one place that spawns analyzer processes: it never throws (a
 * missing binary, a crash, a hang and an output flood are all values), kills the whole process group
 * on timeout, and caps how much output it keeps. Analyzers only read the files they are given;
 * nothing here executes analysed code.
 */
export interface RunOptions {
  readonly cwd?: string;
  readonly timeoutMs: number;
  /** bytes of stdout and of stderr kept each (default 32 MiB); the rest is dropped and flagged */
  readonly maxOutputBytes?: number;
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunResult {
  /** exit code, or null when killed by a signal or not started */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  /** set when the process could not be started (ENOENT, EACCES) */
  readonly spawnError?: string;
  readonly ms: number;
}

const DEFAULT_MAX_OUTPUT = 32 * 1024 * 1024;

/**
 * Analyzer processes running at once, process-wide. The judge starts the static check of every
 * candidate of a batch together, and a suite check starts them all: unbounded, that was 120+
 * clang/gcc/cppcheck processes on 2 cores (several GB, and tools killed at their timeouts under
 * the load, their findings lost). Runs beyond the limit wait their turn; a run's timeout counts
 * from its start, not from its place in the queue.
 */
const slots = pLimit(Math.max(1, availableParallelism()));
let peak = 0;

/** Set how many analyzer processes may run at once (default: the number of cores). */
export function setToolConcurrency(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`analyzer concurrency must be a positive integer, got ${n}`);
  slots.concurrency = n;
}

/** How many analyzer processes run now, wait for a slot, and the most that ever ran at once. */
export function toolLoad(): {
  readonly concurrency: number;
  readonly active: number;
  readonly pending: number;
  readonly peak: number;
} {
  return { concurrency: slots.concurrency, active: slots.activeCount, pending: slots.pendingCount, peak };
}

/** Forget the peak (tests). */
export function resetToolPeak(): void {
  peak = slots.activeCount;
}

export function runTool(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return slots(() => {
    peak = Math.max(peak, slots.activeCount);
    return runNow(cmd, args, opts);
  });
}

function runNow(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolvePromise) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    const finish = (r: Omit<RunResult, 'stdout' | 'stderr' | 'timedOut' | 'truncated' | 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({
        ...r,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
        ms: performance.now() - t0,
      });
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(cmd, args, {
        cwd: opts.cwd,
        env: { ...process.env, LC_ALL: 'C.UTF-8', ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true, // own process group, so a timeout kills the tool's children too
      });
    } catch (e) {
      resolvePromise({
        code: null,
        signal: null,
        stdout: '',
        stderr: '',
        timedOut: false,
        truncated: false,
        spawnError: e instanceof Error ? e.message : String(e),
        ms: performance.now() - t0,
      });
      return;
    }
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    // finish() (above) only runs from child events, which come after this line
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    const collect = (sink: Buffer[], which: 'out' | 'err') => (chunk: Buffer) => {
      const used = which === 'out' ? outBytes : errBytes;
      const room = max - used;
      if (room <= 0) {
        truncated = true;
        return;
      }
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (part.length < chunk.length) truncated = true;
      sink.push(part);
      if (which === 'out') outBytes += part.length;
      else errBytes += part.length;
    };
    child.stdout?.on('data', collect(out, 'out'));
    child.stderr?.on('data', collect(err, 'err'));
    child.on('error', (e) => finish({ code: null, signal: null, spawnError: e.message }));
    child.on('close', (code, signal) => finish({ code, signal }));
    child.stdin?.on('error', () => undefined); // the tool may exit before reading its input
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** One line saying why a run failed, for notes: `timed out after 30000 ms`, `killed by SIGSEGV`, … */
export function describeFailure(r: RunResult, timeoutMs: number): string | undefined {
  if (r.spawnError !== undefined) return `could not start: ${r.spawnError}`;
  if (r.timedOut) return `timed out after ${timeoutMs} ms and was killed`;
  if (r.signal !== null) return `killed by ${r.signal}`;
  return undefined;
}

/** The last `n` characters of a tool's stderr, on one line, for notes. */
export function tail(text: string, n = 300): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > n ? `…${t.slice(-n)}` : t;
}
