import { describe, expect, it } from 'vitest';
import { loadPairs, loadPrompts } from './load.js';
import { dataStats, groupStats, renderStats } from './stats.js';
import { GOOD, SVEN_089, scratchDataDir } from './testing.js';

describe('dataStats', () => {
  it('counts pairs per source and split, language × CWE, with flags', async () => {
    const pairs = await loadPairs(GOOD, ['sven', 'safecoder', 'safecoder-sec-desc']);
    const prompts = await loadPrompts(GOOD, ['cyberseceval']);
    const s = dataStats(pairs.records, prompts.records, []);
    expect(s.pairs.map((g) => [g.source, g.split, g.pairs, g.identical, g.duplicates])).toEqual([
      ['sven', 'train', 4, 1, 0],
      ['sven', 'val', 2, 0, 0],
      ['safecoder', 'train', 3, 0, 0],
      ['safecoder', 'val', 1, 0, 1],
      ['safecoder-sec-desc', 'val', 2, 0, 2],
    ]);
    const svenTrain = s.pairs[0];
    expect(svenTrain?.matrix).toEqual({ c: { 'CWE-787': 1 }, cpp: { 'CWE-787': 1 }, py: { 'CWE-89': 2 } });
    expect(svenTrain?.byCwe).toEqual({ 'CWE-89': 2, 'CWE-787': 2 });
    // totals count every code once: 12 records − 3 duplicates
    expect(s.totals.pairs).toBe(9);
    expect(s.totals.byLanguage).toEqual({ c: 1, cpp: 1, go: 1, js: 1, py: 4, rb: 1 });
    expect(s.totals.otherLanguages).toEqual(['rb']);
    expect(s.prompts.map((p) => [p.split, p.prompts])).toEqual([
      ['instruct', 3],
      ['autocomplete', 1],
    ]);
    expect(s.skipped).toBe(0);
  });

  it('orders CWEs numerically, not as strings', () => {
    const g = groupStats([]);
    expect(g).toMatchObject({ pairs: 0, unique: 0, byCwe: {}, matrix: {} });
  });

  it('reports skipped records with their place, and renders them in text', async () => {
    const scratch = scratchDataDir({ [SVEN_089]: '{"func_name": 1}\n' });
    try {
      const pairs = await loadPairs(scratch.dir, ['sven']);
      const s = dataStats(pairs.records, [], pairs.issues);
      expect(s.skipped).toBe(1);
      expect(s.issues[0]).toMatchObject({ line: 1, field: 'func_name' });
      const text = renderStats(s);
      expect(text).toMatch(/1 bad records skipped/);
      expect(text).toMatch(/cwe-089\.jsonl:1: field 'func_name'/);
    } finally {
      scratch.cleanup();
    }
  });

  it('renders a language × CWE table with totals', async () => {
    const pairs = await loadPairs(GOOD, ['sven']);
    const text = renderStats(dataStats(pairs.records, [], []));
    expect(text).toContain('sven train: 4 pairs (1 identical before/after)');
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.trim().startsWith('lang 89 787 total'));
    expect(head).toBeGreaterThan(-1);
    expect(lines[head + 3]?.trim().split(/\s+/)).toEqual(['py', '2', '2']);
    expect(lines[head + 4]?.trim().split(/\s+/)).toEqual(['total', '2', '2', '4']);
  });
});
