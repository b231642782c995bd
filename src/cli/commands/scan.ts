import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { defineConfig, resolveConfig } from '../../config/resolve.js';
import { EXIT } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fsx.js';
import { logger } from '../../core/log.js';
import { atLeast, LANGUAGES, SEVERITIES, type Finding, type Severity } from '../../core/records.js';
import type { AnalysisNote } from '../../oracle/static/analyzer.js';
import { collectSources, COLLECT_ID } from '../../oracle/static/collect.js';
import { closeAnalyzers, runAnalyzers, type AnalyzerRun } from '../../oracle/static/registry.js';
import { toSarif } from '../../oracle/static/sarif.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';
import { setCommandExit } from './exit.js';

/** Options of `secplay scan`; the CLI flags are derived from this schema. */
export const SCAN = defineConfig({
  schema: z
    .object({
      lang: z
        .array(z.enum(LANGUAGES))
        .default([])
        .describe('only these languages: c,cpp,py,go,js (empty: all)'),
      analyzers: z
        .array(z.string())
        .default([])
        .describe('analyzer ids to run (empty: every registered one)'),
      minSeverity: z.enum(SEVERITIES).default('low').describe('drop findings below this severity'),
      format: z
        .enum(['text', 'json', 'sarif'])
        .default('text')
        .describe('report format (--json implies json)'),
      output: z.string().optional().describe('write the report to this file instead of stdout'),
      failOn: z
        .enum(SEVERITIES)
        .optional()
        .describe('exit 1 if a finding at or above this severity is reported'),
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(16 * 1024 * 1024)
        .describe('files larger than this are not read'),
      maxFiles: z.number().int().positive().default(100_000).describe('stop after this many source files'),
    })
    .strict(),
  presets: {},
});
export type ScanConfig = z.output<typeof SCAN.schema>;

export interface ScanReport {
  readonly files: number;
  readonly findings: readonly Finding[];
  readonly notes: readonly AnalysisNote[];
  readonly analyzers: {
    readonly ran: readonly string[];
    readonly missing: readonly string[];
    readonly skipped: readonly string[];
    /** analyzers that failed on some file (see notes): their findings may be incomplete */
    readonly incomplete: readonly string[];
  };
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** Collect the files under `paths` and run the analyzers; never throws for bad input files. */
export async function scan(paths: readonly string[], cfg: ScanConfig): Promise<ScanReport> {
  const langs = cfg.lang.length === 0 ? undefined : cfg.lang;
  const t0 = performance.now();
  const collected = await collectSources(paths, {
    ...(langs === undefined ? {} : { languages: langs }),
    maxBytes: cfg.maxBytes,
    maxFiles: cfg.maxFiles,
  });
  const readMs = performance.now() - t0;
  const run: AnalyzerRun = await runAnalyzers(collected.files, {
    analyzers: cfg.analyzers,
    minSeverity: cfg.minSeverity,
    ...(langs === undefined ? {} : { languages: langs }),
  });
  return {
    files: collected.files.length,
    findings: run.findings,
    notes: [...collected.notes, ...run.notes],
    analyzers: { ran: run.ran, missing: run.missing, skipped: run.skipped, incomplete: run.incomplete },
    timingsMs: {
      read: round(readMs),
      ...Object.fromEntries(Object.entries(run.timings).map(([k, v]) => [k, round(v)])),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function renderSarif(r: ScanReport): string {
  const tools = [
    ...r.analyzers.ran.map((id) => ({ id })),
    ...r.analyzers.missing.map((id) => ({ id, executionSuccessful: false })),
    ...(r.notes.some((n) => n.analyzer === COLLECT_ID) ? [{ id: COLLECT_ID }] : []),
  ];
  return `${JSON.stringify(toSarif(r.findings, { tools, notes: r.notes }), null, 2)}\n`;
}

export function renderJson(r: ScanReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function renderText(r: ScanReport): string {
  const lines = r.findings.map(
    (f) =>
      `${f.file}:${f.span.startLine}:${f.span.startColumn}: ${f.severity} ${f.cwes.join(',')} [${f.analyzer}/${f.ruleId}] ${f.message}`,
  );
  const bySeverity = [...SEVERITIES]
    .reverse()
    .map((s) => [s, r.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  const flagged = new Set(r.findings.map((f) => f.file)).size;
  lines.push(
    '',
    `${r.findings.length} finding(s) in ${flagged} of ${r.files} file(s)${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`,
    `analyzers ran: ${r.analyzers.ran.join(', ') || 'none'}` +
      (r.analyzers.missing.length > 0 ? ` · not available: ${r.analyzers.missing.join(', ')}` : '') +
      (r.analyzers.skipped.length > 0 ? ` · no files for: ${r.analyzers.skipped.join(', ')}` : '') +
      (r.analyzers.incomplete.length > 0
        ? ` · failed on some files (see notes): ${r.analyzers.incomplete.join(', ')}`
        : ''),
  );
  if (r.notes.length > 0) {
    lines.push(`notes (${r.notes.length}):`);
    for (const n of r.notes)
      lines.push(`  ${n.file === undefined ? '' : `${n.file}: `}[${n.analyzer}] ${n.message}`);
  }
  return `${lines.join('\n')}\n`;
}

const RENDER: Readonly<Record<ScanConfig['format'], (r: ScanReport) => string>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
};

/** `secplay scan <paths…>`: CWE-tagged findings of every available analyzer, as text, JSON or SARIF. */
export const scanCommand: CliCommand = {
  name: 'scan',
  register(program, ctx) {
    const cmd = program
      .command('scan')
      .argument('<paths...>', 'files or directories to scan')
      .description(
        'scan source files (C, C++, Python, Go, JavaScript) with the built-in rules and every available analyzer; text, JSON or SARIF 2.1.0',
      );
    addSchemaOptions(cmd, SCAN.schema);
    cmd.action(async (paths: string[], opts: Record<string, unknown>, command: Command) => {
      const cfg = resolveConfig(SCAN, undefined, readSchemaOptions(SCAN.schema, opts));
      const c = ctx();
      const format = c.json ? 'json' : cfg.format;
      try {
        const report = await scan(paths, cfg);
        const out = RENDER[format](report);
        if (cfg.output === undefined) process.stdout.write(out);
        else {
          writeFileAtomic(resolve(cfg.output), out);
          logger('scan').info(`wrote ${format} report to ${cfg.output}`);
        }
        if (report.files === 0) {
          logger('scan').warn('no source file could be read from the given paths (see the notes)');
          setCommandExit(command, EXIT.data);
        }
        const failOn: Severity | undefined = cfg.failOn;
        if (failOn !== undefined && report.findings.some((f) => atLeast(f.severity, failOn)))
          setCommandExit(command, EXIT.failed);
      } finally {
        await closeAnalyzers();
      }
    });
  },
};
