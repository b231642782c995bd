import { describe, expect, it } from 'vitest';
import { normalizeCwe } from '../../core/records.js';
import { CWE_FAMILIES, familiesOfCwe, inFamily, sameFamily } from './cwe-family.js';

describe('CWE families', () => {
  it('matches the same CWE and CWEs that share a family', () => {
    expect(sameFamily('CWE-89', 'CWE-89')).toBe(true);
    expect(sameFamily('CWE-120', 'CWE-787')).toBe(true);
    expect(sameFamily('CWE-788', 'CWE-787')).toBe(true);
    expect(sameFamily('CWE-126', 'CWE-125')).toBe(true);
    expect(sameFamily('CWE-916', 'CWE-327')).toBe(true);
    expect(sameFamily('CWE-95', 'CWE-94')).toBe(true);
    expect(sameFamily('CWE-77', 'CWE-78')).toBe(true);
    expect(sameFamily('CWE-415', 'CWE-416')).toBe(true);
    expect(sameFamily('CWE-690', 'CWE-476')).toBe(true);
  });

  it('keeps unrelated weaknesses apart', () => {
    expect(sameFamily('CWE-89', 'CWE-78')).toBe(false);
    expect(sameFamily('CWE-125', 'CWE-787')).toBe(false);
    expect(sameFamily('CWE-327', 'CWE-338')).toBe(false);
    expect(sameFamily('CWE-79', 'CWE-89')).toBe(false);
    // a CWE that no family lists matches only itself
    expect(sameFamily('CWE-99999', 'CWE-99999')).toBe(true);
    expect(sameFamily('CWE-99999', 'CWE-89')).toBe(false);
  });

  it('puts CWE-119 in both buffer families', () => {
    expect([...familiesOfCwe('CWE-119')].sort()).toEqual(['buffer-read', 'buffer-write']);
    expect(sameFamily('CWE-119', 'CWE-125')).toBe(true);
    expect(sameFamily('CWE-119', 'CWE-787')).toBe(true);
  });

  it('inFamily checks a finding against every CWE of a task', () => {
    expect(inFamily('CWE-120', ['CWE-79', 'CWE-787'])).toBe(true);
    expect(inFamily('CWE-120', ['CWE-79', 'CWE-89'])).toBe(false);
    expect(inFamily('CWE-89', [])).toBe(false);
  });

  it('lists only valid CWE numbers, each once per family', () => {
    for (const ids of Object.values(CWE_FAMILIES)) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(normalizeCwe(id)).toBe(`CWE-${id}`);
    }
  });
});
