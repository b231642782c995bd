import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Global options and output helpers shared by every command. */
export interface CliContext {
  /** print machine-readable JSON on stdout instead of text */
  readonly json: boolean;
  /** the shared datasets directory (--data-dir, SECPLAY_DATA_DIR, or ../shared/data from the repo) */
  readonly dataDir: string;
  /** where run directories go (--runs-dir, SECPLAY_RUNS_DIR, default ./runs) */
  readonly runsDir: string;
  /** print a command's result: JSON when --json, else the text rendering */
  print(result: unknown, text: (r: never) => string): void;
}

export interface GlobalOptions {
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly runsDir?: string;
}

/** The repository root (two levels above src/cli). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function defaultDataDir(): string {
  const env = process.env['SECPLAY_DATA_DIR'];
  if (env !== undefined && env !== '') return resolve(env);
  const candidates = [resolve(REPO_ROOT, '..', 'shared', 'data'), resolve(REPO_ROOT, 'shared', 'data')];
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}

export function makeContext(g: GlobalOptions): CliContext {
  const json = g.json === true;
  return {
    json,
    dataDir: g.dataDir !== undefined ? resolve(g.dataDir) : defaultDataDir(),
    runsDir: resolve(g.runsDir ?? process.env['SECPLAY_RUNS_DIR'] ?? 'runs'),
    print(result, text) {
      if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`${(text as (r: unknown) => string)(result)}\n`);
    },
  };
}
