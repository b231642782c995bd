import { DataError } from '../../core/errors.js';

/**
 * The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
 * length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
 * {string: string}} padded with spaces to a multiple of 8, then the tensor bytes, contiguous, in
 * offset order. Written by hand: the format is this one paragraph, and the only npm readers are
 * loaders for other ML runtimes; the tests check the layout byte by byte against the spec.
 */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: Float32Array }>;
  readonly metadata: Readonly<Record<string, string>>;
}

const DTYPE = 'F32';

export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  const seen = new Set<string>();
  for (const t of tensors) {
    if (seen.has(t.name) || t.name === '__metadata__')
      throw new DataError(`duplicate or reserved tensor name '${t.name}'`);
    seen.add(t.name);
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length)
      throw new DataError(`tensor '${t.name}' has ${t.data.length} values for shape [${t.shape.join(',')}]`);
    header[t.name] = { dtype: DTYPE, shape: [...t.shape], data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  const raw = new TextEncoder().encode(json);
  const padded = Math.ceil(raw.length / 8) * 8;
  json += ' '.repeat(padded - raw.length);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors) {
    // Float32Array bytes are little-endian on every platform Node supports (x64, arm64)
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array, file = '<buffer>'): SafetensorsFile {
  const bad = (msg: string) =>
    new DataError(`not a valid safetensors file: ${msg}`, {
      file,
      hint: 'the checkpoint is corrupt or not written by secplay',
    });
  if (bytes.length < 8) throw bad('shorter than 8 bytes');
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n > bytes.length - 8 || n > 100 * 1024 * 1024) throw bad(`header length ${n} exceeds the file`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw bad('header is not UTF-8 JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    throw bad('header is not an object');
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let metadata: Record<string, string> = {};
  const spans: [number, number][] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (
        entry === null ||
        typeof entry !== 'object' ||
        Object.values(entry).some((v) => typeof v !== 'string')
      )
        throw bad('__metadata__ must map strings to strings');
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== DTYPE) throw bad(`tensor '${name}' has dtype ${String(e.dtype)}; only F32 is supported`);
    const shape = e.shape;
    const offs = e.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      throw bad(`tensor '${name}' has a bad shape`);
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isInteger(d) && d >= 0))
      throw bad(`tensor '${name}' has bad data_offsets`);
    const [begin, end] = offs as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end < begin || end > dataLen || end - begin !== count * 4)
      throw bad(`tensor '${name}' data_offsets [${begin}, ${end}] do not fit its shape or the file`);
    spans.push([begin, end]);
    const data = new Float32Array(count);
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart + begin, dataStart + end));
    tensors.set(name, { shape: shape as number[], data });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  for (const [b, e] of spans) {
    if (b !== cursor) throw bad('tensor data overlaps or leaves holes');
    cursor = e;
  }
  if (cursor !== dataLen) throw bad('trailing bytes after the last tensor');
  return { tensors, metadata };
}
