import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fixture locations and a scratch data directory for the data-layer tests. */
export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/data/', import.meta.url));
export const GOOD = join(FIXTURES, 'good');
export const BAD = join(FIXTURES, 'bad');

/** The SVEN file that the malformed-file tests replace. */
export const SVEN_089 = 'sven/data_train_val/train/cwe-089.jsonl';

/** A copy of the good fixture data dir with some files replaced; `cleanup` removes it. */
export function scratchDataDir(replace: Readonly<Record<string, string | Uint8Array>> = {}): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'secplay-data-'));
  cpSync(GOOD, dir, { recursive: true });
  for (const [rel, content] of Object.entries(replace)) writeFileSync(join(dir, rel), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
