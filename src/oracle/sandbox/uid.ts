import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxUnavailableError } from '../../core/errors.js';

/**
 * Per-worker host uids. RLIMIT_NPROC counts processes per host uid, so two sandboxes sharing a uid
 * could starve each other (a fork bomb in one blocks forks in the other); every live sandbox holds
 * its own uid. Leases are lock files created with O_EXCL that record the holder's pid; a lease
 * whose holder is dead is taken over. No passwd entry is needed for these uids.
 */
export const UID_BASE = 60001;
export const UID_COUNT = 999;

function leaseDir(): string {
  return join(process.env['SECPLAY_SANDBOX_LEASES'] ?? tmpdir(), 'secplay-sandbox-uids');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface UidLease {
  readonly uid: number;
  release(): void;
}

export function leaseUid(): UidLease {
  const dir = leaseDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // start at a pid-dependent offset so parallel processes rarely contend for the same files
  const start = process.pid % UID_COUNT;
  for (let i = 0; i < UID_COUNT; i++) {
    const uid = UID_BASE + ((start + i) % UID_COUNT);
    const path = join(dir, String(uid));
    if (tryCreate(path)) return makeLease(uid, path);
    let holder: number;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue;
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      rmSync(path, { force: true });
      if (tryCreate(path)) return makeLease(uid, path);
    }
  }
  throw new SandboxUnavailableError(`no free sandbox uid in ${UID_BASE}..${UID_BASE + UID_COUNT - 1}`, {
    file: dir,
    hint: 'too many sandboxes are running; stop some, or remove stale lease files',
  });
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    return false;
  }
}

function makeLease(uid: number, path: string): UidLease {
  let released = false;
  return {
    uid,
    release() {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}
