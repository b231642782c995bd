import cliProgress from 'cli-progress';
import { getLogLevel, logger } from './log.js';

/**
 * Progress of a long job: a bar on an interactive terminal, plain log lines otherwise (CI, pipes),
 * at most one line every `intervalMs`.
 */
export interface Progress {
  tick(n?: number, note?: string): void;
  setTotal(total: number): void;
  done(note?: string): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** start value when resuming */
  readonly start?: number;
  /** plain-mode interval between lines (default 5 s) */
  readonly intervalMs?: number;
  /** force a mode (tests); default: bar iff stderr is a TTY */
  readonly mode?: 'bar' | 'lines' | 'off';
}

export function createProgress(opts: ProgressOptions): Progress {
  const quiet = getLogLevel() === 'silent' || getLogLevel() === 'error' || getLogLevel() === 'warn';
  const mode = opts.mode ?? (quiet ? 'off' : process.stderr.isTTY ? 'bar' : 'lines');
  let value = opts.start ?? 0;
  let total = opts.total;
  if (mode === 'off') {
    return { tick: (n = 1) => void (value += n), setTotal: (t) => void (total = t), done: () => undefined };
  }
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      {
        format: `${opts.label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted} {note}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, value, { note: '' });
    return {
      tick: (n = 1, note = '') => {
        value += n;
        bar.update(value, { note });
      },
      setTotal: (t) => bar.setTotal((total = t)),
      done: (note = '') => {
        bar.update(value, { note });
        bar.stop();
      },
    };
  }
  const log = logger(opts.label);
  const interval = opts.intervalMs ?? 5000;
  const t0 = Date.now();
  let last = 0;
  const line = (note: string): void => {
    const pct = total > 0 ? ((100 * value) / total).toFixed(1) : '?';
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    log.info(`${value}/${total} (${pct}%) ${secs}s${note === '' ? '' : ` ${note}`}`);
  };
  return {
    tick: (n = 1, note = '') => {
      value += n;
      const now = Date.now();
      if (now - last >= interval) {
        last = now;
        line(note);
      }
    },
    setTotal: (t) => void (total = t),
    done: (note = 'done') => line(note),
  };
}
