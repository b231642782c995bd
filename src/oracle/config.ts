import { z } from 'zod';
import { defineConfig } from '../config/resolve.js';
import { LANGUAGES, SEVERITIES } from '../core/records.js';
import { DEFAULT_HARNESS_OPTIONS } from './harness/harness.js';
import { DEFAULT_MAX_SOURCE_BYTES } from './input.js';

/** Options of `secplay judge` and `secplay suite check`; CLI flags are derived from these. */

const familiesDir = z
  .string()
  .min(1)
  .optional()
  .describe('directory of task families (default: the built-in suite)');

const judging = {
  analyzers: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "static analyzers whose in-family findings make a candidate insecure (comma list; 'none' for the dynamic tests only; default: every registered analyzer)",
    ),
  severityThreshold: z
    .enum(SEVERITIES)
    .default('medium')
    .describe('static findings below this severity do not count'),
  workers: z
    .number()
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('parallel sandbox workers (default: two per core)'),
  testTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(DEFAULT_HARNESS_OPTIONS.testTimeoutMs)
    .describe('wall limit of one test, in ms'),
  jobTimeoutMs: z
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(DEFAULT_HARNESS_OPTIONS.jobTimeoutMs)
    .describe("wall limit of one candidate's compile and tests, in ms"),
};

export const JUDGE = defineConfig({
  schema: z
    .object({
      task: z.string().min(1).describe('task id: <family>/<lang> (canonical) or <family>/<lang>#<hash>'),
      familiesDir,
      file: z.string().min(1).describe("the candidate: the model's whole source file"),
      cache: z.boolean().default(true).describe('use the content-hash verdict cache'),
      maxSourceBytes: z
        .number()
        .int()
        .positive()
        .default(DEFAULT_MAX_SOURCE_BYTES)
        .describe('larger candidates are rejected as too_large'),
      ...judging,
    })
    .strict(),
  presets: {},
});

export const SUITE_CHECK = defineConfig({
  schema: z
    .object({
      family: z
        .array(z.string().min(1))
        .default([])
        .describe('only these families (comma list; default all)'),
      lang: z
        .array(z.enum(LANGUAGES))
        .default([])
        .describe(`only these languages (${LANGUAGES.join(', ')})`),
      cache: z.boolean().default(false).describe('reuse cached verdicts of the references'),
      familiesDir,
      ...judging,
    })
    .strict(),
  presets: {},
});

export const SUITE_LIST = defineConfig({
  schema: z
    .object({
      family: z
        .array(z.string().min(1))
        .default([])
        .describe('only these families (comma list; default all)'),
      lang: z
        .array(z.enum(LANGUAGES))
        .default([])
        .describe(`only these languages (${LANGUAGES.join(', ')})`),
      familiesDir,
    })
    .strict(),
  presets: {},
});

/** `secplay cache stats`: nothing to configure (the root is $SECPLAY_CACHE_DIR or the default). */
export const CACHE_STATS = defineConfig({ schema: z.object({}).strict(), presets: {} });

/** `secplay cache prune` */
export const CACHE_PRUNE = defineConfig({
  schema: z
    .object({
      unusedForDays: z
        .number()
        .min(0)
        .default(30)
        .describe('remove entries not used for this many days (fractions allowed; 0 removes everything)'),
      dryRun: z.boolean().default(false).describe('list what would be removed, remove nothing'),
    })
    .strict(),
  presets: {},
});
