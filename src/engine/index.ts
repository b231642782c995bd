/**
 * The built-in transformer engine: a small GPT trained and sampled on CPU through onnxruntime
 * (MLAS kernels; whole forward+backward graphs built in TypeScript with a tape autodiff). Decoding
 * steps (one token per row) run on a fused C kernel, src/engine/native/step.c, built on first use
 * with the machine's C compiler (`ModelOptions.stepKernel`; onnxruntime's step graph where it
 * cannot be built, or with the CUDA device).
 *
 *   const model = new GptModel(resolveModelConfig('demo'), { runtime: { threads: 2, device: 'cpu' } }).init(seed);
 *   const trainer = new Trainer(model, OptimizerConfigSchema.parse({ lr: 3e-3 }));
 *   await trainer.trainStep([{ tokens, nll, unlikelihood }]);   // per-token weights, see WeightedSequence
 *   const { tokenLogp, seqLogp } = await model.score(seqs);        // forward-only log-probs
 *   const dec = new Decoder(model);
 *   const root = (await dec.prefill([KvCache.empty()], [promptIds])).caches[0];
 *   const kids = await dec.generate([root.fork(), root.fork()], { maxTokens: 48, rng, processors: [temperature(0.8), topP(0.95)] });
 *   saveCheckpoint(dir, {...}); loadCheckpoint(dir);
 *
 * Token ids only: the tokenizer lives in ./tokenizer.
 */
export { MODEL_PRESETS, ModelConfigSchema, parseModelConfig, resolveModelConfig } from './model/config.js';
export type { ModelConfig, ModelConfigInput, ModelPreset } from './model/config.js';
export { GptModel } from './model/model.js';
export type {
  ForwardResult,
  FrozenWeights,
  ModelOptions,
  StepKernel,
  WeightedSequence,
} from './model/model.js';
export { buildNativeStep, nativeStep } from './native/step.js';
export { ParamLayout, gptLayout } from './model/params.js';
export { AdamW, OptimizerConfigSchema, learningRate } from './train/optimizer.js';
export type { OptimizerConfig, StepInfo } from './train/optimizer.js';
export { Trainer } from './train/trainer.js';
export type { TrainStepResult } from './train/trainer.js';
export { PretrainConfigSchema, parsePretrainConfig, pretrain, readTokenFile } from './train/pretrain.js';
export type { PretrainConfig, PretrainResult, StepRecord } from './train/pretrain.js';
export { Decoder, logprobs } from './infer/decoder.js';
export type { Attention } from './infer/batch.js';
export type { DecoderOptions, FinishReason, GenerateOptions, Generation } from './infer/decoder.js';
export { KvBlock, KvCache } from './infer/kvcache.js';
export {
  greedy,
  logSoftmaxAt,
  multinomial,
  softmax,
  stopSequences,
  stopWhen,
  temperature,
  topK,
  topP,
} from './infer/sampling.js';
export type { LogitsProcessor, Sampler, StoppingCriterion } from './infer/sampling.js';
export {
  CHECKPOINT_FORMAT,
  latestCheckpoint,
  listCheckpoints,
  loadCheckpoint,
  loadModel,
  pruneCheckpoints,
  saveCheckpoint,
} from './checkpoint/checkpoint.js';
export type { CheckpointData } from './checkpoint/checkpoint.js';
export { decodeSafetensors, encodeSafetensors } from './checkpoint/safetensors.js';
export { DEFAULT_RUNTIME, cudaListed } from './onnx/runtime.js';
export type { Device, RuntimeOptions } from './onnx/runtime.js';
