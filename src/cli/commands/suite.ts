import type { Command } from 'commander';
import { EXIT } from '../../core/errors.js';
import { resolveConfig } from '../../config/resolve.js';
import { SUITE_CHECK, SUITE_LIST } from '../../oracle/config.js';
import { Judge } from '../../oracle/judge.js';
import { resolveStaticConfig } from '../../oracle/static-check.js';
import { checkSuite, renderSuiteCheck } from '../../oracle/suite-check.js';
import { canonicalTasks, loadFamilies } from '../../suite/load.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';
import { setCommandExit } from './exit.js';
import { selectFamilies } from './tasks.js';
import { registerSuiteInstanceCommands } from './suite-instances.js';

/** `secplay suite check|list`: the built-in benchmark's own consistency check and its task list. */
export const suiteCommand: CliCommand = {
  name: 'suite',
  register(program, ctx) {
    const suite = program.command('suite').description('the built-in secure-coding benchmark');

    const check = suite
      .command('check')
      .description(
        'judge every canonical secure and vulnerable reference in the sandbox: secure ones must be functional and secure, vulnerable ones functional and failing a security test (exit 1 otherwise)',
      );
    addSchemaOptions(check, SUITE_CHECK.schema);
    check.action(async (opts: Record<string, unknown>, cmd: Command) => {
      const cfg = resolveConfig(SUITE_CHECK, undefined, readSchemaOptions(SUITE_CHECK.schema, opts));
      const families = selectFamilies(loadFamilies(cfg.familiesDir), cfg.family);
      const tasks = canonicalTasks(families).filter(
        (t) => cfg.lang.length === 0 || cfg.lang.includes(t.language),
      );
      const judge = new Judge({
        cache: cfg.cache,
        harness: { testTimeoutMs: cfg.testTimeoutMs, jobTimeoutMs: cfg.jobTimeoutMs },
        // the whole oracle, as `judge` uses it: a secure reference must also be free of in-family
        // static findings (`--analyzers none` checks the tests alone)
        static: resolveStaticConfig(cfg.analyzers, cfg.severityThreshold),
        ...(cfg.workers === undefined ? {} : { workers: cfg.workers }),
      });
      try {
        const result = await checkSuite(judge, tasks);
        ctx().print(result, renderSuiteCheck);
        if (!result.ok || tasks.length === 0) setCommandExit(cmd, EXIT.failed);
      } finally {
        await judge.close();
      }
    });

    registerSuiteInstanceCommands(suite, ctx);

    const list = suite
      .command('list')
      .description('list the canonical tasks (family × language) with their CWEs and test counts');
    addSchemaOptions(list, SUITE_LIST.schema);
    list.action((opts: Record<string, unknown>) => {
      const cfg = resolveConfig(SUITE_LIST, undefined, readSchemaOptions(SUITE_LIST.schema, opts));
      const tasks = canonicalTasks(selectFamilies(loadFamilies(cfg.familiesDir), cfg.family)).filter(
        (t) => cfg.lang.length === 0 || cfg.lang.includes(t.language),
      );
      const rows = tasks.map((t) => ({
        id: t.id,
        cwes: t.cwes,
        title: t.title,
        functionalTests: t.tests.filter((x) => x.kind === 'functional').length,
        securityTests: t.tests.filter((x) => x.kind === 'security').length,
      }));
      ctx().print(
        { tasks: rows },
        (r: { tasks: typeof rows }) =>
          r.tasks
            .map(
              (x) =>
                `${x.id.padEnd(36)} ${x.cwes.join(',').padEnd(20)} ${x.functionalTests}f/${x.securityTests}s  ${x.title}`,
            )
            .join('\n') + `\n${r.tasks.length} tasks`,
      );
    });
  },
};
