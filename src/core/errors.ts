/**
 * secplay's error tree. Every error carries a stable `code` (documented in README, never reused),
 * a message that says what is wrong and where, and a `hint` that says what to do.
 *
 * Expected failures of untrusted code (timeouts, compile errors, crashes) are NOT errors:
 * they are values inside a Verdict. These classes are for misuse, bad input and broken environments.
 */

/** Process exit codes of the CLI (documented in README). */
export const EXIT = {
  ok: 0,
  /** the command ran and found what it checks for (a failing `suite check`, findings with --fail-on) */
  failed: 1,
  /** bad command line or configuration */
  usage: 2,
  /** bad input data (a dataset, a file to judge) */
  data: 3,
  /** the environment lacks something required (bwrap, root, a tool) */
  environment: 4,
  /** a bug in secplay */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorDetails {
  /** what to do about it */
  readonly hint?: string;
  /** where: file path */
  readonly file?: string;
  /** where: 1-based line number */
  readonly line?: number;
  /** where: field path inside the record, e.g. `func_src_before` or `tests[2].input` */
  readonly field?: string;
  readonly cause?: unknown;
}

export abstract class SecplayError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
  }

  /** `file:line: field: message` — the place first, as compilers print it. */
  get where(): string {
    const parts: string[] = [];
    if (this.file !== undefined)
      parts.push(this.line === undefined ? this.file : `${this.file}:${this.line}`);
    if (this.field !== undefined) parts.push(`field '${this.field}'`);
    return parts.join(': ');
  }

  toJSON(): Record<string, unknown> {
    return {
      error: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.line === undefined ? {} : { line: this.line }),
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

/** Bad flags, unknown preset, invalid configuration values. */
export class ConfigError extends SecplayError {
  readonly code = 'E_CONFIG';
  readonly exitCode = EXIT.usage;
}

/** A malformed record in a dataset or input file. Always names file, line and field where known. */
export class DataError extends SecplayError {
  readonly code = 'E_DATA';
  readonly exitCode = EXIT.data;
}

/** A file or directory that should exist does not, or cannot be read/written. */
export class IoError extends SecplayError {
  readonly code = 'E_IO';
  readonly exitCode = EXIT.data;
}

/** Something secplay needs from the machine is missing (bwrap, root, a compiler). */
export class EnvironmentError extends SecplayError {
  readonly code = 'E_ENV';
  readonly exitCode = EXIT.environment;
}

/** The sandbox refuses to run (no bwrap, no root to drop privileges, cgroups missing). */
export class SandboxUnavailableError extends SecplayError {
  readonly code = 'E_SANDBOX_UNAVAILABLE';
  readonly exitCode = EXIT.environment;
}

/** An external analyzer or tool misbehaved in a way that cannot be represented as a note. */
export class ToolError extends SecplayError {
  readonly code = 'E_TOOL';
  readonly exitCode = EXIT.environment;
}

/** A run directory is inconsistent with the requested job (config mismatch on resume, corrupt progress). */
export class RunDirError extends SecplayError {
  readonly code = 'E_RUNDIR';
  readonly exitCode = EXIT.usage;
}

/** Unknown id: task, family, analyzer, preset, checkpoint. */
export class NotFoundError extends SecplayError {
  readonly code = 'E_NOT_FOUND';
  readonly exitCode = EXIT.usage;
}

/** An invariant of secplay itself was broken: a bug. */
export class InternalError extends SecplayError {
  readonly code = 'E_INTERNAL';
  readonly exitCode = EXIT.internal;
}

export function isSecplayError(e: unknown): e is SecplayError {
  return e instanceof SecplayError;
}

/** Human-readable one-paragraph rendering: `error E_DATA: file:line: field 'x': message\n  hint: ...` */
export function formatError(e: SecplayError): string {
  const where = e.where;
  const head = `error ${e.code}: ${where === '' ? '' : `${where}: `}${e.message}`;
  return e.hint === undefined ? head : `${head}\n  hint: ${e.hint}`;
}
