import { existsSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What secplay keeps under its cache root (cacheRoot()), and its removal when unused. Everything
 * there is rebuilt on demand, but nothing is ever replaced in place: a new compiler, harness or
 * oracle version gets new keys, so without pruning the root only grows (C++ precompiled headers
 * are 20–60 MB each, and every change of their recipe makes a new set).
 *
 *   artifacts/<kind>/<key>/   trusted builds (runners, PCHs, the Go build cache), `.done` when complete
 *   artifacts/<kind>/.build-* builds in progress, or left by a crash
 *   lang/<hash>/              copies of the harness files, `.complete` when complete
 *   verdicts/<xx>/<key>.json  cached verdicts
 *
 * When an entry was last used: the later of its marker's access and modification times. Builds and
 * judges touch the markers of what they use (`markUsed` in harness/artifacts.ts, at most once an hour per process); a
 * verdict file's access time is kept by the kernel (relatime: at least daily).
 */
export type CacheArea = 'artifacts' | 'lang' | 'verdicts' | 'temp';

export interface CacheEntry {
  readonly area: CacheArea;
  /** the artifact kind (c, pch, go…), or the area again */
  readonly kind: string;
  readonly path: string;
  readonly bytes: number;
  readonly lastUsedMs: number;
}

/** Bytes of the files below `path` (symbolic links not followed). */
function sizeOf(path: string): number {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st === undefined) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(path)) total += sizeOf(join(path, name));
  return total;
}

/** When a marker or verdict file was last used: the later of its access and modification times. */
function lastUse(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  return st === undefined ? 0 : Math.max(st.atimeMs, st.mtimeMs);
}

/** When an incomplete entry last changed (a directory's access time moves when it is listed, by this module too). */
function lastChange(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function dirs(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Every entry under `root`, with its size and when it was last used. */
export function listCache(root: string): CacheEntry[] {
  const out: CacheEntry[] = [];
  const artifacts = join(root, 'artifacts');
  for (const kind of dirs(artifacts))
    for (const key of dirs(join(artifacts, kind))) {
      const path = join(artifacts, kind, key);
      const done = join(path, '.done');
      const complete = !key.startsWith('.') && existsSync(done);
      out.push({
        area: complete ? 'artifacts' : 'temp',
        kind: complete ? kind : 'temp',
        path,
        bytes: sizeOf(path),
        lastUsedMs: complete ? lastUse(done) : lastChange(path),
      });
    }
  for (const hash of dirs(join(root, 'lang'))) {
    const path = join(root, 'lang', hash);
    const marker = join(path, '.complete');
    const complete = existsSync(marker);
    out.push({
      area: complete ? 'lang' : 'temp',
      kind: complete ? 'lang' : 'temp',
      path,
      bytes: sizeOf(path),
      lastUsedMs: complete ? lastUse(marker) : lastChange(path),
    });
  }
  const verdicts = join(root, 'verdicts');
  for (const shard of dirs(verdicts))
    for (const e of readdirSync(join(verdicts, shard), { withFileTypes: true })) {
      if (!e.isFile()) continue;
      const path = join(verdicts, shard, e.name);
      out.push({ area: 'verdicts', kind: 'verdicts', path, bytes: sizeOf(path), lastUsedMs: lastUse(path) });
    }
  return out;
}

export interface PruneOptions {
  /** remove entries not used for this long */
  readonly unusedForMs: number;
  /** list what would be removed, remove nothing */
  readonly dryRun?: boolean;
  readonly now?: number;
}

export interface PruneResult {
  readonly root: string;
  readonly dryRun: boolean;
  readonly removed: readonly CacheEntry[];
  readonly kept: number;
  readonly freedBytes: number;
  readonly keptBytes: number;
}

/** Incomplete builds are removed after an hour at most: a real build takes a few minutes. */
const TEMP_MAX_AGE_MS = 3600_000;

/** Remove the entries of `root` unused for `unusedForMs` (incomplete builds after at most an hour). */
export function pruneCache(root: string, o: PruneOptions): PruneResult {
  if (!Number.isFinite(o.unusedForMs) || o.unusedForMs < 0)
    throw new RangeError(`unusedForMs must be a non-negative number, got ${o.unusedForMs}`);
  const now = o.now ?? Date.now();
  const removed: CacheEntry[] = [];
  let kept = 0;
  let keptBytes = 0;
  for (const e of listCache(root)) {
    const maxAge = e.area === 'temp' ? Math.min(o.unusedForMs, TEMP_MAX_AGE_MS) : o.unusedForMs;
    if (now - e.lastUsedMs >= maxAge) {
      if (o.dryRun !== true) rmSync(e.path, { recursive: true, force: true });
      removed.push(e);
    } else {
      kept++;
      keptBytes += e.bytes;
    }
  }
  return {
    root,
    dryRun: o.dryRun === true,
    removed,
    kept,
    freedBytes: removed.reduce((t, e) => t + e.bytes, 0),
    keptBytes,
  };
}

export interface CacheStatsRow {
  readonly area: CacheArea;
  readonly kind: string;
  readonly entries: number;
  readonly bytes: number;
  /** the least and the most recently used entry */
  readonly oldestUseMs: number;
  readonly newestUseMs: number;
}

/** Entries, bytes and use times per area and kind. */
export interface CacheStats {
  readonly root: string;
  readonly rows: readonly CacheStatsRow[];
  readonly bytes: number;
}

export function cacheStats(root: string): CacheStats {
  const by = new Map<string, CacheStatsRow>();
  for (const e of listCache(root)) {
    const key = `${e.area}/${e.kind}`;
    const r = by.get(key);
    by.set(
      key,
      r === undefined
        ? {
            area: e.area,
            kind: e.kind,
            entries: 1,
            bytes: e.bytes,
            oldestUseMs: e.lastUsedMs,
            newestUseMs: e.lastUsedMs,
          }
        : {
            ...r,
            entries: r.entries + 1,
            bytes: r.bytes + e.bytes,
            oldestUseMs: Math.min(r.oldestUseMs, e.lastUsedMs),
            newestUseMs: Math.max(r.newestUseMs, e.lastUsedMs),
          },
    );
  }
  const rows = [...by.values()].sort((a, b) => (a.area + a.kind).localeCompare(b.area + b.kind));
  return { root, rows, bytes: rows.reduce((t, r) => t + r.bytes, 0) };
}
