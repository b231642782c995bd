import type { Command } from 'commander';
import { resolveConfig } from '../../config/resolve.js';
import { writeFileAtomic } from '../../core/fsx.js';
import { SUITE_GENERATE, SUITE_STATS } from '../../suite/config.js';
import { countInstances, generateInstances } from '../../suite/generate.js';
import { loadFamilies } from '../../suite/load.js';
import { suiteStats, type SuiteStats } from '../../suite/stats.js';
import type { CliContext } from '../context.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';
import { selectFamilies } from './tasks.js';

/** `secplay suite stats` and `secplay suite generate` (instances of the built-in benchmark). */
export function registerSuiteInstanceCommands(suite: Command, ctx: () => CliContext): void {
  const stats = suite
    .command('stats')
    .description('families, tasks, CWEs and the number of distinct instances on each side of the split');
  addSchemaOptions(stats, SUITE_STATS.schema);
  stats.action((opts: Record<string, unknown>) => {
    const cfg = resolveConfig(SUITE_STATS, undefined, readSchemaOptions(SUITE_STATS.schema, opts));
    const families = selectFamilies(loadFamilies(), cfg.family);
    const result = suiteStats(families, cfg);
    ctx().print(result, renderStats);
  });

  const generate = suite
    .command('generate')
    .description(
      'write varied instances (deterministic by seed; train and eval disjoint) as JSONL task records',
    );
  addSchemaOptions(generate, SUITE_GENERATE.schema);
  generate.option('--preset <name>', `named options: ${Object.keys(SUITE_GENERATE.presets).join(', ')}`);
  generate.action((opts: Record<string, unknown>) => {
    const preset = typeof opts['preset'] === 'string' ? opts['preset'] : undefined;
    const cfg = resolveConfig(SUITE_GENERATE, preset, readSchemaOptions(SUITE_GENERATE.schema, opts));
    const families = selectFamilies(loadFamilies(), cfg.family);
    const tasks = generateInstances(families, {
      split: cfg.split,
      seed: cfg.seed,
      holdOutFamilies: cfg.holdOutFamilies,
      evalFraction: cfg.evalFraction,
      ...(cfg.perTask === undefined ? {} : { perTask: cfg.perTask }),
      ...(cfg.lang.length === 0 ? {} : { languages: cfg.lang }),
    });
    writeFileAtomic(cfg.out, tasks.map((t) => JSON.stringify(t)).join('\n') + (tasks.length > 0 ? '\n' : ''));
    const counts = countInstances(families, {
      holdOutFamilies: cfg.holdOutFamilies,
      evalFraction: cfg.evalFraction,
    });
    ctx().print(
      { out: cfg.out, written: tasks.length, split: cfg.split, seed: cfg.seed, available: counts },
      (r: { out: string; written: number }) => `wrote ${r.written} instances to ${r.out}`,
    );
  });
}

function renderStats(s: SuiteStats): string {
  const lines = [
    `families ${s.families}  tasks ${s.tasks}  CWEs ${s.cwes.length}  languages ${Object.keys(s.tasksPerLanguage).join(',')}`,
    `instances ${s.instances.total} (train ${s.instances.train}, eval ${s.instances.eval})`,
    `tasks per language: ${Object.entries(s.tasksPerLanguage)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}`,
    `CWEs: ${s.cwes.map((c) => `${c.cwe} (${c.tasks})`).join(', ')}`,
  ];
  if (s.familiesWithOneLanguage.length > 0)
    lines.push(`families in only one language: ${s.familiesWithOneLanguage.join(', ')}`);
  return lines.join('\n');
}
