import {
  createReadStream,
  existsSync,
  statSync,
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  mkdirSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { DataError, IoError } from './errors.js';

/** One physical line of a JSONL file: its 1-based number and either the parsed value or why not. */
export type JsonlLine =
  | { readonly line: number; readonly ok: true; readonly value: unknown }
  | { readonly line: number; readonly ok: false; readonly error: DataError };

export interface ReadJsonlOptions {
  /** lines longer than this many bytes are reported as errors instead of parsed (default 64 MiB) */
  readonly maxLineBytes?: number;
}

const DEFAULT_MAX_LINE = 64 * 1024 * 1024;

/**
 * Stream a JSONL file line by line. Never throws for bad content: invalid UTF-8, truncated or
 * malformed JSON and over-long lines come back as `{ok: false, error}` naming file and line.
 * Blank lines are skipped. Throws IoError only if the file cannot be opened.
 */
export async function* readJsonl(path: string, options: ReadJsonlOptions = {}): AsyncGenerator<JsonlLine> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  assertReadableFile(path);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let lineNo = 0;

  const finish = (chunks: Buffer[], total: number): JsonlLine | undefined => {
    lineNo += 1;
    if (overlong) {
      overlong = false;
      return {
        line: lineNo,
        ok: false,
        error: new DataError(`line is longer than ${maxLine} bytes`, {
          file: path,
          line: lineNo,
          hint: 'split the record or raise maxLineBytes',
        }),
      };
    }
    const buf = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    let text: string;
    try {
      text = decoder.decode(buf);
    } catch {
      const at = firstInvalidUtf8(buf);
      return {
        line: lineNo,
        ok: false,
        error: new DataError(`invalid UTF-8 at byte ${at} of the line`, {
          file: path,
          line: lineNo,
          hint: 'the file must be UTF-8 encoded',
        }),
      };
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return undefined;
    try {
      return { line: lineNo, ok: true, value: JSON.parse(text) as unknown };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        line: lineNo,
        ok: false,
        error: new DataError(`malformed JSON (${why})`, {
          file: path,
          line: lineNo,
          hint: 'each line must be one complete JSON value',
        }),
      };
    }
  };

  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!overlong) {
        if (pendingBytes + (end - start) > maxLine) {
          overlong = true;
          pending = [];
          pendingBytes = 0;
        } else if (end > start) {
          pending.push(chunk.subarray(start, end));
          pendingBytes += end - start;
        }
      }
      if (nl === -1) break;
      const rec = finish(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (rec !== undefined) yield rec;
      start = nl + 1;
    }
  }
  if (pendingBytes > 0 || overlong) {
    const rec = finish(pending, pendingBytes);
    if (rec !== undefined) yield rec;
  }
}

function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // binary search for the shortest invalid prefix (truncated multi-byte sequences at the cut are tolerated
  // by stream mode); a fresh decoder per probe, since a streaming decoder carries pending bytes over
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

export function assertReadableFile(path: string): void {
  if (!existsSync(path))
    throw new IoError(`file not found: ${path}`, {
      file: path,
      hint: 'check the path, or the --data-dir / SECPLAY_DATA_DIR setting',
    });
  const st = statSync(path);
  if (!st.isFile()) throw new IoError(`not a regular file: ${path}`, { file: path });
}

/** Append-only JSONL writer; each `append` is one write() of one complete line. */
export class JsonlWriter {
  private fd: number;
  private dirty = false;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  append(value: unknown): void {
    const line = `${JSON.stringify(value)}\n`;
    if (line.includes('\n', 0) && line.indexOf('\n') !== line.length - 1) {
      // JSON.stringify never emits raw newlines; this guards against a broken toJSON
      throw new IoError('record serialised to more than one line', { file: this.path });
    }
    writeSync(this.fd, line);
    this.dirty = true;
  }

  /** make everything appended so far durable */
  sync(): void {
    if (this.dirty) fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
