import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../../core/records.js';
import type { SourceFile } from '../analyzer.js';

/** Helpers for the adapters' tests: source files and fake tool executables in a temp dir. */
export function src(path: string, language: Language, text: string): SourceFile {
  return { path, language, text };
}

export interface FakeTools {
  readonly dir: string;
  /** write an executable shell script named `name`; returns its path */
  script(name: string, body: string): string;
  cleanup(): void;
}

export function fakeTools(): FakeTools {
  const dir = mkdtempSync(join(tmpdir(), 'secplay-fake-tools-'));
  return {
    dir,
    script(name, body) {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
