import { z } from 'zod';
import { defineConfig } from '../config/resolve.js';
import { DEFAULT_MAX_RECORD_BYTES } from './readers.js';
import { PAIR_SOURCE_IDS, SOURCE_IDS } from './sources.js';

/** Options of `secplay data stats` and `secplay data export`; CLI flags are derived from these. */

const sourceEnum = z.enum(SOURCE_IDS);
const pairSourceEnum = z.enum(PAIR_SOURCE_IDS);

const common = {
  strict: z
    .boolean()
    .default(false)
    .describe('fail on the first bad record instead of skipping and counting it'),
  maxRecordBytes: z
    .number()
    .int()
    .positive()
    .default(DEFAULT_MAX_RECORD_BYTES)
    .describe('records (JSONL lines) longer than this many bytes are reported as bad'),
};

export const DATA_STATS = defineConfig({
  schema: z
    .object({
      source: z
        .array(sourceEnum)
        .min(1)
        .default(SOURCE_IDS)
        .describe(`sources to load (${SOURCE_IDS.join(', ')})`),
      ...common,
    })
    .strict(),
  presets: {
    all: {},
    pairs: { source: PAIR_SOURCE_IDS },
  },
});

export const SPLIT_BY = ['none', 'cwe', 'language', 'hash'] as const;

export const DATA_EXPORT = defineConfig({
  schema: z
    .object({
      out: z.string().min(1).describe('the JSONL file to write (Pair records, one a line)'),
      source: z
        .array(pairSourceEnum)
        .min(1)
        .default(['sven', 'safecoder'])
        .describe(`pair sources to export (${PAIR_SOURCE_IDS.join(', ')})`),
      ...common,
      splits: z
        .array(z.string())
        .default([])
        .describe("the sources' splits to keep (train, val); empty: all"),
      languages: z
        .array(z.string())
        .default([])
        .describe('languages to keep (c, cpp, py, go, js, rb, java); empty: all'),
      cwes: z.array(z.string()).default([]).describe('CWEs to keep (CWE-89, ...); empty: all'),
      keepIdentical: z.boolean().default(false).describe('keep pairs whose before and after are identical'),
      keepDuplicates: z.boolean().default(false).describe('keep pairs whose code duplicates an earlier pair'),
      splitBy: z.enum(SPLIT_BY).default('none').describe('deterministic split to apply before writing'),
      heldOutCwes: z.array(z.string()).default([]).describe('with --split-by cwe: the CWEs to hold out'),
      heldOutFraction: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('with --split-by cwe|hash: the fraction of CWEs (or records) to hold out, chosen by hash'),
      heldOutLanguages: z
        .array(z.string())
        .default([])
        .describe('with --split-by language: the languages to hold out'),
      seed: z.number().int().default(0).describe('salt of the split hash'),
      side: z.enum(['kept', 'held-out']).default('kept').describe('which side of the split to write'),
    })
    .strict(),
  presets: {
    default: {},
    /** train on these, evaluate unseen-CWE generalisation on the rest */
    'unseen-cwe': { splitBy: 'cwe', heldOutFraction: 0.3, seed: 0 },
    /** the languages of our five only */
    'five-languages': { languages: ['c', 'cpp', 'py', 'go', 'js'] },
    /** transfer: C/C++ only */
    'c-family': { languages: ['c', 'cpp'] },
  },
});
