import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { configErrorFromZodLike } from '../zod-error.js';

/**
 * The model's configuration: a pre-LayerNorm GPT decoder (Radford et al. 2019). Strict: unknown
 * keys are rejected. The resolved value is stored in every checkpoint.
 */
export const ModelConfigSchema = z
  .strictObject({
    vocabSize: z
      .number()
      .int()
      .min(2)
      .max(1 << 20)
      .describe('number of token ids'),
    contextLength: z.number().int().min(2).max(8192).describe('maximum sequence length (positions)'),
    dModel: z.number().int().min(2).max(8192).describe('residual width'),
    nLayers: z.number().int().min(1).max(128).describe('transformer blocks'),
    nHeads: z.number().int().min(1).max(256).describe('attention heads (must divide dModel)'),
    mlpRatio: z.number().int().min(1).max(16).default(4).describe('MLP hidden width / dModel'),
    tiedHead: z.boolean().default(false).describe('output head shares the token embedding'),
    lnEps: z.number().positive().max(1e-2).default(1e-5).describe('LayerNorm epsilon'),
    initStd: z.number().positive().max(1).default(0.02).describe('std of the normal weight init'),
  })
  .refine((c) => c.dModel % c.nHeads === 0, {
    message: 'dModel must be divisible by nHeads',
    path: ['nHeads'],
  });

export type ModelConfig = z.output<typeof ModelConfigSchema>;
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;

/** `tiny` trains in seconds (tests); `demo` is the reference size of the benchmark (0.94 M params). */
export const MODEL_PRESETS = {
  tiny: { vocabSize: 512, contextLength: 64, dModel: 32, nLayers: 2, nHeads: 2 },
  demo: { vocabSize: 512, contextLength: 128, dModel: 128, nLayers: 4, nHeads: 4 },
} as const satisfies Record<string, ModelConfigInput>;

export type ModelPreset = keyof typeof MODEL_PRESETS;

/** Preset (optional) + overrides → validated, frozen config. */
export function resolveModelConfig(
  preset: string | undefined,
  overrides: Record<string, unknown> = {},
): ModelConfig {
  let base: Record<string, unknown> = {};
  if (preset !== undefined) {
    const p = (MODEL_PRESETS as Record<string, ModelConfigInput | undefined>)[preset];
    if (p === undefined)
      throw new ConfigError(`unknown model preset '${preset}'`, {
        hint: `choose one of: ${Object.keys(MODEL_PRESETS).join(', ')}`,
      });
    base = { ...p };
  }
  return parseModelConfig({ ...base, ...overrides });
}

export function parseModelConfig(value: unknown, source = 'model config'): ModelConfig {
  const r = ModelConfigSchema.safeParse(value);
  if (!r.success) throw configErrorFromZodLike(r.error, value, source);
  return Object.freeze(r.data);
}

export function headDim(c: ModelConfig): number {
  return c.dModel / c.nHeads;
}
