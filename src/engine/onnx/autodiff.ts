import { InternalError } from '../../core/errors.js';
import type { GraphBuilder, Value } from './graph.js';

/**
 * Reverse-mode automatic differentiation over ONNX graphs built in TypeScript (a tape). Each op in
 * ops.ts emits its forward nodes and records a closure that emits its backward nodes, side by side.
 * `backward` walks the tape in reverse, sums the gradients of values used more than once, and
 * returns the gradient value of every requested input. Nothing runs here: it only builds graph
 * nodes, which onnxruntime executes.
 */
export type BackwardFn = (gradOutputs: readonly (Value | undefined)[]) => readonly (Value | undefined)[];

interface Entry {
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  readonly backward: BackwardFn;
}

export class Tape {
  private readonly entries: Entry[] = [];
  private readonly live = new Set<string>();

  /** `recording: false` builds forward-only graphs (scoring, decoding) with the same op helpers. */
  constructor(
    readonly g: GraphBuilder,
    readonly recording = true,
  ) {}

  /** Mark a value (a parameter input) as one whose gradient is wanted. */
  param(v: Value): Value {
    this.live.add(v.name);
    return v;
  }

  /** Whether a gradient flows to this value (it depends on a parameter). */
  needs(v: Value): boolean {
    return this.live.has(v.name);
  }

  /** Record an op; skipped when no input depends on a parameter (constants, token ids). */
  record(inputs: readonly Value[], outputs: readonly Value[], backward: BackwardFn): void {
    if (!this.recording || !inputs.some((v) => this.live.has(v.name))) return;
    for (const o of outputs) this.live.add(o.name);
    this.entries.push({ inputs, outputs, backward });
  }

  /**
   * Gradients of a scalar objective: `seeds` gives the gradient of each seeded value (usually the
   * logits' gradient computed in closed form by the loss). Returns the gradient of each `wrt`
   * (undefined when the value does not influence the seeds).
   */
  backward(seeds: ReadonlyMap<string, Value>, wrt: readonly Value[]): Map<string, Value | undefined> {
    if (!this.recording) throw new InternalError('backward() on a tape that does not record');
    const pending = new Map<string, Value[]>();
    const add = (v: Value, gv: Value): void => {
      const list = pending.get(v.name);
      if (list === undefined) pending.set(v.name, [gv]);
      else list.push(gv);
    };
    for (const [name, gv] of seeds) pending.set(name, [gv]);
    const total = (name: string): Value | undefined => {
      const list = pending.get(name);
      if (list === undefined || list.length === 0) return undefined;
      if (list.length === 1) return list[0];
      const first = list[0] as Value;
      const sum = this.g.op('Sum', list, { dtype: first.dtype, shape: first.shape });
      pending.set(name, [sum]);
      return sum;
    };
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as Entry;
      const gOuts = e.outputs.map((o) => total(o.name));
      if (gOuts.every((x) => x === undefined)) continue;
      const gIns = e.backward(gOuts);
      e.inputs.forEach((inp, k) => {
        const gi = gIns[k];
        if (gi !== undefined) add(inp, gi);
      });
    }
    const out = new Map<string, Value | undefined>();
    for (const w of wrt) out.set(w.name, total(w.name));
    return out;
  }
}
