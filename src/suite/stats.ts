import type { Language } from '../core/records.js';
import { countInstances, type SplitOptions } from './generate.js';
import type { Family } from './load.js';

export interface SuiteStats {
  readonly families: number;
  readonly tasks: number;
  readonly tasksPerLanguage: Readonly<Partial<Record<Language, number>>>;
  /** CWE → number of tasks (family × language) that carry it, most first */
  readonly cwes: readonly { readonly cwe: string; readonly tasks: number; readonly families: number }[];
  readonly instances: { readonly total: number; readonly train: number; readonly eval: number };
  readonly familiesWithOneLanguage: readonly string[];
}

/** Size and coverage of a set of families (the "≥ 30 families, ≥ 16 CWEs, ≥ 80 tasks, ≥ 10,000 instances"). */
export function suiteStats(
  families: readonly Family[],
  split: SplitOptions & { readonly lang?: readonly Language[] } = {},
): SuiteStats {
  const perLang: Partial<Record<Language, number>> = {};
  const cweTasks = new Map<string, { tasks: number; families: Set<string> }>();
  let tasks = 0;
  const selected = families.map((f) => ({
    ...f,
    languages: new Map(
      [...f.languages].filter(
        ([l]) => split.lang === undefined || split.lang.length === 0 || split.lang.includes(l),
      ),
    ),
  }));
  for (const f of selected) {
    for (const lang of f.languages.keys()) {
      tasks++;
      perLang[lang] = (perLang[lang] ?? 0) + 1;
      for (const cwe of f.spec.cwes) {
        const e = cweTasks.get(cwe) ?? { tasks: 0, families: new Set<string>() };
        e.tasks++;
        e.families.add(f.spec.id);
        cweTasks.set(cwe, e);
      }
    }
  }
  const cwes = [...cweTasks.entries()]
    .map(([cwe, e]) => ({ cwe, tasks: e.tasks, families: e.families.size }))
    .sort((a, b) => b.tasks - a.tasks || a.cwe.localeCompare(b.cwe, 'en', { numeric: true }));
  return {
    families: selected.filter((f) => f.languages.size > 0).length,
    tasks,
    tasksPerLanguage: perLang,
    cwes,
    instances: countInstances(selected, split),
    familiesWithOneLanguage: selected.filter((f) => f.languages.size === 1).map((f) => f.spec.id),
  };
}
