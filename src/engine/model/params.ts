import type { Rng } from '../../core/rng.js';
import type { ModelConfig } from './config.js';

/**
 * Parameters, gradients and optimizer moments live in flat Float32Arrays that share one layout;
 * each named tensor is a zero-copy view (subarray) into the flat buffer.
 */
export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
  /** init: normal(0, std), or a constant */
  readonly init:
    { readonly kind: 'normal'; readonly std: number } | { readonly kind: 'const'; readonly value: number };
  /** AdamW weight decay applies (matrices and embeddings, not biases or LayerNorm gains) */
  readonly decay: boolean;
}

export class ParamLayout {
  readonly specs: readonly ParamSpec[];
  readonly size: number;
  private readonly byName: ReadonlyMap<string, ParamSpec>;

  constructor(entries: readonly Omit<ParamSpec, 'offset' | 'size'>[]) {
    let offset = 0;
    const specs: ParamSpec[] = [];
    for (const e of entries) {
      const size = e.shape.reduce((a, b) => a * b, 1);
      specs.push({ ...e, offset, size });
      // keep every view 16-byte aligned
      offset += Math.ceil(size / 4) * 4;
    }
    this.specs = specs;
    this.size = offset;
    this.byName = new Map(specs.map((s) => [s.name, s]));
  }

  get(name: string): ParamSpec | undefined {
    return this.byName.get(name);
  }

  /** number of real parameters (without alignment padding) */
  get count(): number {
    return this.specs.reduce((a, s) => a + s.size, 0);
  }

  /** Named views of a flat buffer with this layout. */
  views(buf: Float32Array): Map<string, Float32Array> {
    return new Map(this.specs.map((s) => [s.name, buf.subarray(s.offset, s.offset + s.size)]));
  }

  alloc(): Float32Array {
    return new Float32Array(this.size);
  }
}

/** The GPT's parameter list, named like Hugging Face GPT-2 (weights stored (in, out)). */
export function gptLayout(c: ModelConfig): ParamLayout {
  const C = c.dModel;
  const F = c.mlpRatio * C;
  const std = c.initStd;
  // GPT-2: residual projections scaled by 1/sqrt(2·layers)
  const projStd = std / Math.sqrt(2 * c.nLayers);
  type Entry = Omit<ParamSpec, 'offset' | 'size'>;
  const w = (name: string, shape: number[], s = std): Entry => ({
    name,
    shape,
    init: { kind: 'normal' as const, std: s },
    decay: true,
  });
  const k = (name: string, shape: number[], value: number): Entry => ({
    name,
    shape,
    init: { kind: 'const' as const, value },
    decay: false,
  });
  const entries: Entry[] = [
    w('wte.weight', [c.vocabSize, C]),
    w('wpe.weight', [c.contextLength, C], std / 2),
  ];
  for (let l = 0; l < c.nLayers; l++) {
    const p = `h.${l}.`;
    entries.push(
      k(`${p}ln_1.weight`, [C], 1),
      k(`${p}ln_1.bias`, [C], 0),
      w(`${p}attn.c_attn.weight`, [C, 3 * C]),
      k(`${p}attn.c_attn.bias`, [3 * C], 0),
      w(`${p}attn.c_proj.weight`, [C, C], projStd),
      k(`${p}attn.c_proj.bias`, [C], 0),
      k(`${p}ln_2.weight`, [C], 1),
      k(`${p}ln_2.bias`, [C], 0),
      w(`${p}mlp.c_fc.weight`, [C, F]),
      k(`${p}mlp.c_fc.bias`, [F], 0),
      w(`${p}mlp.c_proj.weight`, [F, C], projStd),
      k(`${p}mlp.c_proj.bias`, [C], 0),
    );
  }
  entries.push(k('ln_f.weight', [C], 1), k('ln_f.bias', [C], 0));
  if (!c.tiedHead) entries.push(w('head.weight', [C, c.vocabSize]));
  return new ParamLayout(entries);
}

export function initParams(layout: ParamLayout, buf: Float32Array, rng: Rng): void {
  for (const s of layout.specs) {
    const v = buf.subarray(s.offset, s.offset + s.size);
    if (s.init.kind === 'const') v.fill(s.init.value);
    else for (let i = 0; i < v.length; i++) v[i] = rng.normal() * s.init.std;
  }
}
