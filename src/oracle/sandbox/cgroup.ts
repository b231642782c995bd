import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cgroup v1 memory controller group for one sandbox slot. RLIMIT_AS cannot bound programs that
 * reserve huge address ranges (AddressSanitizer's shadow memory, V8's code range), so their memory
 * is bounded here instead; the group's OOM killer ends the run and `oom_kill` counts it.
 */
export const CGROUP_MEMORY_ROOT = '/sys/fs/cgroup/memory';
/** cgroup v1 CPU accounting: the CPU time of everything a slot ran (benchmarks, diagnostics). */
export const CGROUP_CPUACCT_ROOT = '/sys/fs/cgroup/cpuacct';

export interface CpuCgroup {
  readonly procsFile: string;
  /** CPU time used by the group's processes so far, in ms */
  usageMs(): number;
  destroy(): void;
}

/** A cpuacct group, or undefined where the hierarchy is missing or not writable. */
export function createCpuCgroup(name: string, root = CGROUP_CPUACCT_ROOT): CpuCgroup | undefined {
  if (!existsSync(join(root, 'cgroup.procs'))) return undefined;
  const path = join(root, 'secplay', name);
  try {
    if (existsSync(path)) removeGroup(path);
    mkdirSync(path, { recursive: true });
  } catch {
    return undefined;
  }
  return {
    procsFile: join(path, 'cgroup.procs'),
    usageMs() {
      try {
        return Number(readFileSync(join(path, 'cpuacct.usage'), 'utf8').trim()) / 1e6;
      } catch {
        return 0;
      }
    },
    destroy() {
      removeGroup(path);
    },
  };
}

export interface MemoryCgroup {
  readonly path: string;
  /** the file a process writes its pid into to join */
  readonly procsFile: string;
  setLimit(bytes: number): void;
  /** OOM kills inside this group since it was created */
  oomKills(): number;
  destroy(): void;
}

/** Whether a v1 memory hierarchy is mounted and writable by this process. */
export function memoryCgroupsAvailable(root = CGROUP_MEMORY_ROOT): boolean {
  if (!existsSync(join(root, 'cgroup.procs'))) return false;
  try {
    mkdirSync(join(root, 'secplay'), { recursive: true });
    return true;
  } catch {
    return false;
  }
}

export function createMemoryCgroup(name: string, root = CGROUP_MEMORY_ROOT): MemoryCgroup {
  const path = join(root, 'secplay', name);
  if (existsSync(path)) removeGroup(path);
  mkdirSync(path, { recursive: true });
  const write = (file: string, value: string): void => writeFileSync(join(path, file), value);
  // no swap on these machines, but keep the group from swapping where there is some
  try {
    write('memory.swappiness', '0');
  } catch {
    // not every kernel exposes it
  }
  let lastLimit = -1;
  return {
    path,
    procsFile: join(path, 'cgroup.procs'),
    setLimit(bytes) {
      if (bytes === lastLimit) return;
      write('memory.limit_in_bytes', String(Math.floor(bytes)));
      lastLimit = bytes;
    },
    oomKills() {
      try {
        const m = /^oom_kill (\d+)$/m.exec(readFileSync(join(path, 'memory.oom_control'), 'utf8'));
        return m === null ? 0 : Number(m[1]);
      } catch {
        return 0;
      }
    },
    destroy() {
      removeGroup(path);
    },
  };
}

/** rmdir a group; processes that are still exiting keep it busy for a moment, so retry briefly. */
function removeGroup(path: string): void {
  for (let i = 0; i < 50; i++) {
    try {
      rmdirSync(path);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY') return;
      killMembers(path);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function killMembers(path: string): void {
  let pids: number[];
  try {
    pids = readFileSync(join(path, 'cgroup.procs'), 'utf8')
      .split('\n')
      .filter((x) => x !== '')
      .map(Number);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
