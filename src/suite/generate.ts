import type { Language } from '../core/records.js';
import { hashUnit } from '../core/hash.js';
import { Rng } from '../core/rng.js';
import { canonicalBinding, instanceHash, renderTask, type Family, type LanguageTemplates } from './load.js';
import type { Binding, VarChoice } from './template.js';
import type { Task } from './task.js';
import { contentHash } from '../core/hash.js';

/**
 * Instances of the built-in benchmark: every binding of a task's template variables × instruction
 * phrasing. Which side (train/eval) an instance is on depends only on its own key and a fixed salt
 * — never on the generation seed — so train and eval stay disjoint across seeds and runs. The
 * canonical instance of every task, and every instance of a held-out family, is evaluation-only.
 */
export type Split = 'train' | 'eval';
const SPLIT_SALT = 'secplay-suite-split-v1';

export interface InstanceRef {
  readonly family: string;
  readonly language: Language;
  readonly binding: Binding;
  readonly instructionIndex: number;
}

/** Number of distinct instances of one task (product of choice counts × instructions). */
export function instanceCount(t: LanguageTemplates): number {
  let n = t.instructions.length;
  for (const choices of Object.values(t.vars)) n *= choices.length;
  return n;
}

/** Decode instance number `k` (mixed radix over variables in key order, then instruction). */
export function instanceAt(t: LanguageTemplates, k: number): { binding: Binding; instructionIndex: number } {
  const binding: Record<string, VarChoice> = {};
  let rest = k;
  for (const name of Object.keys(t.vars).sort()) {
    const choices = t.vars[name] as readonly VarChoice[];
    binding[name] = choices[rest % choices.length] as VarChoice;
    rest = Math.floor(rest / choices.length);
  }
  return { binding, instructionIndex: rest % t.instructions.length };
}

export interface SplitOptions {
  /** fraction of non-canonical instances on the eval side (default 0.2) */
  readonly evalFraction?: number;
  /** families whose every instance is eval-only */
  readonly holdOutFamilies?: readonly string[];
}

export function splitOf(
  family: string,
  language: Language,
  binding: Binding,
  instructionIndex: number,
  t: LanguageTemplates,
  opts: SplitOptions = {},
): Split {
  if (opts.holdOutFamilies?.includes(family) === true) return 'eval';
  if (instructionIndex === 0 && contentHash(binding) === contentHash(canonicalBinding(t))) return 'eval';
  const key = `${family}/${language}#${instanceHash(binding, instructionIndex)}`;
  return hashUnit(key, SPLIT_SALT) < (opts.evalFraction ?? 0.2) ? 'eval' : 'train';
}

export interface GenerateOptions extends SplitOptions {
  readonly split: Split | 'all';
  readonly seed: number;
  /** at most this many instances per task (default: all) */
  readonly perTask?: number;
  readonly families?: readonly string[];
  readonly languages?: readonly Language[];
}

/** Deterministic (by seed) list of instances of the requested split, rendered. */
export function generateInstances(families: readonly Family[], opts: GenerateOptions): Task[] {
  const out: Task[] = [];
  const rng = new Rng(opts.seed);
  for (const f of families) {
    if (opts.families !== undefined && !opts.families.includes(f.spec.id)) continue;
    for (const [lang, t] of f.languages) {
      if (opts.languages !== undefined && !opts.languages.includes(lang)) continue;
      const n = instanceCount(t);
      const order = rng.fork(`${f.spec.id}/${lang}`).shuffle(Array.from({ length: n }, (_, i) => i));
      let taken = 0;
      for (const k of order) {
        if (opts.perTask !== undefined && taken >= opts.perTask) break;
        const { binding, instructionIndex } = instanceAt(t, k);
        const side = splitOf(f.spec.id, lang, binding, instructionIndex, t, opts);
        if (opts.split !== 'all' && side !== opts.split) continue;
        out.push(renderTask(f, lang, binding, instructionIndex));
        taken++;
      }
    }
  }
  return out;
}

/** Counts of instances per split, for `suite stats`. */
export function countInstances(
  families: readonly Family[],
  opts: SplitOptions = {},
): { total: number; train: number; eval: number; tasks: number } {
  let total = 0;
  let train = 0;
  let tasks = 0;
  for (const f of families) {
    for (const [lang, t] of f.languages) {
      tasks++;
      const n = instanceCount(t);
      total += n;
      for (let k = 0; k < n; k++) {
        const { binding, instructionIndex } = instanceAt(t, k);
        if (splitOf(f.spec.id, lang, binding, instructionIndex, t, opts) === 'train') train++;
      }
    }
  }
  return { total, train, eval: total - train, tasks };
}
