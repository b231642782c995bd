import type { Command } from 'commander';
import type { CliContext } from './context.js';

/**
 * One top-level CLI command. `register` adds it (and its subcommands) to the program; actions get
 * the context lazily because global options are parsed first. An action returns the process exit
 * code (EXIT.ok unless it checks something that failed) or throws a SecplayError.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, ctx: () => CliContext): void;
}
