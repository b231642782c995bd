import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A persistent helper process that answers one JSON line per JSON-line request (the bandit worker).
 * Requests are serialised; a request that gets no answer within its timeout kills the process (it
 * is restarted on the next request), and so does an answer that is not JSON. Nothing here throws
 * for a misbehaving worker: `request` resolves to `{ok: false, reason}`.
 */
export type WorkerReply =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

export interface WorkerOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** how long the worker may take to print its first (ready) line */
  readonly startTimeoutMs: number;
}

export class JsonLineWorker {
  private child: ChildProcess | undefined;
  private pending: ((line: string | undefined) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stderrTail = '';
  /** the first line the worker printed (its ready/fatal message) */
  private greeting: Promise<WorkerReply> | undefined;

  constructor(private readonly opts: WorkerOptions) {}

  /** Start the worker if needed; resolves to its first line (ready message) or why it failed. */
  start(): Promise<WorkerReply> {
    if (this.child !== undefined && this.greeting !== undefined) return this.greeting;
    this.greeting = this.spawnWorker();
    return this.greeting;
  }

  private spawnWorker(): Promise<WorkerReply> {
    let child: ChildProcess;
    try {
      child = spawn(this.opts.command, this.opts.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      return Promise.resolve({
        ok: false,
        reason: `could not start: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    this.child = child;
    this.stderrTail = '';
    // an idle worker must not keep the process alive (a pending request's timer does)
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr])
      if (s !== null && 'unref' in s && typeof s.unref === 'function') s.unref();
    child.stderr?.on('data', (b: Buffer) => {
      this.stderrTail = (this.stderrTail + b.toString('utf8')).slice(-2000);
    });
    child.stdin?.on('error', () => undefined);
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    // events of a worker that was already replaced (killed after a timeout) must not answer the
    // request of its successor
    rl.on('line', (line) => {
      if (this.child !== child) return;
      const p = this.pending;
      this.pending = undefined;
      p?.(line);
    });
    const onGone = (): void => {
      if (this.child !== child) return;
      this.child = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.(undefined);
    };
    child.on('exit', onGone);
    child.on('error', (e) => {
      this.stderrTail += ` ${e.message}`;
      onGone();
    });
    return this.awaitLine(this.opts.startTimeoutMs);
  }

  private awaitLine(timeoutMs: number): Promise<WorkerReply> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        resolve({ ok: false, reason: `no answer within ${timeoutMs} ms; the worker was killed` });
      }, timeoutMs);
      this.pending = (line) => {
        clearTimeout(timer);
        if (line === undefined) {
          resolve({
            ok: false,
            reason: `the worker exited${this.stderrTail === '' ? '' : `: ${oneLine(this.stderrTail)}`}`,
          });
          return;
        }
        try {
          resolve({ ok: true, value: JSON.parse(line) as unknown });
        } catch {
          this.kill();
          resolve({ ok: false, reason: `the worker printed something that is not JSON: ${oneLine(line)}` });
        }
      };
    });
  }

  /** Send one request and wait for one answer line (serialised with other requests). */
  request(payload: unknown, timeoutMs: number): Promise<WorkerReply> {
    const run = async (): Promise<WorkerReply> => {
      const started = await this.start();
      if (!started.ok) {
        this.greeting = undefined;
        return started;
      }
      const child = this.child;
      if (child?.stdin === null || child?.stdin === undefined) {
        this.greeting = undefined;
        return { ok: false, reason: 'the worker is not running' };
      }
      const answer = this.awaitLine(timeoutMs);
      child.stdin.write(`${JSON.stringify(payload)}\n`);
      const r = await answer;
      if (!r.ok) this.greeting = undefined; // restart on the next request
      return r;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  kill(): void {
    const c = this.child;
    this.child = undefined;
    this.greeting = undefined;
    if (c !== undefined && c.exitCode === null) c.kill('SIGKILL');
  }

  async close(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    this.greeting = undefined;
    if (c === undefined || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        c.kill('SIGKILL');
        resolve();
      }, 2000);
      c.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      c.stdin?.end();
    });
  }
}

function oneLine(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}
