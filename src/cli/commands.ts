import type { CliCommand } from './command.js';
import { cacheCommand } from './commands/cache.js';
import { dataCommand } from './commands/data.js';
import { engineCommand } from './commands/engine.js';
import { oracleCommand } from './commands/oracle.js';
import { judgeCommand } from './commands/judge.js';
import { suiteCommand } from './commands/suite.js';
import { scanCommand } from './commands/scan.js';

/**
 * The explicit registry of CLI commands, in help order. Each command lives in its own module under
 * src/cli/commands/ and is added here — no discovery by side effects.
 */
export const COMMANDS: readonly CliCommand[] = [
  suiteCommand,
  judgeCommand,
  scanCommand,
  oracleCommand,
  dataCommand,
  engineCommand,
  cacheCommand,
];
