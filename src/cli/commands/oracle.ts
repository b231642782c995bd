import { Option } from 'commander';
import { resolveConfig } from '../../config/resolve.js';
import { loadPairs } from '../../data/load.js';
import { ORACLE_BENCH } from '../../oracle/bench/config.js';
import { renderPairs, renderSuite } from '../../oracle/bench/report.js';
import { limitPerCell, runOracleBench, suiteCase, type OracleBenchResult } from '../../oracle/bench/run.js';
import { sameFamily } from '../../oracle/static/cwe-family.js';
import { closeAnalyzers, selectAnalyzers } from '../../oracle/static/registry.js';
import { generateInstances } from '../../suite/generate.js';
import { loadFamilies } from '../../suite/load.js';
import { createProgress } from '../../core/progress.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';

/** `secplay oracle bench`: how well the static oracle finds real and built-in vulnerabilities. */
export const oracleCommand: CliCommand = {
  name: 'oracle',
  register(program, ctx) {
    const oracle = program.command('oracle').description('measure the static security oracle');
    const bench = oracle
      .command('bench')
      .description(
        'recall and false alarms of every analyzer on the SVEN/SafeCoder pairs (per language × CWE) and on the built-in suite, with time per file; resumable (--run-id)',
      )
      .addOption(
        new Option('--preset <name>', 'start from a named preset; flags override it').choices(
          Object.keys(ORACLE_BENCH.presets),
        ),
      );
    addSchemaOptions(bench, ORACLE_BENCH.schema);
    bench.action(async (opts: Record<string, unknown>) => {
      const preset = typeof opts['preset'] === 'string' ? opts['preset'] : undefined;
      const cfg = resolveConfig(ORACLE_BENCH, preset, readSchemaOptions(ORACLE_BENCH.schema, opts));
      const c = ctx();
      const analyzers = selectAnalyzers(cfg.analyzers);
      try {
        const loaded = cfg.source.length === 0 ? undefined : await loadPairs(c.dataDir, cfg.source);
        const pairs = limitPerCell(
          (loaded?.records ?? [])
            .filter((p) => !p.flags.includes('duplicate') && !p.flags.includes('identical'))
            .map((p) => ({ id: p.id, language: p.language, cwe: p.cwe, before: p.before, after: p.after })),
          cfg.limitPerCell,
        );
        const suite = cfg.suite
          ? generateInstances(loadFamilies(), { split: 'all', seed: cfg.seed, perTask: cfg.perTask }).map(
              suiteCase,
            )
          : [];
        const result = await runOracleBench({
          config: cfg,
          pairs,
          suite,
          analyzers,
          matches: sameFamily,
          runsDir: c.runsDir,
          onProgress: phaseProgress('oracle bench: pairs'),
          onSuiteProgress: phaseProgress('oracle bench: suite'),
        });
        c.print(result, (r: OracleBenchResult) => render(r));
      } finally {
        await closeAnalyzers();
      }
    });
  },
};

/** A progress reporter for one phase, created on its first chunk (a phase with no work prints nothing). */
function phaseProgress(label: string): (done: number, total: number) => void {
  let progress: ReturnType<typeof createProgress> | undefined;
  let shown = 0;
  return (done, total) => {
    progress ??= createProgress({ label, total, start: 0 });
    progress.setTotal(total);
    progress.tick(done - shown);
    shown = done;
    if (done >= total) progress.done();
  };
}

function render(r: OracleBenchResult): string {
  const parts = [`analyzers: ${r.analyzers.join(', ')}`];
  if (r.pairs !== undefined) parts.push('', renderPairs(r.pairs, r.analyzers, r.minSeverity));
  if (r.suite !== undefined) parts.push('', renderSuite(r.suite, r.analyzers, r.minSeverity));
  parts.push('', `results: ${r.runDir}/summary.json`);
  return parts.join('\n');
}
