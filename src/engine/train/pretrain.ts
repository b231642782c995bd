import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, DataError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fsx.js';
import { contentHash } from '../../core/hash.js';
import { JsonlWriter } from '../../core/jsonl.js';
import { Rng } from '../../core/rng.js';
import {
  latestCheckpoint,
  loadCheckpoint,
  pruneCheckpoints,
  saveCheckpoint,
} from '../checkpoint/checkpoint.js';
import { MODEL_PRESETS, resolveModelConfig, type ModelConfig } from '../model/config.js';
import { GptModel } from '../model/model.js';
import { OptimizerConfigSchema } from './optimizer.js';
import { Trainer } from './trainer.js';
import { configErrorFromZodLike } from '../zod-error.js';

/**
 * Language-model training on a token stream (random windows), with checkpoints and bit-for-bit
 * resume: parameters, AdamW moments and t, the data RNG and the step are all restored, and the loss
 * log is cut back to the checkpoint, so a resumed run retraces the uninterrupted loss curve.
 */
export const PretrainConfigSchema = z.strictObject({
  preset: z
    .enum(Object.keys(MODEL_PRESETS) as [keyof typeof MODEL_PRESETS])
    .default('tiny')
    .describe('model size preset'),
  vocabSize: z.number().int().min(2).optional().describe('override the preset vocabulary size'),
  contextLength: z.number().int().min(2).optional().describe('override the preset context length'),
  steps: z.number().int().min(1).default(200).describe('optimizer steps in total'),
  batchSize: z.number().int().min(1).default(16).describe('sequences per step'),
  microBatch: z
    .number()
    .int()
    .min(1)
    .default(16)
    .describe('sequences per forward/backward (gradient accumulation)'),
  lr: z.number().positive().default(3e-3).describe('peak learning rate'),
  warmupSteps: z.number().int().min(0).default(20).describe('linear warmup steps'),
  minLrRatio: z.number().min(0).max(1).default(0.1).describe('final / peak learning rate'),
  weightDecay: z.number().min(0).max(1).default(0.1).describe('AdamW weight decay'),
  gradClip: z.number().min(0).default(1).describe('global gradient-norm clip (0 = off)'),
  seed: z.number().int().min(0).default(1).describe('seed of the init and the data order'),
  checkpointEvery: z.number().int().min(1).default(50).describe('save a checkpoint every N steps'),
  keepCheckpoints: z.number().int().min(1).default(2).describe('checkpoints to keep'),
  threads: z.number().int().min(1).max(256).default(2).describe('kernel threads (intra-op)'),
});
export type PretrainConfig = z.output<typeof PretrainConfigSchema>;

export function parsePretrainConfig(value: unknown): PretrainConfig {
  const r = PretrainConfigSchema.safeParse(value);
  if (!r.success) throw configErrorFromZodLike(r.error, value, 'training config');
  return r.data;
}

export interface StepRecord {
  readonly step: number;
  readonly loss: number;
  readonly lr: number;
  readonly gradNorm: number;
}

export interface PretrainResult {
  readonly resumedFrom: number | null;
  readonly steps: number;
  readonly lastLoss: number;
  readonly checkpoint: string;
  readonly tokensPerSecond: number;
}

/** Token ids from a file: a JSON array, or raw little-endian uint16 (nanoGPT's .bin). */
export function readTokenFile(path: string): Int32Array {
  if (!existsSync(path))
    throw new DataError(`token file not found: ${path}`, {
      file: path,
      hint: 'pass an existing token file (a JSON array or uint16 .bin)',
    });
  const bytes = readFileSync(path);
  if (path.endsWith('.json')) {
    let arr: unknown;
    try {
      arr = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new DataError('token file is not valid JSON', {
        file: path,
        hint: 'expected an array of token ids',
      });
    }
    if (!Array.isArray(arr) || !arr.every((x) => Number.isInteger(x) && (x as number) >= 0))
      throw new DataError('token file must hold an array of non-negative integers', { file: path });
    return Int32Array.from(arr as number[]);
  }
  if (bytes.length % 2 !== 0)
    throw new DataError(`binary token file has an odd size (${bytes.length} bytes)`, {
      file: path,
      hint: 'expected uint16 little-endian ids',
    });
  const out = new Int32Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt16LE(2 * i);
  return out;
}

function modelConfigOf(c: PretrainConfig): ModelConfig {
  return resolveModelConfig(c.preset, {
    ...(c.vocabSize === undefined ? {} : { vocabSize: c.vocabSize }),
    ...(c.contextLength === undefined ? {} : { contextLength: c.contextLength }),
  });
}

export async function pretrain(opts: {
  readonly tokens: Int32Array;
  readonly out: string;
  readonly config: PretrainConfig;
  readonly resume: boolean;
  readonly onStep?: (r: StepRecord) => void;
}): Promise<PretrainResult> {
  const cfg = opts.config;
  const mc = modelConfigOf(cfg);
  const T = mc.contextLength;
  if (opts.tokens.length < T + 2)
    throw new DataError(
      `the token stream has ${opts.tokens.length} tokens; at least ${T + 2} are needed for windows of ${T + 1}`,
    );
  let maxId = 0;
  for (const id of opts.tokens) if (id > maxId) maxId = id;
  if (maxId >= mc.vocabSize)
    throw new DataError(`token id ${maxId} is outside the vocabulary of ${mc.vocabSize}`, {
      hint: 'pass --vocab-size or retokenize',
    });
  const optimizer = OptimizerConfigSchema.parse({
    lr: cfg.lr,
    warmupSteps: cfg.warmupSteps,
    minLrRatio: cfg.minLrRatio,
    weightDecay: cfg.weightDecay,
    gradClip: cfg.gradClip,
    totalSteps: cfg.steps,
  });
  const model = new GptModel(mc, {
    runtime: { threads: cfg.threads, device: 'cpu' },
    microBatch: Math.min(cfg.microBatch, cfg.batchSize),
  });
  const trainer = new Trainer(model, optimizer);
  const ckptRoot = join(opts.out, 'checkpoints');
  const logPath = join(opts.out, 'loss.jsonl');
  // everything that shapes the loss curve; a resume must match it
  const runHash = contentHash({
    cfg: { ...cfg, steps: undefined, checkpointEvery: undefined, keepCheckpoints: undefined },
    data: opts.tokens.length,
  });
  let rng = new Rng(`${cfg.seed}:data`);
  let resumedFrom: number | null = null;
  const latest = opts.resume ? latestCheckpoint(ckptRoot) : undefined;
  if (latest !== undefined) {
    const ck = loadCheckpoint(latest.dir);
    if (ck.extra['runHash'] !== runHash)
      throw new ConfigError(`cannot resume from ${latest.dir}: it was trained with other options or data`, {
        hint: 'resume with the same options, or choose another --out',
      });
    model.params.set(ck.params);
    if (ck.optimizer === null || ck.rng === null)
      throw new DataError('training checkpoint lacks optimizer or RNG state', { file: latest.dir });
    trainer.optimizer.m.set(ck.optimizer.m);
    trainer.optimizer.v.set(ck.optimizer.v);
    trainer.optimizer.t = ck.optimizer.t;
    trainer.step = ck.step;
    rng = Rng.fromState(ck.rng);
    resumedFrom = ck.step;
    // drop log lines of steps after the checkpoint: they are about to be redone
    if (existsSync(logPath)) {
      const kept = readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((line) => {
          if (line.trim() === '') return false;
          try {
            return (JSON.parse(line) as StepRecord).step <= ck.step;
          } catch {
            return false; // a torn last line
          }
        });
      writeFileAtomic(logPath, kept.map((l) => `${l}\n`).join(''));
    }
  } else {
    if (existsSync(logPath) && !opts.resume)
      throw new ConfigError(`${opts.out} already holds a training run`, {
        hint: 'pass --resume to continue it, or choose another --out',
      });
    model.init(cfg.seed);
    writeFileAtomic(logPath, '');
  }
  const log = new JsonlWriter(logPath);
  const save = (): string => {
    const dir = saveCheckpoint(ckptRoot, {
      config: mc,
      params: model.params,
      step: trainer.step,
      optimizer: {
        config: optimizer,
        t: trainer.optimizer.t,
        m: trainer.optimizer.m,
        v: trainer.optimizer.v,
      },
      rng: rng.state(),
      extra: { runHash, trainConfig: cfg },
    });
    pruneCheckpoints(ckptRoot, cfg.keepCheckpoints);
    return dir;
  };
  let lastLoss = Number.NaN;
  let checkpoint = latest?.dir ?? '';
  const t0 = performance.now();
  let trained = 0;
  while (trainer.step < cfg.steps) {
    const seqs = Array.from({ length: cfg.batchSize }, () => {
      const start = rng.int(opts.tokens.length - T - 1);
      const tokens = opts.tokens.subarray(start, start + T + 1);
      const w = 1 / (cfg.batchSize * T);
      return { tokens, nll: Float32Array.from(tokens, (_, t) => (t === 0 ? 0 : w)) };
    });
    const r = await trainer.trainStep(seqs);
    trained += cfg.batchSize * T;
    lastLoss = r.loss;
    const rec: StepRecord = { step: trainer.step, loss: r.loss, lr: r.lr, gradNorm: r.gradNorm };
    log.append(rec);
    opts.onStep?.(rec);
    if (trainer.step % cfg.checkpointEvery === 0 || trainer.step === cfg.steps) checkpoint = save();
  }
  log.close();
  await model.release();
  const secs = (performance.now() - t0) / 1000;
  return {
    resumedFrom,
    steps: trainer.step,
    lastLoss,
    checkpoint,
    tokensPerSecond: secs > 0 ? trained / secs : 0,
  };
}
