import { z } from 'zod';
import { defineConfig } from '../../config/resolve.js';
import { SEVERITIES } from '../../core/records.js';

/** Options of `secplay oracle bench`; CLI flags are derived from this schema. */
export const ORACLE_BENCH = defineConfig({
  schema: z
    .object({
      source: z
        .array(z.string())
        .default(['sven', 'safecoder'])
        .describe('pair sources to measure on (sven, safecoder); empty: skip the pairs'),
      suite: z.boolean().default(true).describe('also measure on the built-in suite'),
      analyzers: z.array(z.string()).default([]).describe('analyzer ids to run; empty: every registered one'),
      minSeverity: z.enum(SEVERITIES).default('medium').describe('findings below this severity do not count'),
      radius: z
        .number()
        .int()
        .min(0)
        .max(50)
        .default(2)
        .describe('lines around a changed line that still count'),
      limitPerCell: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('at most this many pairs per language × CWE cell (first ones in file order)'),
      perTask: z.number().int().positive().default(4).describe('built-in suite instances per task'),
      seed: z.number().int().default(0).describe('seed for choosing suite instances'),
      chunkSize: z.number().int().positive().default(40).describe('pairs per analyzer call'),
      runId: z.string().optional().describe('run directory id (resume a bench by giving the same id)'),
    })
    .strict(),
  presets: {
    default: {},
    quick: { limitPerCell: 5, perTask: 1 },
  },
});

export type OracleBenchConfig = z.output<typeof ORACLE_BENCH.schema>;
