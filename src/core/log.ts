/**
 * Logging to stderr, so stdout stays clean for results (`--json`). One process-wide logger whose
 * level is set once by the CLI.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  /** log a message once per key for the process lifetime (e.g. "bandit not installed") */
  once(key: string, level: Exclude<LogLevel, 'silent'>, msg: string): void;
}

let level: LogLevel = (process.env['SECPLAY_LOG_LEVEL'] as LogLevel | undefined) ?? 'info';
if (!(level in ORDER)) level = 'info';
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);
const seen = new Set<string>();

export function setLogLevel(l: LogLevel): void {
  level = l;
}

export function getLogLevel(): LogLevel {
  return level;
}

/** redirect log lines (tests) */
export function setLogSink(fn: (line: string) => void): void {
  sink = fn;
}

function emit(l: Exclude<LogLevel, 'silent'>, scope: string, msg: string): void {
  if (ORDER[l] < ORDER[level]) return;
  const prefix = l === 'info' ? '' : `${l}: `;
  sink(`${prefix}${scope === '' ? '' : `[${scope}] `}${msg}`);
}

export function logger(scope = ''): Logger {
  return {
    debug: (m) => emit('debug', scope, m),
    info: (m) => emit('info', scope, m),
    warn: (m) => emit('warn', scope, m),
    error: (m) => emit('error', scope, m),
    once: (key, l, m) => {
      if (seen.has(key)) return;
      seen.add(key);
      emit(l, scope, m);
    },
  };
}
