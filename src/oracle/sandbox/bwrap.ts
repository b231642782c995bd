import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { InternalError, SandboxUnavailableError } from '../../core/errors.js';
import {
  createCpuCgroup,
  createMemoryCgroup,
  memoryCgroupsAvailable,
  type CpuCgroup,
  type MemoryCgroup,
} from './cgroup.js';
import { OutputCapture, LineReader } from './capture.js';
import { leaseUid, type UidLease } from './uid.js';
import {
  resolveLimits,
  type Bind,
  type LimitHit,
  type RunRequest,
  type RunResult,
  type Sandbox,
  type SandboxLimits,
  type SandboxProcess,
  type SpawnRequest,
} from './sandbox.js';

/**
 * The bubblewrap sandbox (reference/analyzers-and-sandbox.md §5.1, the command that passed every
 * containment test on this machine):
 *
 *   [sh: join memory cgroup] → setpriv (drop to a per-worker uid, no caps) → prlimit (limits) →
 *   bwrap --unshare-all (own user/pid/net/ipc/uts/cgroup namespaces, read-only /usr, private /tmp,
 *   only the work dir writable, no nested user namespaces)
 *
 * Root is required to drop to another uid: as root RLIMIT_NPROC is not enforced, so running bwrap
 * directly as root would let a fork bomb through. Every tool is invoked by absolute path and the
 * host environment never reaches the code (`--clearenv`). The wall limit is enforced here: the
 * exec chain leaves bwrap as our direct child, and killing it takes down its PID namespace.
 */
export const TOOLS = {
  sh: '/bin/sh',
  setpriv: '/usr/bin/setpriv',
  prlimit: '/usr/bin/prlimit',
  bwrap: '/usr/bin/bwrap',
} as const;

export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** What the sandbox needs from the host; throws SandboxUnavailableError naming what is missing. */
export interface HostFacts {
  readonly uid: number | undefined;
  readonly tools: Readonly<Record<string, string>>;
}

export function hostFacts(): HostFacts {
  return { uid: typeof process.getuid === 'function' ? process.getuid() : undefined, tools: TOOLS };
}

export function checkSandboxAvailable(host: HostFacts = hostFacts()): void {
  const missing = Object.entries(host.tools).filter(([, p]) => !isExecutable(p));
  if (missing.length > 0) {
    throw new SandboxUnavailableError(
      `cannot sandbox untrusted code: missing ${missing.map(([n, p]) => `${n} (${p})`).join(', ')}`,
      {
        hint: 'run `bash scripts/setup.sh` as root (it installs bubblewrap and util-linux); secplay never runs untrusted code unsandboxed',
      },
    );
  }
  if (host.uid !== 0) {
    throw new SandboxUnavailableError(
      'cannot sandbox untrusted code: secplay must run as root to drop each sandbox worker to its own unprivileged uid',
      {
        hint: 'run as root (e.g. in the CI container); as a normal user RLIMIT_NPROC and filesystem isolation cannot be guaranteed, and secplay never runs untrusted code unsandboxed',
      },
    );
  }
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface CommandSpec {
  readonly uid: number;
  readonly limits: SandboxLimits;
  readonly workDir: string;
  readonly binds: readonly Bind[];
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  /** cgroup.procs files to join first (memory, cpuacct), if any */
  readonly cgroupProcs: readonly string[];
  /** long-lived worker: no CPU limit on the whole sandbox (the worker limits each child) */
  readonly worker: boolean;
}

/** The full host argv for one sandboxed command (pure; unit-tested). */
export function sandboxArgv(spec: CommandSpec): string[] {
  const { uid, limits } = spec;
  const out: string[] = [];
  if (spec.cgroupProcs.length > 0) {
    // sh writes its own pid into each group, then execs the rest of the chain: everything the
    // sandbox ever runs is inside the groups from the start
    const joins = spec.cgroupProcs.map((_, i) => `echo $$ > "$${i + 1}"`).join(' && ');
    out.push(
      TOOLS.sh,
      '-c',
      `${joins} && shift ${spec.cgroupProcs.length} && exec "$@"`,
      'secplay-sandbox',
      ...spec.cgroupProcs,
    );
  }
  out.push(
    TOOLS.setpriv,
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
  );
  out.push(TOOLS.prlimit);
  if (!spec.worker) out.push(`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`);
  if (limits.addressSpaceBytes !== null) out.push(`--as=${limits.addressSpaceBytes}`);
  out.push(
    `--nproc=${limits.nproc}`,
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.nofile}`,
    '--core=0',
    '--',
  );
  out.push(
    TOOLS.bwrap,
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--hostname',
    'sandbox',
  );
  out.push('--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64');
  out.push('--symlink', 'usr/bin', '/bin', '--symlink', 'usr/sbin', '/sbin');
  for (const p of ['/etc/alternatives', '/etc/ld.so.cache']) out.push('--ro-bind-try', p, p);
  out.push('--proc', '/proc', '--dev', '/dev', '--size', String(limits.tmpfsBytes), '--tmpfs', '/tmp');
  out.push('--bind', spec.workDir, '/box');
  // extra binds must come before --remount-ro /
  for (const b of spec.binds)
    out.push(b.writable === true ? '--bind' : '--ro-bind', b.host, checkInside(b.inside));
  out.push('--chdir', '/box', '--remount-ro', '/', '--unshare-user', '--disable-userns', '--clearenv');
  const env: Record<string, string> = {
    PATH: SANDBOX_PATH,
    HOME: '/box',
    LANG: 'C.UTF-8',
    TMPDIR: '/tmp',
    ...spec.env,
  };
  for (const [k, v] of Object.entries(env)) out.push('--setenv', k, v);
  out.push('--', ...spec.argv);
  return out;
}

function checkInside(p: string): string {
  const n = normalize(p);
  if (
    !n.startsWith('/') ||
    n === '/' ||
    n.startsWith('/box/') ||
    n === '/box' ||
    n === '/usr' ||
    n.startsWith('/usr/') ||
    n.startsWith('/proc') ||
    n.startsWith('/dev')
  )
    throw new InternalError(`invalid sandbox bind target '${p}'`, {
      hint: 'bind to a fresh absolute path such as /opt/x',
    });
  return n;
}

/** `exit 128+n` from bwrap means its command died of signal n. */
const SIGNALS: Readonly<Record<number, NodeJS.Signals>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
  31: 'SIGSYS',
};

export interface BwrapOptions {
  /** disable the memory cgroup even when available (then `addressSpaceBytes: null` is refused) */
  readonly noCgroup?: boolean;
}

/** Root of the fresh work dirs of one-shot runs. */
function scratchRoot(): string {
  const root = join(process.env['SECPLAY_SANDBOX_SCRATCH'] ?? tmpdir(), 'secplay-sbx');
  mkdirSync(root, { recursive: true, mode: 0o755 });
  return root;
}

/** Hand a host directory (recursively) to the sandbox uid. */
export function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}

export function writeFiles(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [name, content] of Object.entries(files)) {
    const n = normalize(name);
    if (n.startsWith('/') || n.startsWith('..'))
      throw new InternalError(`file name escapes the work dir: ${name}`);
    const p = join(dir, n);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export class BwrapSandbox implements Sandbox {
  readonly kind = 'bwrap';
  readonly uid: number;
  readonly hasMemoryCgroup: boolean;
  private readonly lease: UidLease;
  private readonly cgroup: MemoryCgroup | undefined;
  private readonly cpu: CpuCgroup | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly children = new Set<ChildProcessWithoutNullStreams>();

  constructor(opts: BwrapOptions = {}) {
    checkSandboxAvailable();
    this.lease = leaseUid();
    this.uid = this.lease.uid;
    let cg: MemoryCgroup | undefined;
    if (opts.noCgroup !== true && memoryCgroupsAvailable()) {
      try {
        cg = createMemoryCgroup(`uid-${this.uid}`);
      } catch {
        cg = undefined;
      }
    }
    this.cgroup = cg;
    this.hasMemoryCgroup = cg !== undefined;
    this.cpu = opts.noCgroup === true ? undefined : createCpuCgroup(`uid-${this.uid}`);
  }

  oomKills(): number {
    return this.cgroup?.oomKills() ?? 0;
  }

  cpuTimeMs(): number | undefined {
    return this.cpu?.usageMs();
  }

  private groups(): string[] {
    return [this.cgroup?.procsFile, this.cpu?.procsFile].filter((p): p is string => p !== undefined);
  }

  run(req: RunRequest): Promise<RunResult> {
    // one run at a time per uid: RLIMIT_NPROC and the cgroup are per slot
    const next = this.queue.then(() => this.runNow(req));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private prepare(limits: SandboxLimits): void {
    if (this.closed) throw new InternalError('sandbox used after close()');
    if (limits.addressSpaceBytes === null && this.cgroup === undefined) {
      throw new SandboxUnavailableError(
        'this run needs a memory cgroup (no address-space limit is possible for it), but no cgroup v1 memory hierarchy is writable',
        {
          hint: 'run as root on a machine with /sys/fs/cgroup/memory mounted (cgroup v1)',
        },
      );
    }
    this.cgroup?.setLimit(limits.memoryBytes);
  }

  private async runNow(req: RunRequest): Promise<RunResult> {
    const limits = resolveLimits(req.limits);
    this.prepare(limits);
    let workDir = req.workDir;
    let ownDir = false;
    if (workDir === undefined) {
      workDir = mkdtempSync(join(scratchRoot(), `run-${this.uid}-`));
      ownDir = true;
    }
    try {
      if (req.files !== undefined) writeFiles(workDir, req.files);
      chownTree(workDir, this.uid);
      const argv = sandboxArgv({
        uid: this.uid,
        limits,
        workDir,
        binds: req.binds ?? [],
        env: req.env ?? {},
        argv: req.argv,
        cgroupProcs: this.groups(),
        worker: false,
      });
      const oomBefore = this.oomKills();
      const t0 = performance.now();
      const child = this.start(argv);
      const out = new OutputCapture(limits.outputBytes);
      const err = new OutputCapture(limits.outputBytes);
      let limit: LimitHit | null = null;
      const stop = (why: LimitHit): void => {
        if (limit === null) limit = why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop('wall'), limits.wallMs);
      child.stdout.on('data', (b: Buffer) => {
        out.push(b);
        if (out.total + err.total > limits.outputBytes) stop('output');
      });
      child.stderr.on('data', (b: Buffer) => {
        err.push(b);
        if (out.total + err.total > limits.outputBytes) stop('output');
      });
      child.stdin.on('error', () => undefined);
      if (req.stdin !== undefined) child.stdin.end(req.stdin);
      else child.stdin.end();
      const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve) => {
          child.on('close', (c, s) => resolve({ code: c, signal: s }));
        },
      );
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      let exitCode = code;
      let sig = signal;
      if (sig === null && exitCode !== null && exitCode > 128 && SIGNALS[exitCode - 128] !== undefined) {
        sig = SIGNALS[exitCode - 128] ?? null;
        exitCode = null;
      }
      if (limit === null) {
        if (this.oomKills() > oomBefore) limit = 'memory';
        else if (sig === 'SIGXCPU') limit = 'cpu';
        else if (sig === 'SIGXFSZ') limit = 'file_size';
      }
      return {
        exitCode,
        signal: sig,
        stdout: out.text(),
        stderr: err.text(),
        outputBytes: out.total + err.total,
        truncated: out.truncated || err.truncated,
        limit,
        wallMs,
      };
    } finally {
      if (ownDir) rmSync(workDir, { recursive: true, force: true });
    }
  }

  private start(argv: readonly string[]): ChildProcessWithoutNullStreams {
    const [cmd, ...args] = argv;
    if (cmd === undefined) throw new InternalError('empty sandbox argv');
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    child.on('error', () => undefined);
    return child;
  }

  async spawn(req: SpawnRequest): Promise<SandboxProcess> {
    const limits = resolveLimits(req.limits);
    this.prepare(limits);
    chownTree(req.workDir, this.uid);
    const argv = sandboxArgv({
      uid: this.uid,
      limits,
      workDir: req.workDir,
      binds: req.binds ?? [],
      env: req.env ?? {},
      argv: req.argv,
      cgroupProcs: this.groups(),
      worker: true,
    });
    const child = this.start(argv);
    return new BwrapProcess(child, limits.outputBytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const waits = [...this.children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.on('close', () => resolve());
          c.kill('SIGKILL');
        }),
    );
    await Promise.all(waits);
    this.cgroup?.destroy();
    this.cpu?.destroy();
    this.lease.release();
  }
}

class BwrapProcess implements SandboxProcess {
  private readonly lines: LineReader;
  private readonly err: OutputCapture;
  private exited = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    stderrCap: number,
  ) {
    // a worker's reply carries capped outputs; a line beyond 64 MiB means it misbehaves
    this.lines = new LineReader(64 * 1024 * 1024);
    this.err = new OutputCapture(Math.min(stderrCap, 64 * 1024), true);
    child.stdout.on('data', (b: Buffer) => {
      if (!this.lines.push(b)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (b: Buffer) => this.err.push(b));
    child.stdin.on('error', () => undefined);
    this.done = new Promise((resolve) =>
      child.on('close', () => {
        this.exited = true;
        this.lines.end();
        resolve();
      }),
    );
  }

  get alive(): boolean {
    return !this.exited;
  }

  send(line: string): void {
    if (this.exited) return;
    this.child.stdin.write(`${line}\n`);
  }

  nextLine(timeoutMs: number): Promise<string> {
    return this.lines.next(timeoutMs);
  }

  stderrTail(): string {
    return this.err.text();
  }

  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    await this.done;
  }
}
