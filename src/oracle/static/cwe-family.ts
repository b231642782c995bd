import { normalizeCwe, type Cwe } from '../../core/records.js';

/**
 * CWE families: which finding CWEs count against a task's CWE. Analyzers name the same weakness
 * differently (flawfinder says CWE-120 where the task says CWE-787, bandit tags eval as CWE-78,
 * cppcheck says CWE-788 for an out-of-bounds write), so a verdict matches by family, not by
 * exact id. A CWE may sit in several families (CWE-119 is both a read and a write).
 *
 * The table is the single source: add a family (or a CWE to one) here.
 */
export const CWE_FAMILIES = {
  'buffer-write': [119, 120, 121, 122, 123, 124, 129, 131, 193, 242, 676, 680, 785, 787, 788, 805, 806],
  'buffer-read': [119, 125, 126, 127, 129, 130, 170, 193, 788],
  'integer-overflow': [128, 131, 189, 190, 191, 192, 194, 195, 196, 197, 369, 680, 681],
  'memory-lifecycle': [415, 416, 401, 590, 761, 762, 763, 825],
  'null-dereference': [252, 253, 476, 690],
  'format-string': [134],
  'os-command': [77, 78, 88],
  'code-injection': [94, 95, 96, 917, 1336],
  'sql-injection': [89, 564, 943],
  'path-traversal': [22, 23, 35, 36, 73, 59, 434],
  xss: [79, 80, 83, 87, 116],
  deserialization: [502],
  'prototype-pollution': [915, 1321],
  'weak-crypto': [261, 310, 326, 327, 328, 759, 760, 916, 1240],
  'weak-randomness': [330, 331, 334, 335, 337, 338],
  credentials: [256, 259, 260, 321, 522, 798],
  'log-injection': [93, 117],
  redos: [185, 186, 400, 730, 1333],
  'tls-validation': [295, 296, 297, 599],
  'open-redirect': [601],
  'temp-file': [377, 378, 379],
  race: [362, 367],
  'info-exposure': [200, 209, 215, 489, 532],
  xxe: [611, 776, 827],
  ssrf: [918],
} as const satisfies Readonly<Record<string, readonly number[]>>;

export type CweFamily = keyof typeof CWE_FAMILIES;

const familiesOf = new Map<Cwe, CweFamily[]>();
for (const [family, ids] of Object.entries(CWE_FAMILIES)) {
  for (const id of ids) {
    const c = normalizeCwe(id);
    if (c === undefined) continue;
    const list = familiesOf.get(c) ?? [];
    if (isFamily(family)) list.push(family);
    familiesOf.set(c, list);
  }
}

function isFamily(x: string): x is CweFamily {
  return Object.hasOwn(CWE_FAMILIES, x);
}

/** The families a CWE belongs to (empty for a CWE no family lists). */
export function familiesOfCwe(cwe: Cwe): readonly CweFamily[] {
  return familiesOf.get(cwe) ?? [];
}

/** Whether a finding of `found` is evidence of `target`: the same CWE, or a shared family. */
export function sameFamily(found: Cwe, target: Cwe): boolean {
  if (found === target) return true;
  const a = familiesOfCwe(found);
  return a.length > 0 && familiesOfCwe(target).some((f) => a.includes(f));
}

/** Whether a finding's CWE counts against a task with CWEs `taskCwes`. */
export function inFamily(findingCwe: Cwe, taskCwes: readonly Cwe[]): boolean {
  return taskCwes.some((t) => sameFamily(findingCwe, t));
}
