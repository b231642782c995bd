import { Rng } from '../../core/rng.js';
import { headDim, type ModelConfig } from './config.js';
import { MASK_NEG } from './gpt.js';
import type { FrozenWeights, StepInputs } from './model.js';

/** A decoding step's shape: B rows, P private slots, G groups sharing Pg prefix slots (G = 0: flat). */
export interface StepShape {
  readonly B: number;
  readonly P: number;
  readonly G: number;
  readonly Pg: number;
}

/**
 * Random inputs of one decoding step (for the step kernels' contract test and the benchmark):
 * normal keys, values and prefixes, random token ids and positions, and about a fifth of every
 * row's cache slots masked out as padding. Deterministic by seed.
 */
export function randomStepInputs(
  c: ModelConfig,
  s: StepShape,
  seed: number,
  weights: FrozenWeights,
): StepInputs {
  const H = c.nHeads;
  const D = headDim(c);
  const rng = new Rng(seed);
  const rnd = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const T = s.Pg + s.P + 1;
  const mask = new Float32Array(s.B * T);
  for (let b = 0; b < s.B; b++)
    for (let j = 0; j < T - 1; j++) if (rng.next() < 0.2) mask[b * T + j] = MASK_NEG;
  return {
    rows: s.B,
    slots: s.P,
    ids: BigInt64Array.from({ length: s.B }, () => BigInt(rng.int(c.vocabSize))),
    positions: BigInt64Array.from({ length: s.B }, () => BigInt(rng.int(c.contextLength))),
    mask,
    pastK: Array.from({ length: c.nLayers }, () => rnd(s.B * H * s.P * D)),
    pastV: Array.from({ length: c.nLayers }, () => rnd(s.B * H * s.P * D)),
    ...(s.G === 0
      ? {}
      : {
          prefix: {
            groups: s.G,
            slots: s.Pg,
            k: Array.from({ length: c.nLayers }, () => rnd(s.G * H * D * s.Pg)),
            v: Array.from({ length: c.nLayers }, () => rnd(s.G * H * s.Pg * D)),
          },
        }),
    weights,
    out: {
      scores: new Float32Array(s.B * 2 * c.vocabSize),
      kv: new Float32Array(s.B * H * 2 * c.nLayers * D),
    },
  };
}
