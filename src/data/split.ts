import { ConfigError } from '../core/errors.js';
import { hashUnit } from '../core/hash.js';
import { normalizeCwe, type Cwe } from '../core/records.js';

/**
 * Deterministic splits by hash. A record's side depends only on its own key (its CWE, its language
 * or its id) and the split's parameters, never on the other records: splits are reproducible,
 * disjoint, and stable when records are appended.
 */
export interface SplitResult<T> {
  readonly kept: T[];
  readonly heldOut: T[];
}

/** A predicate that decides a record's side; `describe` says which keys are held out. */
export interface Splitter<T> {
  isHeldOut(record: T): boolean;
  readonly description: string;
}

export function applySplit<T>(records: readonly T[], splitter: Splitter<T>): SplitResult<T> {
  const kept: T[] = [];
  const heldOut: T[] = [];
  for (const r of records) (splitter.isHeldOut(r) ? heldOut : kept).push(r);
  return { kept, heldOut };
}

export interface CweSplitSpec {
  /** hold out exactly these CWEs (named explicitly) */
  readonly cwes?: readonly string[];
  /** or hold out each CWE whose hash (salted by seed) falls below this fraction */
  readonly fraction?: number;
  readonly seed?: number | string;
}

/**
 * Held-out CWE sets, for the unseen-CWE metric. A CWE is held out iff it is named, or iff
 * `hashUnit(cwe, seed) < fraction`: a new CWE appearing later never moves an existing one.
 */
export function cweSplitter<T extends { readonly cwe: Cwe }>(spec: CweSplitSpec): Splitter<T> {
  const named = new Set<Cwe>();
  for (const c of spec.cwes ?? []) {
    const n = normalizeCwe(c);
    if (n === undefined)
      throw new ConfigError(`'${c}' is not a CWE id`, {
        field: 'heldOutCwes',
        hint: 'write CWE ids like CWE-89',
      });
    named.add(n);
  }
  const fraction = spec.fraction;
  if (named.size > 0 && fraction !== undefined)
    throw new ConfigError('give either held-out CWEs or a held-out fraction, not both', {
      field: 'heldOutFraction',
    });
  if (named.size === 0 && fraction === undefined)
    throw new ConfigError('a CWE split needs held-out CWEs or a held-out fraction', {
      field: 'heldOutCwes',
      hint: 'e.g. --held-out-cwes CWE-79,CWE-416 or --held-out-fraction 0.3 --seed 1',
    });
  checkFraction(fraction);
  const salt = `cwe:${String(spec.seed ?? 0)}`;
  return {
    isHeldOut: (r) => (named.size > 0 ? named.has(r.cwe) : hashUnit(r.cwe, salt) < (fraction ?? 0)),
    description:
      named.size > 0
        ? `CWEs held out: ${[...named].sort(compareCwe).join(', ')}`
        : `CWEs held out: those with hash(cwe, seed ${String(spec.seed ?? 0)}) < ${fraction}`,
  };
}

/** The CWEs a splitter holds out among those given (e.g. the CWEs present in a dataset). */
export function heldOutCwes(splitter: Splitter<{ readonly cwe: Cwe }>, cwes: Iterable<Cwe>): Cwe[] {
  return [...new Set(cwes)].filter((cwe) => splitter.isHeldOut({ cwe })).sort(compareCwe);
}

/** Hold out the named languages (transfer experiments: train on C/C++, evaluate on the rest). */
export function languageSplitter<T extends { readonly language: string }>(
  languages: readonly string[],
): Splitter<T> {
  if (languages.length === 0)
    throw new ConfigError('a language split needs at least one held-out language', {
      field: 'heldOutLanguages',
      hint: 'e.g. --held-out-languages py,js',
    });
  const set = new Set(languages);
  return {
    isHeldOut: (r) => set.has(r.language),
    description: `languages held out: ${[...set].sort().join(', ')}`,
  };
}

/** Hold out a random-looking but fixed fraction of records by their id. */
export function hashSplitter<T extends { readonly id: string }>(
  fraction: number,
  seed: number | string = 0,
): Splitter<T> {
  checkFraction(fraction);
  const salt = `id:${String(seed)}`;
  return {
    isHeldOut: (r) => hashUnit(r.id, salt) < fraction,
    description: `records held out: those with hash(id, seed ${String(seed)}) < ${fraction}`,
  };
}

function checkFraction(f: number | undefined): void {
  if (f !== undefined && !(f >= 0 && f <= 1))
    throw new ConfigError(`held-out fraction must be in [0, 1], got ${f}`, { field: 'heldOutFraction' });
}

export function compareCwe(a: string, b: string): number {
  return Number(a.slice(4)) - Number(b.slice(4));
}
