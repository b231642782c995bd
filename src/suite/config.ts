import { z } from 'zod';
import { defineConfig } from '../config/resolve.js';
import { LANGUAGES } from '../core/records.js';

const selection = {
  family: z.array(z.string().min(1)).default([]).describe('only these families (comma list; default all)'),
  lang: z.array(z.enum(LANGUAGES)).default([]).describe('only these languages (comma list; default all)'),
  holdOutFamilies: z
    .array(z.string().min(1))
    .default([])
    .describe('families whose every instance is evaluation-only (comma list)'),
  evalFraction: z
    .number()
    .min(0)
    .max(1)
    .default(0.2)
    .describe('fraction of non-canonical instances on the evaluation side'),
};

/** `secplay suite stats` */
export const SUITE_STATS = defineConfig({
  schema: z.object({ ...selection }).strict(),
  presets: {},
});

/** `secplay suite generate`: instances for training corpora or evaluation, as JSONL */
export const SUITE_GENERATE = defineConfig({
  schema: z
    .object({
      ...selection,
      split: z.enum(['train', 'eval', 'all']).default('train').describe('which side of the train/eval split'),
      seed: z.number().int().min(0).default(0).describe('generation seed (which instances, in what order)'),
      perTask: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('at most this many instances per task (default all)'),
      out: z.string().min(1).describe('output JSONL file'),
    })
    .strict(),
  presets: {
    /** a small evaluation set: canonical tasks plus a few instances each */
    'eval-small': { split: 'eval', perTask: 5 },
    /** the training corpus used by the demo */
    'train-demo': { split: 'train', perTask: 120 },
  },
});
