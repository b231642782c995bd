import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../cli/context.js';
import { loadPairs, loadPrompts } from './load.js';
import { dataStats } from './stats.js';

/**
 * The figures issue 2 promises on the shared data (../shared/data, or SECPLAY_DATA_DIR): every
 * developer machine and CI run has it. Loaded in strict mode: the shared data has no bad record.
 */
describe('the shared datasets', async () => {
  const dataDir = defaultDataDir();
  const pairs = await loadPairs(dataDir, ['sven', 'safecoder', 'safecoder-sec-desc'], { strict: true });
  const prompts = await loadPrompts(dataDir, ['cyberseceval'], { strict: true });
  const stats = dataStats(pairs.records, prompts.records, []);
  const group = (source: string, split: string) =>
    stats.pairs.find((g) => g.source === source && g.split === split);

  it('SVEN: 720 train + 83 val pairs, 4 with identical before/after flagged', () => {
    expect(group('sven', 'train')?.pairs).toBe(720);
    expect(group('sven', 'val')?.pairs).toBe(83);
    expect((group('sven', 'train')?.identical ?? 0) + (group('sven', 'val')?.identical ?? 0)).toBe(4);
    expect(group('sven', 'train')?.byLanguage).toEqual({ c: 329, cpp: 49, py: 342 });
    expect(group('sven', 'train')?.byCwe['CWE-89']).toBe(184);
  });

  it('SafeCoder sec-new-desc: 421 train + 44 val pairs, Ruby and Java counted on their own', () => {
    expect(group('safecoder', 'train')?.pairs).toBe(421);
    expect(group('safecoder', 'val')?.pairs).toBe(44);
    const langs = { ...group('safecoder', 'train')?.byLanguage };
    expect(langs['rb']).toBe(75);
    expect(langs['js']).toBe(101);
    expect(group('safecoder', 'train')?.otherLanguages).toEqual(['java', 'rb']);
  });

  it('SafeCoder sec-desc duplicates all 83 SVEN val pairs and is never double counted', () => {
    const secDesc = group('safecoder-sec-desc', 'val');
    expect(secDesc?.pairs).toBe(83);
    expect(secDesc?.duplicates).toBe(83);
    const duplicates = stats.pairs.reduce((a, g) => a + g.duplicates, 0);
    // besides sec-desc: 1 in SVEN train, 13 in SafeCoder train, 2 in SafeCoder val (same code, other metadata)
    expect(duplicates).toBe(83 + 1 + 13 + 2);
    expect(stats.totals.pairs).toBe(720 + 83 + 421 + 44 + 83 - duplicates);
  });

  it('every pair has a unique id and an origin relative to the data directory', () => {
    expect(
      new Set(pairs.records.filter((p) => p.source !== 'safecoder-sec-desc').map((p) => p.id)).size,
    ).toBe(720 + 83 + 421 + 44);
    for (const p of pairs.records) expect(p.origin.file.startsWith('/')).toBe(false);
  });

  it('CyberSecEval: instruct 1,916, instruct-v2 1,681, autocomplete 1,916 prompts', () => {
    expect(stats.prompts.map((p) => [p.split, p.prompts])).toEqual([
      ['instruct-v2', 1681],
      ['instruct', 1916],
      ['autocomplete', 1916],
    ]);
    expect(stats.prompts.find((p) => p.split === 'instruct')?.byLanguage['py']).toBe(351);
  });
});
