import onnxProto from 'onnx-proto';
import { InternalError } from '../../core/errors.js';

/**
 * A small builder of ONNX graphs with static (number) or symbolic (string) dimensions. Every value
 * carries its shape, so op helpers (ops.ts) can compute output shapes and the tape (autodiff.ts) can
 * reduce broadcast gradients. The protobuf encoding is done by `onnx-proto` (the ONNX .proto compiled
 * for protobufjs), so nothing here hand-encodes bytes.
 */
const { onnx } = onnxProto;

export type Dim = number | string;
export type DType = 'float32' | 'int64';

export interface Value {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export type Attr =
  | { readonly kind: 'int'; readonly v: number }
  | { readonly kind: 'float'; readonly v: number }
  | { readonly kind: 'ints'; readonly v: readonly number[] }
  | { readonly kind: 'string'; readonly v: string }
  | { readonly kind: 'tensor'; readonly v: ConstTensor };

/** A constant tensor (initializer or attribute). */
export interface ConstTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** Attribute constructors: ONNX needs explicit types (a JS 1.0 is not an INT). */
export const attr = {
  int: (v: number): Attr => ({ kind: 'int', v }),
  float: (v: number): Attr => ({ kind: 'float', v }),
  ints: (v: readonly number[]): Attr => ({ kind: 'ints', v }),
  str: (v: string): Attr => ({ kind: 'string', v }),
  tensor: (v: ConstTensor): Attr => ({ kind: 'tensor', v }),
};

const ELEM_TYPE: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
};

interface NodeSpec {
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: Readonly<Record<string, Attr>>;
}

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly inputs: Value[] = [];
  private readonly outputs: Value[] = [];
  private readonly inits: { name: string; t: ConstTensor }[] = [];
  private readonly constCache = new Map<string, Value>();
  private counter = 0;

  constructor(readonly name: string) {}

  fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  input(name: string, dtype: DType, shape: readonly Dim[]): Value {
    const v = { name, dtype, shape };
    this.inputs.push(v);
    return v;
  }

  /** Mark a value as a graph output, renaming it through Identity when a name is requested. */
  output(v: Value, name?: string): Value {
    if (name !== undefined && name !== v.name) {
      const [out] = this.node('Identity', [v], [{ dtype: v.dtype, shape: v.shape }], {}, { names: [name] });
      this.outputs.push(out as Value);
      return out as Value;
    }
    this.outputs.push(v);
    return v;
  }

  /** A constant as an initializer; small scalar/int constants are de-duplicated. */
  constant(t: ConstTensor, hint = 'const'): Value {
    const key =
      t.data.length <= 16 ? `${t.dtype}:${t.shape.join('x')}:${Array.from(t.data, String).join(',')}` : '';
    const cached = key === '' ? undefined : this.constCache.get(key);
    if (cached !== undefined) return cached;
    const name = this.fresh(hint);
    this.inits.push({ name, t });
    const v = { name, dtype: t.dtype, shape: t.shape };
    if (key !== '') this.constCache.set(key, v);
    return v;
  }

  f32(data: readonly number[] | Float32Array, shape: readonly number[] = [data.length]): Value {
    return this.constant({ dtype: 'float32', shape, data: Float32Array.from(data) }, 'f');
  }

  i64(data: readonly number[], shape: readonly number[] = [data.length]): Value {
    return this.constant({ dtype: 'int64', shape, data: BigInt64Array.from(data.map(BigInt)) }, 'i');
  }

  /** Append one node; `outs` gives each output's dtype and shape (computed by the caller). */
  node(
    opType: string,
    inputs: readonly (Value | null)[],
    outs: readonly { dtype: DType; shape: readonly Dim[] }[],
    attrs: Readonly<Record<string, Attr>> = {},
    opts: { domain?: string; names?: readonly string[] } = {},
  ): Value[] {
    const outputs = outs.map((o, i) => ({
      name: opts.names?.[i] ?? this.fresh(opType.toLowerCase()),
      dtype: o.dtype,
      shape: o.shape,
    }));
    this.nodes.push({
      opType,
      domain: opts.domain ?? '',
      inputs: inputs.map((v) => (v === null ? '' : v.name)),
      outputs: outputs.map((o) => o.name),
      attrs,
    });
    return outputs;
  }

  /** Single-output node. */
  op(
    opType: string,
    inputs: readonly (Value | null)[],
    out: { dtype: DType; shape: readonly Dim[] },
    attrs: Readonly<Record<string, Attr>> = {},
  ): Value {
    const [v] = this.node(opType, inputs, [out], attrs);
    if (v === undefined) throw new InternalError(`node ${opType} produced no output`);
    return v;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Serialise as an ONNX ModelProto (IR 9, opset 20, com.microsoft declared for ORT's own fusions). */
  encode(): Uint8Array {
    const model = onnx.ModelProto.fromObject({
      irVersion: 9,
      producerName: 'secplay',
      opsetImport: [
        { domain: '', version: 20 },
        { domain: 'com.microsoft', version: 1 },
      ],
      graph: {
        name: this.name,
        node: this.nodes.map((n) => ({
          opType: n.opType,
          domain: n.domain,
          input: [...n.inputs],
          output: [...n.outputs],
          attribute: Object.entries(n.attrs).map(([name, a]) => encodeAttr(name, a)),
        })),
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo),
        initializer: this.inits.map(({ name, t }) => tensorProto(name, t)),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(v: Value): Record<string, unknown> {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: ELEM_TYPE[v.dtype],
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function tensorProto(name: string, t: ConstTensor): Record<string, unknown> {
  return {
    name,
    dataType: ELEM_TYPE[t.dtype],
    dims: [...t.shape],
    rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
  };
}

function encodeAttr(name: string, a: Attr): Record<string, unknown> {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.kind) {
    case 'int':
      return { name, type: T.INT, i: a.v };
    case 'float':
      return { name, type: T.FLOAT, f: a.v };
    case 'ints':
      return { name, type: T.INTS, ints: [...a.v] };
    case 'string':
      return { name, type: T.STRING, s: new TextEncoder().encode(a.v) };
    case 'tensor':
      return { name, type: T.TENSOR, t: tensorProto(name, a.v) };
  }
}
