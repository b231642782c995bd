import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataError, IoError } from '../../core/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../../core/fsx.js';
import { sha256 } from '../../core/hash.js';
import type { RngState } from '../../core/rng.js';
import { parseModelConfig, type ModelConfig } from '../model/config.js';
import { GptModel, type ModelOptions } from '../model/model.js';
import { gptLayout, type ParamLayout } from '../model/params.js';
import { OptimizerConfigSchema, type OptimizerConfig } from '../train/optimizer.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors.js';

/**
 * A checkpoint is a directory `step-<8 digits>/` with
 *   model.safetensors      the parameters (Hugging Face GPT-2 names, weights stored (in, out))
 *   config.json            the resolved model config
 *   optimizer.safetensors  AdamW moments `m.<param>` and `v.<param>` (training checkpoints)
 *   state.json             step, optimizer config and t, RNG state, caller state, file hashes
 * Every file is written atomically and state.json last: a checkpoint counts only when state.json
 * exists and the hashes match, so a crash mid-save leaves the previous checkpoint as the latest.
 */
export const CHECKPOINT_FORMAT = 'secplay-gpt/1';

const StateSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  step: z.number().int().min(0),
  optimizer: z.strictObject({ config: OptimizerConfigSchema, t: z.number().int().min(0) }).nullable(),
  rng: z.strictObject({ s: z.tuple([z.number(), z.number(), z.number(), z.number()]) }).nullable(),
  extra: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), z.string()),
});

export interface CheckpointData {
  readonly config: ModelConfig;
  readonly params: Float32Array;
  readonly step: number;
  readonly optimizer: {
    readonly config: OptimizerConfig;
    readonly t: number;
    readonly m: Float32Array;
    readonly v: Float32Array;
  } | null;
  readonly rng: RngState | null;
  /** caller state (data position, loss so far, …) */
  readonly extra: Readonly<Record<string, unknown>>;
}

function views(layout: ParamLayout, buf: Float32Array, prefix = ''): NamedTensor[] {
  return layout.specs.map((s) => ({
    name: `${prefix}${s.name}`,
    shape: s.shape,
    data: buf.subarray(s.offset, s.offset + s.size),
  }));
}

export function checkpointDirName(step: number): string {
  return `step-${String(step).padStart(8, '0')}`;
}

/** Write a checkpoint under `root`; returns its directory. */
export function saveCheckpoint(root: string, d: CheckpointData): string {
  const dir = join(root, checkpointDirName(d.step));
  const layout = gptLayout(d.config);
  const files: Record<string, string> = {};
  const put = (name: string, bytes: Uint8Array | string) => {
    writeFileAtomic(join(dir, name), bytes);
    files[name] = sha256(bytes);
  };
  put(
    'model.safetensors',
    encodeSafetensors(views(layout, d.params), {
      format: CHECKPOINT_FORMAT,
      config: JSON.stringify(d.config),
    }),
  );
  put('config.json', `${JSON.stringify(d.config, null, 2)}\n`);
  if (d.optimizer !== null)
    put(
      'optimizer.safetensors',
      encodeSafetensors([...views(layout, d.optimizer.m, 'm.'), ...views(layout, d.optimizer.v, 'v.')]),
    );
  writeJsonAtomic(join(dir, 'state.json'), {
    format: CHECKPOINT_FORMAT,
    step: d.step,
    optimizer: d.optimizer === null ? null : { config: d.optimizer.config, t: d.optimizer.t },
    rng: d.rng,
    extra: d.extra,
    files,
  });
  return dir;
}

function readBytes(path: string): Uint8Array {
  if (!existsSync(path))
    throw new IoError(`checkpoint file missing: ${path}`, {
      file: path,
      hint: 'the checkpoint is incomplete; use an earlier one',
    });
  return readFileSync(path);
}

function fill(
  layout: ParamLayout,
  tensors: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>,
  prefix: string,
  file: string,
): Float32Array {
  const buf = layout.alloc();
  for (const s of layout.specs) {
    const t = tensors.get(`${prefix}${s.name}`);
    if (t === undefined)
      throw new DataError(`tensor '${prefix}${s.name}' missing`, {
        file,
        hint: 'the checkpoint does not match its config',
      });
    if (t.shape.length !== s.shape.length || t.shape.some((d, i) => d !== s.shape[i]))
      throw new DataError(
        `tensor '${prefix}${s.name}' has shape [${t.shape.join(',')}], expected [${s.shape.join(',')}]`,
        { file },
      );
    buf.set(t.data, s.offset);
  }
  const present = [...tensors.keys()].filter((k) => k.startsWith(prefix)).length;
  if (present !== layout.specs.length)
    throw new DataError(`${present - layout.specs.length} unexpected tensors with prefix '${prefix}'`, {
      file,
    });
  return buf;
}

/** Load a checkpoint directory (verifies hashes, shapes and the config). */
export function loadCheckpoint(dir: string): CheckpointData {
  const statePath = join(dir, 'state.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(statePath, 'utf8'));
  } catch (cause) {
    throw new IoError(`cannot read ${statePath}`, {
      file: statePath,
      cause,
      hint: 'not a complete secplay checkpoint',
    });
  }
  const parsed = StateSchema.safeParse(raw);
  if (!parsed.success)
    throw new DataError(
      `invalid checkpoint state: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      {
        file: statePath,
      },
    );
  const st = parsed.data;
  const load = (name: string): Uint8Array => {
    const bytes = readBytes(join(dir, name));
    if (st.files[name] !== sha256(bytes))
      throw new DataError(`${name} does not match the hash recorded in state.json`, {
        file: join(dir, name),
        hint: 'the checkpoint is corrupt',
      });
    return bytes;
  };
  const config = parseModelConfig(
    JSON.parse(new TextDecoder().decode(load('config.json'))),
    `config of ${dir}`,
  );
  const layout = gptLayout(config);
  const model = decodeSafetensors(load('model.safetensors'), join(dir, 'model.safetensors'));
  const params = fill(layout, model.tensors, '', join(dir, 'model.safetensors'));
  let optimizer: CheckpointData['optimizer'] = null;
  if (st.optimizer !== null) {
    const f = join(dir, 'optimizer.safetensors');
    const opt = decodeSafetensors(load('optimizer.safetensors'), f);
    optimizer = {
      config: st.optimizer.config,
      t: st.optimizer.t,
      m: fill(layout, opt.tensors, 'm.', f),
      v: fill(layout, opt.tensors, 'v.', f),
    };
  }
  return { config, params, step: st.step, optimizer, rng: st.rng, extra: st.extra };
}

/** Complete checkpoints under `root`, oldest first. */
export function listCheckpoints(root: string): { step: number; dir: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => /^step-\d{8}$/.test(n) && existsSync(join(root, n, 'state.json')))
    .map((n) => ({ step: Number(n.slice(5)), dir: join(root, n) }))
    .sort((a, b) => a.step - b.step);
}

/** The newest complete checkpoint, or undefined. */
export function latestCheckpoint(root: string): { step: number; dir: string } | undefined {
  return listCheckpoints(root).at(-1);
}

/** Delete all but the newest `keep` checkpoints. */
export function pruneCheckpoints(root: string, keep: number): void {
  const all = listCheckpoints(root);
  for (const c of all.slice(0, Math.max(0, all.length - keep)))
    rmSync(c.dir, { recursive: true, force: true });
}

/** A ready-to-run model from a checkpoint directory (parameters only; optimizer state ignored). */
export function loadModel(dir: string, opts: ModelOptions = {}): GptModel {
  const ck = loadCheckpoint(dir);
  const model = new GptModel(ck.config, opts);
  model.params.set(ck.params);
  return model;
}
