/**
 * The Sandbox interface (DESIGN.md §4): run untrusted code over a work directory with limits on
 * CPU, memory, processes, file size, open files and wall time, and read at most a capped amount of
 * its output. Expected failures of the code (a limit hit, a crash) are values in `RunResult`;
 * errors are thrown only when the sandbox itself cannot run (`SandboxUnavailableError`).
 *
 * One `Sandbox` instance is one worker slot (one host uid, one memory cgroup): its runs are
 * serialised. Parallelism comes from a pool of instances (`pool.ts`).
 */

export interface SandboxLimits {
  /** wall-clock limit of the whole run; the sandbox is killed when it passes */
  readonly wallMs: number;
  /** RLIMIT_CPU in seconds (SIGXCPU at the limit, SIGKILL one second later) */
  readonly cpuSeconds: number;
  /**
   * RLIMIT_AS in bytes, or null to leave the address space unlimited and rely on the memory cgroup
   * alone (AddressSanitizer reserves terabytes of shadow memory; node needs ≥ 1 GiB).
   */
  readonly addressSpaceBytes: number | null;
  /** memory cgroup limit in bytes (resident memory of everything in the sandbox) */
  readonly memoryBytes: number;
  /** RLIMIT_NPROC: processes and threads of the sandbox's uid (Go needs ~256–512) */
  readonly nproc: number;
  /** RLIMIT_FSIZE in bytes (SIGXFSZ beyond it) */
  readonly fileSizeBytes: number;
  /** RLIMIT_NOFILE */
  readonly nofile: number;
  /** at most this many bytes of stdout (and, separately, of stderr) are kept */
  readonly outputBytes: number;
  /** size of the private /tmp (tmpfs) in bytes */
  readonly tmpfsBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  wallMs: 10_000,
  cpuSeconds: 5,
  addressSpaceBytes: 2 * 1024 ** 3,
  memoryBytes: 1024 ** 3,
  nproc: 64,
  fileSizeBytes: 16 * 1024 ** 2,
  nofile: 256,
  outputBytes: 1024 ** 2,
  tmpfsBytes: 64 * 1024 ** 2,
});

/** A host path made visible inside the sandbox (read-only unless `writable`). */
export interface Bind {
  readonly host: string;
  readonly inside: string;
  readonly writable?: boolean;
}

export interface RunRequest {
  /** the command inside the sandbox; argv[0] is looked up on PATH=/usr/local/bin:/usr/bin:/bin */
  readonly argv: readonly string[];
  /**
   * Files to create in a fresh work directory (mounted read-write at /box, the working directory).
   * The directory is removed after the run.
   */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** an existing host directory to use as /box instead (handed to the sandbox uid, kept after) */
  readonly workDir?: string;
  readonly binds?: readonly Bind[];
  /** environment inside (the host's environment never leaks in) */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string | Uint8Array;
  readonly limits?: Partial<SandboxLimits>;
}

/** Which limit ended the run, if any. */
export type LimitHit = 'wall' | 'cpu' | 'memory' | 'output' | 'file_size';

export interface RunResult {
  /** exit status, or null when killed by a signal */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** at most `limits.outputBytes` of stdout / stderr (decoded as UTF-8) */
  readonly stdout: string;
  readonly stderr: string;
  /** bytes of stdout+stderr the code wrote before the run ended (kept or not) */
  readonly outputBytes: number;
  readonly truncated: boolean;
  readonly limit: LimitHit | null;
  readonly wallMs: number;
}

/** A long-lived process inside a sandbox (a judging worker): line-oriented stdin/stdout. */
export interface SandboxProcess {
  /** write one line (a newline is appended) */
  send(line: string): void;
  /** the next line of stdout; rejects when the process ends before writing one */
  nextLine(timeoutMs: number): Promise<string>;
  /** stderr seen so far (capped), for diagnostics */
  stderrTail(): string;
  readonly alive: boolean;
  /** kill the whole sandbox (every process in it) and wait for it to end */
  kill(): Promise<void>;
}

export interface SpawnRequest {
  readonly argv: readonly string[];
  /** host directory mounted read-write at /box (handed to the sandbox uid) */
  readonly workDir: string;
  readonly binds?: readonly Bind[];
  readonly env?: Readonly<Record<string, string>>;
  /** limits of the whole sandbox; `wallMs` and `cpuSeconds` are ignored (the worker lives long) */
  readonly limits?: Partial<SandboxLimits>;
}

export interface Sandbox {
  /** implementation name, e.g. `bwrap` */
  readonly kind: string;
  /** the host uid the code runs as */
  readonly uid: number;
  /** whether memory is limited by a cgroup (required for `addressSpaceBytes: null`) */
  readonly hasMemoryCgroup: boolean;
  run(req: RunRequest): Promise<RunResult>;
  spawn(req: SpawnRequest): Promise<SandboxProcess>;
  /** memory-cgroup OOM kills seen so far (0 without a cgroup) */
  oomKills(): number;
  /** CPU time of everything this slot has run, in ms (undefined without CPU accounting) */
  cpuTimeMs(): number | undefined;
  /** release the uid and the cgroup; kills what still runs */
  close(): Promise<void>;
}

export function resolveLimits(partial: Partial<SandboxLimits> | undefined): SandboxLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
