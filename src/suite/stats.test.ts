import { describe, expect, it } from 'vitest';
import { loadFamilies } from './load.js';
import { suiteStats } from './stats.js';
import { instanceCount } from './generate.js';

describe('suiteStats on the built-in families', () => {
  const families = loadFamilies();
  const s = suiteStats(families);

  it('counts tasks as family × language and agrees with the loader', () => {
    expect(s.families).toBe(families.length);
    expect(s.tasks).toBe(families.reduce((n, f) => n + f.languages.size, 0));
    expect(Object.values(s.tasksPerLanguage).reduce((a, b) => a + (b ?? 0), 0)).toBe(s.tasks);
  });

  it('counts every instance exactly once, split into train and eval', () => {
    let total = 0;
    for (const f of families) for (const t of f.languages.values()) total += instanceCount(t);
    expect(s.instances.total).toBe(total);
    expect(s.instances.train + s.instances.eval).toBe(total);
    expect(s.instances.eval).toBeGreaterThanOrEqual(s.tasks); // canonical tasks are eval-only
  });

  it('restricting languages restricts tasks', () => {
    const py = suiteStats(families, { lang: ['py'] });
    expect(py.tasks).toBe(s.tasksPerLanguage.py ?? 0);
    expect(Object.keys(py.tasksPerLanguage)).toEqual(py.tasks > 0 ? ['py'] : []);
  });
});
