import * as ort from 'onnxruntime-node';
import { EnvironmentError, InternalError } from '../../core/errors.js';

/**
 * The only module that touches onnxruntime-node (MLAS kernels on CPU, optionally the CUDA execution
 * provider). Everything else passes plain typed arrays. Inputs are zero-copy (a Float32Array view is
 * read in place by every run, so weights are wrapped once and updated in place); outputs are copied
 * unless a preallocated destination is given.
 */
export type Device = 'cpu' | 'cuda';

export interface RuntimeOptions {
  /** intra-op threads of the CPU kernels (default 2) */
  readonly threads: number;
  readonly device: Device;
  /**
   * let idle kernel threads spin (onnxruntime's default). Off by default: on a shared 2-core machine
   * a spinning thread steals the core its partner needs; measured on the reference training graph
   * under load, spinning off gave 414–527 ms/step against 805–911 ms with it on.
   */
  readonly spinning?: boolean;
}

export const DEFAULT_RUNTIME: RuntimeOptions = { threads: 2, device: 'cpu' };

/** A typed array that can be fed as a tensor. */
export type TensorData = Float32Array | BigInt64Array;

export interface Feed {
  readonly data: TensorData;
  readonly dims: readonly number[];
}

/** A reusable input: the tensor object is created once over a buffer that the caller mutates in place. */
export class BoundTensor implements Feed {
  readonly tensor: ort.Tensor;
  constructor(
    readonly data: TensorData,
    readonly dims: readonly number[],
  ) {
    this.tensor = makeTensor(data, dims);
  }
}

function makeTensor(data: TensorData, dims: readonly number[]): ort.Tensor {
  return data instanceof Float32Array
    ? new ort.Tensor('float32', data, dims)
    : new ort.Tensor('int64', data, dims);
}

/**
 * Tensor wrappers of buffers fed again and again (a decode loop's caches and step inputs), reused
 * while the buffer and its dims stay the same: a wrapper reads the buffer in place, so reusing it
 * only saves building it (a measurable share of a sub-millisecond decode step).
 */
const wrappers = new WeakMap<TensorData, { readonly key: string; readonly tensor: ort.Tensor }>();

function tensorOf(data: TensorData, dims: readonly number[]): ort.Tensor {
  const key = dims.join(',');
  const hit = wrappers.get(data);
  if (hit !== undefined && hit.key === key) return hit.tensor;
  const tensor = makeTensor(data, dims);
  wrappers.set(data, { key, tensor });
  return tensor;
}

export class Session {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly outputNames: readonly string[],
  ) {}

  static async create(model: Uint8Array, opts: RuntimeOptions = DEFAULT_RUNTIME): Promise<Session> {
    if (!Number.isInteger(opts.threads) || opts.threads < 1)
      throw new InternalError(`threads must be a positive integer, got ${opts.threads}`);
    const providers: ort.InferenceSession.ExecutionProviderConfig[] =
      opts.device === 'cuda' ? ['cuda', 'cpu'] : ['cpu'];
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(model, {
        executionProviders: providers,
        intraOpNumThreads: opts.threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        extra: { session: { intra_op: { allow_spinning: opts.spinning === true ? '1' : '0' } } },
      });
    } catch (cause) {
      const msg = cause instanceof Error ? cause.message : String(cause);
      if (opts.device === 'cuda')
        throw new EnvironmentError(`cannot create a CUDA session: ${msg}`, {
          cause,
          hint: 'install the CUDA execution provider of onnxruntime-node, or use device "cpu"',
        });
      throw new InternalError(`onnxruntime rejected a generated graph: ${msg}`, { cause });
    }
    return new Session(session, session.outputNames);
  }

  /**
   * Run the graph. `into` names outputs to be written into caller-owned buffers (no allocation);
   * the other requested outputs are returned as fresh arrays.
   */
  async run(
    feeds: Readonly<Record<string, Feed>>,
    want: readonly string[],
    into: Readonly<Record<string, Feed>> = {},
  ): Promise<Record<string, TensorData>> {
    const f: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds))
      f[k] = v instanceof BoundTensor ? v.tensor : tensorOf(v.data, v.dims);
    const fetches: Record<string, ort.Tensor | null> = {};
    for (const name of want) {
      const dst = into[name];
      fetches[name] =
        dst === undefined ? null : dst instanceof BoundTensor ? dst.tensor : tensorOf(dst.data, dst.dims);
    }
    const res = await this.session.run(f, fetches);
    const out: Record<string, TensorData> = {};
    for (const name of want) {
      const dst = into[name];
      if (dst !== undefined) {
        // onnxruntime-node writes preallocated outputs in place (runtime.test.ts checks it)
        out[name] = dst.data;
        continue;
      }
      const t = res[name];
      if (t === undefined) throw new InternalError(`graph output '${name}' missing`);
      const data = t.data;
      if (!(data instanceof Float32Array) && !(data instanceof BigInt64Array))
        throw new InternalError(`graph output '${name}' has unsupported type ${t.type}`);
      out[name] = data;
    }
    return out;
  }

  /**
   * Bind inputs and preallocated outputs once for runs repeated over the same buffers (a decode
   * loop's steps): each call of the result runs the graph, reading the inputs as they are then and
   * writing the outputs in place, without building tensors or result records.
   */
  prepare(feeds: Readonly<Record<string, Feed>>, into: Readonly<Record<string, Feed>>): () => Promise<void> {
    const f: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = makeTensor(v.data, v.dims);
    const fetches: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(into)) fetches[k] = makeTensor(v.data, v.dims);
    return async () => {
      await this.session.run(f, fetches);
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Whether this onnxruntime-node build lists the CUDA provider (its libraries may still be missing). */
export function cudaListed(): boolean {
  return ort.listSupportedBackends().some((b) => b.name === 'cuda');
}
