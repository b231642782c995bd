import type { Command } from 'commander';
import type { ExitCode } from '../../core/errors.js';

/**
 * Set the CLI's exit code from inside an action (a failed check). Same protocol as `setExitCode` in
 * main.ts (the root command's `secplayExit`, highest wins), without importing main.ts, which
 * imports the command registry (that would be an import cycle).
 */
export function setCommandExit(cmd: Command, code: ExitCode): void {
  let root: Command = cmd;
  while (root.parent !== null) root = root.parent;
  const r = root as Command & { secplayExit?: ExitCode };
  if (r.secplayExit === undefined || code > r.secplayExit) r.secplayExit = code;
}
