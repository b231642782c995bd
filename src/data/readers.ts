import { readFileSync, statSync } from 'node:fs';
import jsonc from 'jsonc-parser';
import type { DataError } from '../core/errors.js';
import { assertReadableFile, readJsonl } from '../core/jsonl.js';
import { dataError } from './issues.js';

/**
 * Reading the raw records of one dataset file, JSONL or a JSON array, each with its 1-based line.
 * Bad content never throws: it comes back as `{ok: false, error}` naming file and line. Only a file
 * that cannot be opened throws (IoError).
 */
export type RawRecord =
  | { readonly line: number; readonly ok: true; readonly value: unknown }
  | { readonly line: number; readonly ok: false; readonly error: DataError };

export interface ReadOptions {
  /** records (lines, or whole JSON files) longer than this many bytes are errors (default 4 MiB) */
  readonly maxRecordBytes?: number;
}

/** The largest function pair in the shared data is 240 kB; 4 MiB leaves room and bounds memory. */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** A JSON array file is read whole: refuse files beyond this (the largest shared one is 3.5 MB). */
const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;

export async function* readJsonlRecords(path: string, opts: ReadOptions = {}): AsyncGenerator<RawRecord> {
  assertReadableFile(path);
  if (statSync(path).size === 0) {
    yield emptyFile(path);
    return;
  }
  let any = false;
  for await (const rec of readJsonl(path, {
    maxLineBytes: opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  })) {
    any = true;
    yield rec;
  }
  if (!any) yield emptyFile(path);
}

export function* readJsonArrayRecords(path: string): Generator<RawRecord> {
  assertReadableFile(path);
  const size = statSync(path).size;
  if (size === 0) {
    yield emptyFile(path);
    return;
  }
  if (size > MAX_JSON_FILE_BYTES) {
    yield {
      line: 1,
      ok: false,
      error: dataError({ file: path }, `file is larger than ${MAX_JSON_FILE_BYTES} bytes`),
    };
    return;
  }
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    yield {
      line: lineAtByte(bytes, at),
      ok: false,
      error: dataError(
        { file: path, line: lineAtByte(bytes, at) },
        `invalid UTF-8 at byte ${at}`,
        undefined,
        'the file must be UTF-8 encoded',
      ),
    };
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(why);
    const line = pos === null ? undefined : lineAtChar(text, Number(pos[1]));
    yield {
      line: line ?? 1,
      ok: false,
      error: dataError(
        line === undefined ? { file: path } : { file: path, line },
        `malformed JSON (${why})`,
        undefined,
        'the file must be one complete JSON array',
      ),
    };
    return;
  }
  if (!Array.isArray(value)) {
    yield {
      line: 1,
      ok: false,
      error: dataError({ file: path, line: 1 }, `expected a JSON array of records, got ${typeName(value)}`),
    };
    return;
  }
  if (value.length === 0) {
    yield emptyFile(path);
    return;
  }
  const lines = topLevelElementLines(text);
  for (let i = 0; i < value.length; i++) {
    yield { line: lines[i] ?? 1, ok: true, value: value[i] as unknown };
  }
}

/** 1-based line where each element of a top-level JSON array starts (jsonc-parser's visitor). */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  const element = (line: number): void => {
    if (depth === 1) lines.push(line + 1);
  };
  jsonc.visit(text, {
    onObjectBegin: (_o, _l, line) => {
      element(line);
      depth++;
    },
    onObjectEnd: () => void depth--,
    onArrayBegin: (_o, _l, line) => {
      element(line);
      depth++;
    },
    onArrayEnd: () => void depth--,
    onLiteralValue: (_v, _o, _l, line) => element(line),
  });
  return lines;
}

function emptyFile(path: string): RawRecord {
  return {
    line: 1,
    ok: false,
    error: dataError(
      { file: path },
      'file is empty: it holds no records',
      undefined,
      'the dataset file is truncated or was not copied completely; restore it from its source',
    ),
  };
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Byte offset of the first invalid UTF-8 sequence (a fresh streaming decoder per probe). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

function lineAtByte(buf: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function lineAtChar(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
