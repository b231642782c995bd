import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxUnavailableError } from '../../core/errors.js';
import type { Bind, Sandbox, SandboxLimits, SandboxProcess } from '../sandbox/sandbox.js';

/**
 * A judging worker: one long-lived process inside a sandbox that judges many candidates (the
 * sandbox start is paid once, not per candidate). It speaks one JSON object per line: first
 * `{"ready": true}`, then one reply per request, matched by `id`. A worker that stops answering in
 * time is killed with its whole sandbox and restarted on the next request.
 */
export interface WorkerSpec {
  /** what kind of worker this is (`python`, `node`): a slot keeps one of each */
  readonly kind: string;
  readonly argv: readonly string[];
  readonly binds: readonly Bind[];
  readonly env?: Readonly<Record<string, string>>;
  readonly limits: Partial<SandboxLimits>;
  /** how long the worker may take to say it is ready */
  readonly startTimeoutMs?: number;
}

/** A reply, or why there is none (the worker died or timed out and was restarted). */
export type WorkerReply =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string; readonly timedOut: boolean };

export class SandboxWorker {
  private proc: SandboxProcess | undefined;
  private workDir: string | undefined;
  private seq = 0;
  /** worker (re)starts so far */
  starts = 0;

  constructor(
    private readonly sandbox: Sandbox,
    readonly spec: WorkerSpec,
  ) {}

  private async ensure(): Promise<SandboxProcess> {
    if (this.proc !== undefined && this.proc.alive) return this.proc;
    await this.stop();
    this.workDir = mkdtempSync(join(tmpdir(), `secplay-worker-${this.sandbox.uid}-`));
    const proc = await this.sandbox.spawn({
      argv: this.spec.argv,
      workDir: this.workDir,
      binds: this.spec.binds,
      env: this.spec.env ?? {},
      limits: this.spec.limits,
    });
    this.starts++;
    let first: string;
    try {
      first = await proc.nextLine(this.spec.startTimeoutMs ?? 60_000);
    } catch (e) {
      const tail = proc.stderrTail();
      await proc.kill();
      throw new SandboxUnavailableError(
        `the ${this.spec.kind} judging worker did not start in the sandbox: ${e instanceof Error ? e.message : String(e)}${tail === '' ? '' : `; stderr: ${tail.slice(-800)}`}`,
        {
          hint: 'run `bash scripts/setup.sh` as root to install the runtimes the harnesses need',
        },
      );
    }
    if (!first.includes('"ready"')) {
      await proc.kill();
      throw new SandboxUnavailableError(
        `the ${this.spec.kind} judging worker said '${first.slice(0, 200)}' instead of ready`,
      );
    }
    this.proc = proc;
    return proc;
  }

  /** Send one request and wait up to `timeoutMs` for its reply. */
  async request(req: Readonly<Record<string, unknown>>, timeoutMs: number): Promise<WorkerReply> {
    const proc = await this.ensure();
    const id = ++this.seq;
    // a fresh secret per request: a line a candidate manages to write cannot pass for the reply
    const nonce = randomBytes(12).toString('hex');
    proc.send(JSON.stringify({ ...req, id, nonce }));
    for (;;) {
      let line: string;
      try {
        line = await proc.nextLine(timeoutMs);
      } catch (e) {
        const timedOut = proc.alive;
        const tail = proc.stderrTail();
        await this.stop();
        return {
          ok: false,
          timedOut,
          reason: `${timedOut ? 'the worker gave no reply in time' : 'the worker died'}${tail === '' ? '' : `: ${tail.slice(-500)}`} (${e instanceof Error ? e.message : String(e)})`,
        };
      }
      let body: unknown;
      try {
        body = JSON.parse(line);
      } catch {
        continue; // not a reply (never expected: candidates cannot reach the worker's stdout)
      }
      if (typeof body !== 'object' || body === null) continue;
      const b = body as Record<string, unknown>;
      if (b['id'] !== id || b['nonce'] !== nonce) continue;
      if (typeof b['error'] === 'string')
        return { ok: false, timedOut: false, reason: `worker error: ${b['error']}` };
      return { ok: true, body: b };
    }
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (p !== undefined) await p.kill();
    if (this.workDir !== undefined) rmSync(this.workDir, { recursive: true, force: true });
    this.workDir = undefined;
  }
}
