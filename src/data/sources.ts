import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IoError } from '../core/errors.js';

/**
 * The registry of shared datasets under the data directory (`--data-dir`, SECPLAY_DATA_DIR, or
 * ../shared/data). A table, not a switch: each source names its kind, its files and their split.
 */
export interface SourceFile {
  /** absolute path */
  readonly path: string;
  /** path relative to the data directory (stored in records' `origin`, never a machine path) */
  readonly rel: string;
  readonly split: string;
  readonly format: 'jsonl' | 'json-array';
}

export interface SourceSpec {
  readonly kind: 'pairs' | 'prompts';
  readonly description: string;
  /** a caveat shown with the source's statistics */
  readonly note?: string;
  files(dataDir: string): SourceFile[];
}

export const SOURCES = {
  sven: {
    kind: 'pairs',
    description: 'SVEN vulnerable/fixed function pairs (Python, C/C++; 9 CWEs)',
    files: (d: string) =>
      ['train', 'val'].flatMap((split) =>
        matching(d, `sven/data_train_val/${split}`, /^cwe-\d+\.jsonl$/).map((rel) =>
          file(d, rel, split, 'jsonl'),
        ),
      ),
  },
  safecoder: {
    kind: 'pairs',
    description: 'SafeCoder sec-new-desc pairs with descriptions (py, js, go, c/c++, rb, java; 23 CWEs)',
    files: (d: string) =>
      ['train', 'val'].map((split) =>
        file(d, `safecoder/data_train_val/${split}/sec-new-desc.jsonl`, split, 'jsonl'),
      ),
  },
  'safecoder-sec-desc': {
    kind: 'pairs',
    description: "SafeCoder sec-desc: SVEN's val pairs with descriptions added",
    note: 'duplicates SVEN val: its pairs are flagged `duplicate` when loaded after sven and never counted twice in totals',
    files: (d: string) => [file(d, 'safecoder/data_train_val/val/sec-desc.jsonl', 'val', 'jsonl')],
  },
  cyberseceval: {
    kind: 'prompts',
    description: 'CyberSecEval instruct/autocomplete prompts (CWE-labelled, 8 languages, no tests)',
    files: (d: string) =>
      ['instruct', 'autocomplete'].flatMap((group) =>
        matching(d, `purplellama/CybersecurityBenchmarks/datasets/${group}`, /\.json$/).map((rel) =>
          file(d, rel, (rel.split('/').pop() ?? rel).replace(/\.json$/, ''), 'json-array'),
        ),
      ),
  },
} as const satisfies Record<string, SourceSpec>;

export type SourceId = keyof typeof SOURCES;
export const SOURCE_IDS = Object.keys(SOURCES) as SourceId[];
export const PAIR_SOURCE_IDS = SOURCE_IDS.filter((id) => SOURCES[id].kind === 'pairs');
export const PROMPT_SOURCE_IDS = SOURCE_IDS.filter((id) => SOURCES[id].kind === 'prompts');

const DATA_HINT =
  'point --data-dir (or SECPLAY_DATA_DIR) at the shared data folder that holds sven/, safecoder/ and purplellama/, or choose other sources with --source';

function file(dataDir: string, rel: string, split: string, format: SourceFile['format']): SourceFile {
  const path = join(dataDir, rel);
  if (!existsSync(path)) throw new IoError('dataset file not found', { file: path, hint: DATA_HINT });
  return { path, rel, split, format };
}

/** Files of `dir` (relative to the data directory) whose names match, sorted; the folder must exist. */
function matching(dataDir: string, dir: string, pattern: RegExp): string[] {
  const abs = join(dataDir, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory())
    throw new IoError('dataset directory not found', { file: abs, hint: DATA_HINT });
  const names = readdirSync(abs)
    .filter((n) => pattern.test(n))
    .sort();
  if (names.length === 0)
    throw new IoError(`no dataset files matching ${String(pattern)} in this directory`, {
      file: abs,
      hint: DATA_HINT,
    });
  return names.map((n) => `${dir}/${n}`);
}
