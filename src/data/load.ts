import { ConfigError, DataError } from '../core/errors.js';
import { dataErrorFromZod, IssueLog } from './issues.js';
import { pairContentKey, PairSchema, type Pair } from './pair.js';
import { toPrompt, type Prompt } from './prompt.js';
import { toPair } from './raw-pair.js';
import { readJsonArrayRecords, readJsonlRecords, type RawRecord, type ReadOptions } from './readers.js';
import { SOURCES, SOURCE_IDS, type SourceFile, type SourceId, type SourceSpec } from './sources.js';

export interface LoadOptions extends ReadOptions {
  /** fail on the first bad record instead of skipping and counting it (default false) */
  readonly strict?: boolean;
}

/** What one file contributed. */
export interface FileReport {
  readonly source: string;
  /** relative to the data directory (or the path given, for our own JSONL) */
  readonly file: string;
  readonly split: string;
  readonly records: number;
  readonly skipped: number;
}

export interface LoadResult<T> {
  readonly records: T[];
  /** every bad record, with file, line and field (empty in strict mode: the first one is thrown) */
  readonly issues: DataError[];
  readonly files: FileReport[];
}

/**
 * Load the pair sources in registry order (so SVEN comes before the SafeCoder copies of its pairs)
 * and flag duplicates: a pair whose before/after text equals an earlier one gets `duplicate` and
 * `duplicateOf`. Nothing is dropped here; consumers decide (stats count, export drops by default).
 */
export async function loadPairs(
  dataDir: string,
  sources: readonly string[],
  opts: LoadOptions = {},
): Promise<LoadResult<Pair>> {
  const result = await loadRecords(dataDir, orderedSources(sources, 'pairs'), opts, toPair);
  return { ...result, records: markDuplicates(result.records) };
}

export async function loadPrompts(
  dataDir: string,
  sources: readonly string[],
  opts: LoadOptions = {},
): Promise<LoadResult<Prompt>> {
  return loadRecords(dataDir, orderedSources(sources, 'prompts'), opts, toPrompt);
}

type Convert<T> = (value: unknown, ctx: Parameters<typeof toPair>[1]) => T | DataError;

/** Read every file of the sources, convert each raw record, and report what could not be read. */
async function loadRecords<T>(
  dataDir: string,
  ids: readonly SourceId[],
  opts: LoadOptions,
  convert: Convert<T>,
): Promise<LoadResult<T>> {
  const log = new IssueLog(opts.strict === true);
  const records: T[] = [];
  const files: FileReport[] = [];
  for (const id of ids) {
    for (const f of SOURCES[id].files(dataDir)) {
      let n = 0;
      const before = log.count;
      for await (const raw of rawRecords(f, opts)) {
        if (!raw.ok) {
          log.report(raw.error);
          continue;
        }
        const rec = convert(raw.value, {
          source: id,
          split: f.split,
          place: { file: f.path, line: raw.line },
          originFile: f.rel,
        });
        if (rec instanceof DataError) log.report(rec);
        else {
          records.push(rec);
          n++;
        }
      }
      files.push({ source: id, file: f.rel, split: f.split, records: n, skipped: log.count - before });
    }
  }
  return { records, issues: log.issues, files };
}

/** Read our own JSONL of Pair records (what `secplay data export` writes), validating each one. */
export async function loadPairsJsonl(path: string, opts: LoadOptions = {}): Promise<LoadResult<Pair>> {
  const log = new IssueLog(opts.strict === true);
  const records: Pair[] = [];
  for await (const raw of readJsonlRecords(path, opts)) {
    if (!raw.ok) {
      log.report(raw.error);
      continue;
    }
    const parsed = PairSchema.safeParse(raw.value);
    if (parsed.success) records.push(parsed.data);
    else log.report(dataErrorFromZod(parsed.error, { file: path, line: raw.line }, 'pair'));
  }
  return {
    records,
    issues: log.issues,
    files: [{ source: 'own', file: path, split: 'all', records: records.length, skipped: log.count }],
  };
}

/** Flag pairs whose before/after text equals an earlier pair's (first occurrence wins). */
export function markDuplicates(pairs: readonly Pair[]): Pair[] {
  const first = new Map<string, string>();
  return pairs.map((p) => {
    const key = pairContentKey(p);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, p.id);
      const { duplicateOf: _d, ...rest } = p;
      return { ...rest, flags: p.flags.filter((f) => f !== 'duplicate') };
    }
    return {
      ...p,
      flags: p.flags.includes('duplicate') ? p.flags : [...p.flags, 'duplicate'],
      duplicateOf: seen,
    };
  });
}

function rawRecords(f: SourceFile, opts: ReadOptions): AsyncIterable<RawRecord> | Iterable<RawRecord> {
  return f.format === 'jsonl' ? readJsonlRecords(f.path, opts) : readJsonArrayRecords(f.path);
}

/** Validate source ids and put them in registry order. */
export function orderedSources(sources: readonly string[], kind: SourceSpec['kind']): SourceId[] {
  const known = SOURCE_IDS.filter((id) => SOURCES[id].kind === kind);
  for (const s of sources) {
    if (!known.some((id) => id === s))
      throw new ConfigError(`unknown ${kind} source '${s}'`, {
        field: 'sources',
        hint: `choose from: ${known.join(', ')}`,
      });
  }
  return known.filter((id) => sources.includes(id));
}
