import type { Language } from '../../core/records.js';
import type { Bind } from '../sandbox/sandbox.js';
import { LANG_INSIDE, type Harness, type WorkerKind } from './harness.js';
import { cHarness } from './c.js';
import { goHarness } from './go.js';
import { jsHarness } from './js.js';
import { pythonHarness } from './python.js';
import type { WorkerSpec } from './worker.js';

/** The explicit table of per-language harnesses. */
export const HARNESSES: Readonly<Record<Language, Harness>> = {
  py: pythonHarness,
  c: cHarness('c'),
  cpp: cHarness('cpp'),
  js: jsHarness,
  go: goHarness,
};

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * The judging workers, by kind. Limits here are those of the whole long-lived sandbox; each
 * candidate's child process sets its own tighter ones. No RLIMIT_AS on the sandbox (ASan and node
 * need a huge address space): the memory cgroup bounds it. nproc is high enough for Go's threads.
 */
export const WORKER_SPECS: Readonly<Record<WorkerKind, (binds: readonly Bind[]) => WorkerSpec>> = {
  python: (binds) => ({
    kind: 'python',
    argv: ['/usr/bin/python3', '-I', `${LANG_INSIDE}/worker/worker.py`],
    binds,
    limits: {
      addressSpaceBytes: null,
      memoryBytes: 2 * GiB,
      nproc: 512,
      nofile: 1024,
      fileSizeBytes: 64 * MiB,
      tmpfsBytes: 512 * MiB,
    },
  }),
  node: (binds) => ({
    kind: 'node',
    argv: ['/usr/bin/node', '--max-old-space-size=512', `${LANG_INSIDE}/js/worker.cjs`],
    binds,
    limits: {
      addressSpaceBytes: null,
      memoryBytes: 2 * GiB,
      nproc: 256,
      nofile: 1024,
      fileSizeBytes: 64 * MiB,
      tmpfsBytes: 256 * MiB,
    },
  }),
};
