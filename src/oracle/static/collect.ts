import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { EXTENSION_LANGUAGE, type Language } from '../../core/records.js';
import type { AnalysisNote, SourceFile } from './analyzer.js';

/**
 * Turn the paths given to `secplay scan` into SourceFiles, never throwing for bad input: what
 * cannot be read becomes a note (missing paths, broken links, symlink loops, FIFOs, binary files,
 * files over the size limit, too many files), and invalid UTF-8 is decoded with U+FFFD and noted.
 */
export interface CollectOptions {
  /** keep only these languages (default: every known language) */
  readonly languages?: readonly Language[];
  /** files larger than this are not read (default 16 MiB) */
  readonly maxBytes?: number;
  /** stop after this many source files (default 100,000) */
  readonly maxFiles?: number;
}

export interface Collected {
  readonly files: SourceFile[];
  readonly notes: AnalysisNote[];
  /** files seen but not in a wanted language (or with no known extension) */
  readonly ignored: number;
}

export const COLLECT_ID = 'scan';
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__']);
const CONCURRENCY = 16;

export function languageOfPath(path: string): Language | undefined {
  const ext = extname(path).slice(1);
  return EXTENSION_LANGUAGE[ext] ?? EXTENSION_LANGUAGE[ext.toLowerCase()];
}

/** Decode bytes as text: UTF-8 (BOM stripped), UTF-16 with a BOM; invalid UTF-8 → U+FFFD + a note. */
export function decodeSource(bytes: Uint8Array): { text: string; problem?: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      problem: 'decoded as UTF-16LE (byte-order mark)',
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      problem: 'decoded as UTF-16BE (byte-order mark)',
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    return {
      text,
      problem: `invalid UTF-8: ${bad} byte sequence(s) replaced with U+FFFD; findings near them may be off`,
    };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  return head.includes(0);
}

function errMessage(e: unknown): string {
  if (e instanceof Error) {
    const code = 'code' in e && typeof e.code === 'string' ? e.code : undefined;
    return code === undefined ? e.message : `${code}: ${e.message.replace(/^[A-Z]+: /, '')}`;
  }
  return String(e);
}

export async function collectSources(
  paths: readonly string[],
  options: CollectOptions = {},
): Promise<Collected> {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 100_000;
  const wanted = options.languages;
  const notes: AnalysisNote[] = [];
  const candidates: { path: string; language: Language }[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  let ignored = 0;
  let truncated = false;
  const note = (file: string, message: string): void => {
    notes.push({ analyzer: COLLECT_ID, file, message });
  };

  const visit = async (path: string, explicit: boolean): Promise<void> => {
    if (truncated) return;
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      // distinguish a broken or looping link from a missing path
      const link = await lstat(path).catch(() => undefined);
      note(
        path,
        link?.isSymbolicLink() === true
          ? `cannot follow symbolic link (${errMessage(e)})`
          : `cannot read (${errMessage(e)})`,
      );
      return;
    }
    if (st.isDirectory()) {
      if (!explicit && SKIP_DIRS.has(basename(path))) return;
      let real: string;
      try {
        real = await realpath(path);
      } catch (e) {
        note(path, `cannot resolve directory (${errMessage(e)})`);
        return;
      }
      if (seenDirs.has(real)) {
        note(path, 'skipped: directory already visited (symbolic link loop or duplicate path)');
        return;
      }
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch (e) {
        note(path, `cannot list directory (${errMessage(e)})`);
        return;
      }
      for (const name of entries) await visit(join(path, name), false);
      return;
    }
    if (!st.isFile()) {
      note(path, 'skipped: not a regular file (FIFO, socket or device)');
      return;
    }
    const forced = explicit && wanted !== undefined && wanted.length === 1 ? wanted[0] : undefined;
    const language = languageOfPath(path) ?? forced;
    if (language === undefined) {
      if (explicit) note(path, 'skipped: unknown language (no known file extension; pass --lang)');
      ignored++;
      return;
    }
    if (wanted !== undefined && !wanted.includes(language)) {
      ignored++;
      return;
    }
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (st.size > maxBytes) {
      note(path, `not read: ${st.size} bytes is over the ${maxBytes}-byte limit (--max-bytes)`);
      return;
    }
    if (candidates.length >= maxFiles) {
      truncated = true;
      note(path, `stopped: more than ${maxFiles} source files (--max-files); the rest were not scanned`);
      return;
    }
    candidates.push({ path, language });
  };

  for (const p of paths) await visit(p, true);

  const files: (SourceFile | undefined)[] = new Array<SourceFile | undefined>(candidates.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < candidates.length; i = next++) {
      const c = candidates[i];
      if (c === undefined) continue;
      try {
        const bytes = await readCapped(c.path, maxBytes);
        if (
          looksBinary(bytes) &&
          !(bytes[0] === 0xff && bytes[1] === 0xfe) &&
          !(bytes[0] === 0xfe && bytes[1] === 0xff)
        ) {
          note(c.path, 'skipped: binary content (NUL bytes)');
          continue;
        }
        const { text, problem } = decodeSource(bytes);
        if (problem !== undefined) note(c.path, problem);
        files[i] = { path: c.path, language: c.language, text };
      } catch (e) {
        note(c.path, `cannot read (${errMessage(e)})`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, worker));
  notes.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.message.localeCompare(b.message));
  return { files: files.filter((f): f is SourceFile => f !== undefined), notes, ignored };
}

/** Read at most `max` bytes (a file may grow between stat and read). */
async function readCapped(path: string, max: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(max, (await fh.stat()).size));
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}
