import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { resolveConfig, type ConfigSpec } from '../../config/resolve.js';
import { DATA_EXPORT, DATA_STATS } from '../../data/config.js';
import { selectPairs, writePairsJsonl } from '../../data/export.js';
import { loadPairs, loadPrompts } from '../../data/load.js';
import type { Pair } from '../../data/pair.js';
import { PAIR_SOURCE_IDS, PROMPT_SOURCE_IDS } from '../../data/sources.js';
import {
  applySplit,
  cweSplitter,
  hashSplitter,
  heldOutCwes,
  languageSplitter,
  type Splitter,
} from '../../data/split.js';
import { dataStats, renderStats } from '../../data/stats.js';
import { ConfigError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';

/** `secplay data stats|export`: the shared datasets, counted and exported as our own JSONL. */
export const dataCommand: CliCommand = {
  name: 'data',
  register(program, ctx) {
    const data = program
      .command('data')
      .description('inspect and export the shared datasets (SVEN, SafeCoder, CyberSecEval)');

    const stats = withPreset(
      data
        .command('stats')
        .description('count pairs per language × CWE for each source and split (and CyberSecEval prompts)'),
      DATA_STATS,
    );
    addSchemaOptions(stats, DATA_STATS.schema);
    stats.action(async (opts: Record<string, unknown>) => {
      const cfg = resolveFromFlags(DATA_STATS, opts);
      const c = ctx();
      const readOpts = { strict: cfg.strict, maxRecordBytes: cfg.maxRecordBytes };
      const pairSources = cfg.source.filter((s) => PAIR_SOURCE_IDS.includes(s));
      const promptSources = cfg.source.filter((s) => PROMPT_SOURCE_IDS.includes(s));
      const pairs = await loadPairs(c.dataDir, pairSources, readOpts);
      const prompts = await loadPrompts(c.dataDir, promptSources, readOpts);
      const result = {
        dataDir: c.dataDir,
        ...dataStats(pairs.records, prompts.records, [...pairs.issues, ...prompts.issues]),
        files: [...pairs.files, ...prompts.files],
      };
      c.print(result, (r: typeof result) => `data: ${r.dataDir}\n\n${renderStats(r)}`);
    });

    const exp = withPreset(
      data
        .command('export')
        .description(
          'write pairs as our own JSONL (Pair records), optionally one side of a deterministic split',
        ),
      DATA_EXPORT,
    );
    addSchemaOptions(exp, DATA_EXPORT.schema);
    exp.action(async (opts: Record<string, unknown>) => {
      const cfg = resolveFromFlags(DATA_EXPORT, opts);
      const c = ctx();
      const loaded = await loadPairs(c.dataDir, cfg.source, {
        strict: cfg.strict,
        maxRecordBytes: cfg.maxRecordBytes,
      });
      const { selected, dropped } = selectPairs(loaded.records, cfg);
      const splitter = makeSplitter(cfg);
      let written = selected;
      let split: Record<string, unknown> = { by: 'none' };
      if (splitter !== undefined) {
        const parts = applySplit(selected, splitter);
        written = cfg.side === 'kept' ? parts.kept : parts.heldOut;
        split = {
          by: cfg.splitBy,
          description: splitter.description,
          side: cfg.side,
          kept: parts.kept.length,
          heldOut: parts.heldOut.length,
          ...(cfg.splitBy === 'cwe'
            ? {
                heldOutCwes: heldOutCwes(
                  splitter,
                  selected.map((p) => p.cwe),
                ),
              }
            : {}),
        };
      }
      const out = resolve(cfg.out);
      writePairsJsonl(out, written);
      const result = {
        out,
        written: written.length,
        loaded: loaded.records.length,
        dropped,
        skipped: loaded.issues.length,
        split,
      };
      c.print(
        result,
        (r: typeof result) =>
          `wrote ${r.written} pairs to ${r.out} (loaded ${r.loaded}; dropped ${r.dropped.identical} identical, ${r.dropped.duplicates} duplicates, ${r.dropped.filtered} filtered out; ${r.skipped} bad records skipped)` +
          (splitter === undefined ? '' : `\n${splitter.description}; wrote the ${cfg.side} side`),
      );
    });
  },
};

type ExportConfig = z.output<typeof DATA_EXPORT.schema>;

/** The split table: each `--split-by` value and the splitter it builds. */
const SPLITTERS: Record<ExportConfig['splitBy'], (cfg: ExportConfig) => Splitter<Pair> | undefined> = {
  none: () => undefined,
  cwe: (cfg) =>
    cweSplitter<Pair>({
      ...(cfg.heldOutCwes.length > 0 ? { cwes: cfg.heldOutCwes } : {}),
      ...(cfg.heldOutFraction === undefined ? {} : { fraction: cfg.heldOutFraction }),
      seed: cfg.seed,
    }),
  language: (cfg) => languageSplitter<Pair>(cfg.heldOutLanguages),
  hash: (cfg) => {
    if (cfg.heldOutFraction === undefined)
      throw new ConfigError('--split-by hash needs --held-out-fraction', { field: 'heldOutFraction' });
    return hashSplitter<Pair>(cfg.heldOutFraction, cfg.seed);
  },
};

function makeSplitter(cfg: ExportConfig): Splitter<Pair> | undefined {
  return SPLITTERS[cfg.splitBy](cfg);
}

function withPreset<S extends z.ZodObject>(cmd: Command, spec: ConfigSpec<S>): Command {
  return cmd.addOption(
    new Option('--preset <name>', 'start from a named preset; flags override it').choices(
      Object.keys(spec.presets),
    ),
  );
}

function resolveFromFlags<S extends z.ZodObject>(
  spec: ConfigSpec<S>,
  opts: Record<string, unknown>,
): Readonly<z.output<S>> {
  const preset = typeof opts['preset'] === 'string' ? opts['preset'] : undefined;
  return resolveConfig(spec, preset, readSchemaOptions(spec.schema, opts));
}
