import { describe, expect, it } from 'vitest';
import { LANGUAGES, normalizeCwe, SEVERITIES, type Language } from '../../../core/records.js';
import { RuleEngine } from './engine.js';
import { RULES } from './rules/index.js';

/**
 * Every rule's own examples, generically: each vulnerable snippet is flagged by that rule (in
 * every language the rule lists), and no safe snippet is.
 */
const engine = new RuleEngine(RULES);

/** CWEs the built-in rules must cover per language (the built-in suite's, where a syntactic rule applies). */
const REQUIRED: Readonly<Record<Language, readonly number[]>> = {
  c: [787, 120, 125, 190, 416, 476, 134, 78, 22, 338, 798, 117, 327],
  cpp: [787, 120, 125, 190, 416, 476, 134, 78, 22, 338, 798, 117, 327],
  py: [78, 89, 22, 79, 502, 95, 94, 327, 328, 916, 338, 798, 117, 1333],
  js: [78, 89, 22, 79, 502, 95, 94, 327, 328, 916, 338, 798, 117, 1333],
  // Go's regexp is RE2 (linear time): no CWE-1333; Go has no eval or pickle-like loader
  go: [78, 89, 22, 79, 327, 328, 916, 338, 798, 117, 295],
};

describe('built-in rule catalogue', () => {
  it('has at least 60 rules and covers the required CWEs of every language', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(60);
    for (const lang of LANGUAGES) {
      const covered = new Set(RULES.filter((r) => r.languages.includes(lang)).flatMap((r) => r.cwes));
      const missing = REQUIRED[lang].filter((n) => !covered.has(`CWE-${n}`));
      expect(missing, `${lang} lacks rules for`).toEqual([]);
    }
  });

  it('has unique ids, canonical CWE ids, known severities, and examples on both sides', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.cwes.length, r.id).toBeGreaterThan(0);
      for (const c of r.cwes) expect(normalizeCwe(c), r.id).toBe(c);
      expect(SEVERITIES).toContain(r.severity);
      expect(r.examples.vulnerable.length, r.id).toBeGreaterThan(0);
      expect(r.examples.safe.length, r.id).toBeGreaterThan(0);
      expect(r.message.length, r.id).toBeGreaterThan(20);
      expect(r.id).toMatch(/^(py|js|go|c|cpp|cc)-[a-z0-9-]+$/);
    }
  });
});

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    for (const lang of rule.languages) {
      rule.examples.vulnerable.forEach((code, i) => {
        it(`[${lang}] flags vulnerable example ${i + 1}`, async () => {
          const r = await engine.scan(`vuln${i}`, lang, code);
          expect(r.ruleErrors).toEqual([]);
          expect(r.findings.filter((f) => f.ruleId === rule.id).length, code).toBeGreaterThan(0);
        });
      });
      rule.examples.safe.forEach((code, i) => {
        it(`[${lang}] leaves safe example ${i + 1} alone`, async () => {
          const r = await engine.scan(`safe${i}`, lang, code);
          expect(
            r.findings.filter((f) => f.ruleId === rule.id),
            code,
          ).toEqual([]);
        });
      });
    }
  });
}
