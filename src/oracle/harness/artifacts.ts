import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const building = new Map<string, Promise<void>>();

const TOUCH_EVERY_MS = 3600_000;
const touched = new Map<string, number>();

/**
 * Record that the cache entry with this marker file is in use: its times set to now (what
 * cache-prune.ts reads), unless this process did so within the last hour. Best effort: a cache
 * this user cannot write is left as it is.
 */
export function markUsed(marker: string, now = Date.now()): void {
  const last = touched.get(marker);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
  touched.set(marker, now);
  try {
    utimesSync(marker, now / 1000, now / 1000);
  } catch {
    // read-only or foreign cache: its entries then age by their build time
  }
}

/**
 * Build a trusted artifact once (outside the sandbox) into `<artifactsDir>/<kind>/<key>/`, shared
 * by every candidate and every process: built in a private temp dir, then renamed into place.
 */
export async function buildOnce(
  artifactsDir: string,
  kind: string,
  key: string,
  build: (dir: string) => Promise<void>,
): Promise<void> {
  const final = join(artifactsDir, kind, key);
  if (existsSync(join(final, '.done'))) {
    markUsed(join(final, '.done'));
    return;
  }
  let p = building.get(`${kind}/${key}`);
  if (p === undefined) {
    p = (async () => {
      mkdirSync(join(artifactsDir, kind), { recursive: true, mode: 0o755 });
      const tmp = mkdtempSync(join(artifactsDir, kind, `.build-${key}-`));
      try {
        await build(tmp);
        writeFileSync(join(tmp, '.done'), '');
        makeReadable(tmp); // mkdtemp makes it private (and a strict umask too); sandbox uids read it
        try {
          renameSync(tmp, final);
        } catch {
          // another process built it first, or a stale incomplete build is in the way
          if (!existsSync(join(final, '.done'))) {
            rmSync(final, { recursive: true, force: true });
            renameSync(tmp, final);
          }
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    })();
    building.set(`${kind}/${key}`, p);
    p.finally(() => building.delete(`${kind}/${key}`)).catch(() => undefined);
  }
  await p;
}

/** chmod a+rX below `dir`: directories searchable, files readable (executables stay executable). */
export function makeReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) makeReadable(p);
    else if (e.isFile()) chmodSync(p, statSync(p).mode & 0o111 ? 0o755 : 0o644);
  }
}
