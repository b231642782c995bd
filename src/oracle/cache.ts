import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../core/fsx.js';
import { contentHash } from '../core/hash.js';
import type { Verdict } from '../core/records.js';
import type { Task } from '../suite/task.js';

/**
 * secplay's cache root: $SECPLAY_CACHE_DIR, else /var/cache/secplay as root (the sandbox uids must
 * be able to reach what is bound from it; a root home directory is private), else
 * ~/.cache/secplay.
 */
export function cacheRoot(): string {
  const env = process.env['SECPLAY_CACHE_DIR'];
  if (env !== undefined && env !== '') return env;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return '/var/cache/secplay';
  return join(homedir(), '.cache', 'secplay');
}

/** What of a task decides a verdict: the tests and the code around the candidate, not the wording. */
export function taskFingerprint(task: Task): string {
  return contentHash({
    id: task.id,
    language: task.language,
    cwes: task.cwes,
    tests: task.tests,
    testSource: task.testSource,
    epilogue: task.epilogue ?? null,
  });
}

/**
 * Content-addressed verdict cache on disk: key = (task fingerprint, candidate hash, oracle
 * version), value = the Verdict. TSP judges the same completion many times across siblings and
 * iterations; a hit costs one small file read.
 */
export class VerdictCache {
  hits = 0;
  misses = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  key(task: Task, candidateHash: string, oracleVersion: string): string {
    return contentHash({ task: taskFingerprint(task), candidate: candidateHash, oracle: oracleVersion });
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): Verdict | undefined {
    const p = this.path(key);
    if (!existsSync(p)) {
      this.misses++;
      return undefined;
    }
    try {
      const v = JSON.parse(readFileSync(p, 'utf8')) as Verdict;
      this.hits++;
      return v;
    } catch {
      this.misses++;
      return undefined; // a torn or foreign file: judge again and overwrite
    }
  }

  put(key: string, verdict: Verdict): void {
    writeJsonAtomic(this.path(key), verdict);
  }
}
