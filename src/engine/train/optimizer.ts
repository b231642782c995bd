import { z } from 'zod';
import type { ParamLayout } from '../model/params.js';

/**
 * AdamW (Loshchilov & Hutter 2019) over flat buffers: one loop over the parameter ranges, with
 * decoupled weight decay on matrices/embeddings only, and global-norm gradient clipping folded in.
 * Written in TypeScript (about 12 ms per step for 0.94 M parameters, under 10 % of a step).
 */
export const OptimizerConfigSchema = z.strictObject({
  lr: z.number().positive().max(10).default(3e-3).describe('peak learning rate'),
  minLrRatio: z.number().min(0).max(1).default(0.1).describe('final learning rate / peak (cosine floor)'),
  warmupSteps: z.number().int().min(0).default(20).describe('linear warmup steps'),
  totalSteps: z.number().int().min(1).default(1000).describe('steps of the cosine schedule'),
  beta1: z.number().min(0).max(0.999999).default(0.9),
  beta2: z.number().min(0).max(0.999999).default(0.95),
  eps: z.number().positive().max(1).default(1e-8),
  weightDecay: z.number().min(0).max(1).default(0.1).describe('decoupled weight decay on matrices'),
  gradClip: z.number().min(0).default(1).describe('clip the global gradient norm to this (0 = off)'),
});
export type OptimizerConfig = z.output<typeof OptimizerConfigSchema>;

/** Linear warmup to the peak, then cosine decay to minLrRatio·peak at totalSteps, flat after. */
export function learningRate(c: OptimizerConfig, step: number): number {
  if (step < c.warmupSteps) return (c.lr * (step + 1)) / c.warmupSteps;
  const span = Math.max(1, c.totalSteps - c.warmupSteps);
  const progress = Math.min(1, (step - c.warmupSteps) / span);
  const min = c.lr * c.minLrRatio;
  return min + 0.5 * (c.lr - min) * (1 + Math.cos(Math.PI * progress));
}

export function globalNorm(g: Float32Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) {
    const x = g[i] as number;
    s += x * x;
  }
  return Math.sqrt(s);
}

export interface StepInfo {
  readonly lr: number;
  readonly gradNorm: number;
  readonly clipped: boolean;
}

export class AdamW {
  readonly m: Float32Array;
  readonly v: Float32Array;
  /** number of updates applied (Adam's t) */
  t = 0;

  constructor(
    readonly layout: ParamLayout,
    readonly config: OptimizerConfig,
  ) {
    this.m = layout.alloc();
    this.v = layout.alloc();
  }

  /** Apply one update at schedule position `step` (usually == t). */
  step(params: Float32Array, grads: Float32Array, step: number): StepInfo {
    const c = this.config;
    const lr = learningRate(c, step);
    const gradNorm = globalNorm(grads);
    const clipped = c.gradClip > 0 && gradNorm > c.gradClip;
    const gs = clipped ? c.gradClip / (gradNorm + 1e-6) : 1;
    this.t += 1;
    const b1 = c.beta1;
    const b2 = c.beta2;
    const bc1 = 1 - b1 ** this.t;
    const bc2 = 1 - b2 ** this.t;
    const m = this.m;
    const v = this.v;
    for (const s of this.layout.specs) {
      const decay = s.decay ? 1 - lr * c.weightDecay : 1;
      const end = s.offset + s.size;
      for (let i = s.offset; i < end; i++) {
        const g = (grads[i] as number) * gs;
        const mi = b1 * (m[i] as number) + (1 - b1) * g;
        const vi = b2 * (v[i] as number) + (1 - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] = (params[i] as number) * decay - (lr * (mi / bc1)) / (Math.sqrt(vi / bc2) + c.eps);
      }
    }
    return { lr, gradNorm, clipped };
  }
}
