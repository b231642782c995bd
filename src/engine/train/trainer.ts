import type { ForwardResult, GptModel, WeightedSequence } from '../model/model.js';
import { AdamW, type OptimizerConfig, type StepInfo } from './optimizer.js';

export interface TrainStepResult extends ForwardResult, StepInfo {
  readonly step: number;
}

/**
 * A training step over weighted sequences: zero the gradients, accumulate them over micro-batches
 * (the model splits the batch), clip, AdamW. `accumulate` + `apply` expose the two halves for
 * objectives that need several passes before one update (DPO-style losses: a forward `score` pass
 * for the sequence log-probs, then a weighted pass with a_t = dL/dlogπ(seq)).
 */
export class Trainer {
  readonly optimizer: AdamW;
  /** optimizer steps taken */
  step = 0;
  private pending = false;

  constructor(
    readonly model: GptModel,
    config: OptimizerConfig,
  ) {
    this.optimizer = new AdamW(model.layout, config);
  }

  /** Add the gradients of these sequences (starts a fresh accumulation after an apply). */
  async accumulate(seqs: readonly WeightedSequence[]): Promise<ForwardResult> {
    if (!this.pending) this.model.zeroGrad();
    this.pending = true;
    return this.model.forwardBackward(seqs);
  }

  /** Update the parameters with the accumulated gradients. */
  apply(): StepInfo {
    if (!this.pending) this.model.zeroGrad();
    const info = this.optimizer.step(this.model.params, this.model.grads, this.step);
    this.step += 1;
    this.pending = false;
    return info;
  }

  async trainStep(seqs: readonly WeightedSequence[]): Promise<TrainStepResult> {
    const fwd = await this.accumulate(seqs);
    const info = this.apply();
    return { ...fwd, ...info, step: this.step };
  }
}
