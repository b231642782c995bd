import { Command, CommanderError, Option } from 'commander';
import { EXIT, formatError, isSecplayError, type ExitCode } from '../core/errors.js';
import { setLogLevel, type LogLevel } from '../core/log.js';
import { makeContext, type CliContext, type GlobalOptions } from './context.js';
import { COMMANDS } from './commands.js';

export function buildProgram(): { program: Command; exit: { code: ExitCode } } {
  const exit = { code: EXIT.ok as ExitCode };
  const program = new Command('secplay')
    .description(
      'Tree-like Self-Play for secure code models: benchmark, oracle, engine, training and evaluation',
    )
    .version('0.1.0')
    .option('--json', 'print results as JSON on stdout (logs stay on stderr)')
    .option('--data-dir <dir>', 'shared datasets directory (env SECPLAY_DATA_DIR; default ../shared/data)')
    .option('--runs-dir <dir>', 'where run directories are written (env SECPLAY_RUNS_DIR; default ./runs)')
    .addOption(
      new Option('--log-level <level>', 'stderr verbosity').choices([
        'debug',
        'info',
        'warn',
        'error',
        'silent',
      ]),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.hook('preAction', () => {
    const g = program.opts<GlobalOptions & { logLevel?: LogLevel }>();
    if (g.logLevel !== undefined) setLogLevel(g.logLevel);
    else if (g.json === true) setLogLevel('warn');
  });
  let ctx: CliContext | undefined;
  const getCtx = (): CliContext => (ctx ??= makeContext(program.opts<GlobalOptions>()));
  for (const c of COMMANDS) c.register(program, getCtx);
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok · 1 a check failed · 2 bad usage or config · 3 bad input data · 4 environment lacks a requirement · 70 internal error`,
  );
  return { program, exit };
}

/** Run the CLI; returns the exit code instead of calling process.exit (tests call this directly). */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  const { program } = buildProgram();
  let code: ExitCode = EXIT.ok;
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync(argv as string[]);
    const set = (program as Command & { secplayExit?: ExitCode }).secplayExit;
    if (set !== undefined) code = set;
  } catch (e) {
    code = handleError(e, wantsJson);
  }
  return code;
}

function handleError(e: unknown, json: boolean): ExitCode {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT.ok;
    return EXIT.usage;
  }
  if (isSecplayError(e)) {
    if (json) process.stdout.write(`${JSON.stringify(e.toJSON(), null, 2)}\n`);
    process.stderr.write(`${formatError(e)}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`internal error (a bug in secplay, please report it): ${err.stack ?? err.message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: 'E_INTERNAL', message: err.message })}\n`);
  return EXIT.internal;
}
