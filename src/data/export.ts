import { writeFileAtomic } from '../core/fsx.js';
import { normalizeCwe } from '../core/records.js';
import { ConfigError } from '../core/errors.js';
import { PairSchema, type Pair } from './pair.js';

/** Which pairs an export keeps. Identical and duplicate pairs are dropped unless asked for. */
export interface PairSelection {
  /** source splits to keep (`train`, `val`); empty = all */
  readonly splits?: readonly string[];
  /** languages to keep; empty = all */
  readonly languages?: readonly string[];
  /** CWEs to keep; empty = all */
  readonly cwes?: readonly string[];
  readonly keepIdentical?: boolean;
  readonly keepDuplicates?: boolean;
}

export interface SelectionResult {
  readonly selected: Pair[];
  readonly dropped: { readonly identical: number; readonly duplicates: number; readonly filtered: number };
}

export function selectPairs(pairs: readonly Pair[], sel: PairSelection): SelectionResult {
  const cwes = new Set<string>(
    (sel.cwes ?? []).map((c) => {
      const n = normalizeCwe(c);
      if (n === undefined) throw new ConfigError(`'${c}' is not a CWE id`, { field: 'cwes' });
      return n;
    }),
  );
  const splits = new Set(sel.splits ?? []);
  const languages = new Set(sel.languages ?? []);
  const selected: Pair[] = [];
  let identical = 0;
  let duplicates = 0;
  let filtered = 0;
  for (const p of pairs) {
    if (
      (splits.size > 0 && !splits.has(p.split)) ||
      (languages.size > 0 && !languages.has(p.language)) ||
      (cwes.size > 0 && !cwes.has(p.cwe))
    )
      filtered++;
    else if (sel.keepIdentical !== true && p.flags.includes('identical')) identical++;
    else if (sel.keepDuplicates !== true && p.flags.includes('duplicate')) duplicates++;
    else selected.push(p);
  }
  return { selected, dropped: { identical, duplicates, filtered } };
}

/** Write pairs as our own JSONL (one PairSchema record a line), atomically. */
export function writePairsJsonl(path: string, pairs: readonly Pair[]): void {
  const lines = pairs.map((p) => JSON.stringify(PairSchema.parse(p)));
  writeFileAtomic(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}
