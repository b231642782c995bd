import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheStats, listCache, pruneCache } from './cache-prune.js';
import { buildOnce, markUsed } from './harness/artifacts.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
let root: string;

/** A file of `bytes` bytes whose access and modification times are `at`. */
function file(path: string, bytes: number, at: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes, 1));
  utimesSync(path, at / 1000, at / 1000);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'secplay-cache-'));
  // a runner used 2 days ago, a PCH unused for 40 days, a crashed build from 3 hours ago
  file(join(root, 'artifacts/c/aaa/runner'), 1000, NOW - 2 * DAY);
  file(join(root, 'artifacts/c/aaa/.done'), 0, NOW - 2 * DAY);
  file(join(root, 'artifacts/pch/bbb/h.gch'), 5000, NOW - 40 * DAY);
  file(join(root, 'artifacts/pch/bbb/.done'), 0, NOW - 40 * DAY);
  file(join(root, 'artifacts/pch/.build-ccc-x1/h.gch'), 700, NOW - 3 * 3600_000);
  utimesSync(
    join(root, 'artifacts/pch/.build-ccc-x1'),
    (NOW - 3 * 3600_000) / 1000,
    (NOW - 3 * 3600_000) / 1000,
  );
  // a harness copy unused for 31 days, and two verdicts: one read yesterday, one written 60 days ago
  file(join(root, 'lang/h1/worker.py'), 300, NOW - 31 * DAY);
  file(join(root, 'lang/h1/.complete'), 10, NOW - 31 * DAY);
  file(join(root, 'verdicts/ab/ab12.json'), 50, NOW - DAY);
  file(join(root, 'verdicts/cd/cd34.json'), 60, NOW - 60 * DAY);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cache listing and pruning', () => {
  it('lists every entry with its area, size and last use', () => {
    const entries = listCache(root).map((e) => ({
      area: e.area,
      kind: e.kind,
      name: e.path.slice(root.length + 1),
      bytes: e.bytes,
      days: Math.round((NOW - e.lastUsedMs) / DAY),
    }));
    expect(entries).toEqual([
      { area: 'artifacts', kind: 'c', name: 'artifacts/c/aaa', bytes: 1000, days: 2 },
      { area: 'temp', kind: 'temp', name: 'artifacts/pch/.build-ccc-x1', bytes: 700, days: 0 },
      { area: 'artifacts', kind: 'pch', name: 'artifacts/pch/bbb', bytes: 5000, days: 40 },
      { area: 'lang', kind: 'lang', name: 'lang/h1', bytes: 310, days: 31 },
      { area: 'verdicts', kind: 'verdicts', name: 'verdicts/ab/ab12.json', bytes: 50, days: 1 },
      { area: 'verdicts', kind: 'verdicts', name: 'verdicts/cd/cd34.json', bytes: 60, days: 60 },
    ]);
    const stats = cacheStats(root);
    expect(stats.bytes).toBe(1000 + 700 + 5000 + 310 + 50 + 60);
    expect(stats.rows.find((r) => r.area === 'verdicts')).toMatchObject({ entries: 2, bytes: 110 });
  });

  it('removes what was not used for the given time, and incomplete builds after an hour', () => {
    const dry = pruneCache(root, { unusedForMs: 30 * DAY, dryRun: true, now: NOW });
    const names = (r: typeof dry) => r.removed.map((e) => e.path.slice(root.length + 1));
    expect(names(dry)).toEqual([
      'artifacts/pch/.build-ccc-x1',
      'artifacts/pch/bbb',
      'lang/h1',
      'verdicts/cd/cd34.json',
    ]);
    expect(dry.freedBytes).toBe(700 + 5000 + 310 + 60);
    expect(existsSync(join(root, 'artifacts/pch/bbb'))).toBe(true); // a dry run removes nothing
    const real = pruneCache(root, { unusedForMs: 30 * DAY, now: NOW });
    expect(names(real)).toEqual(names(dry));
    expect(real.kept).toBe(2);
    expect(real.keptBytes).toBe(1050);
    for (const gone of names(real)) expect(existsSync(join(root, gone))).toBe(false);
    expect(existsSync(join(root, 'artifacts/c/aaa/runner'))).toBe(true);
    expect(existsSync(join(root, 'verdicts/ab/ab12.json'))).toBe(true);
    // a shorter limit takes the rest; a negative one is refused
    expect(pruneCache(root, { unusedForMs: DAY / 2, now: NOW }).removed).toHaveLength(2);
    expect(() => pruneCache(root, { unusedForMs: -1 })).toThrow(RangeError);
  });

  it('markUsed sets a marker’s times to now, at most once an hour per process', () => {
    const marker = join(root, 'artifacts/c/aaa/.done');
    markUsed(marker, NOW);
    expect(statSync(marker).mtimeMs).toBe(NOW);
    markUsed(marker, NOW + 600_000); // ten minutes later: not again
    expect(statSync(marker).mtimeMs).toBe(NOW);
    markUsed(marker, NOW + 3 * 3600_000);
    expect(statSync(marker).mtimeMs).toBe(NOW + 3 * 3600_000);
  });

  it('a build that is found done marks it used instead of building it again', async () => {
    const done = join(root, 'artifacts/pch/bbb/.done');
    let built = 0;
    await buildOnce(join(root, 'artifacts'), 'pch', 'bbb', () => {
      built++;
      return Promise.resolve();
    });
    expect(built).toBe(0);
    expect(Date.now() - statSync(done).mtimeMs).toBeLessThan(60_000);
    expect(pruneCache(root, { unusedForMs: 30 * DAY }).removed.map((e) => e.kind)).not.toContain('pch');
  });
});
