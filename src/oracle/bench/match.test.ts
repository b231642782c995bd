import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/records.js';
import { sameFamily } from '../static/cwe-family.js';
import { createIcd } from '../static/icd/icd.js';
import { TreeSitterAnalyzer } from '../static/treesitter/analyzer.js';
import { createBandit } from '../static/tools/bandit.js';
import { covers, exactCwe, flaggedNear, relevant } from './match.js';

const finding = (over: Partial<Finding>): Finding => ({
  analyzer: 'x',
  ruleId: 'r',
  cwes: ['CWE-120'],
  severity: 'high',
  message: 'm',
  file: 'a.c',
  span: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 4 },
  ...over,
});

describe('bench matching', () => {
  it('counts a finding of the CWE family at or above the threshold, near a changed line', () => {
    const fs = [
      finding({}),
      finding({ severity: 'low', span: { startLine: 20, startColumn: 1, endLine: 20, endColumn: 2 } }),
      finding({ file: 'b.c' }),
    ];
    const rule = { matches: sameFamily, minSeverity: 'medium' as const };
    expect(relevant(fs, 'a.c', ['CWE-787'], rule)).toHaveLength(1);
    expect(relevant(fs, 'a.c', ['CWE-787'], { ...rule, matches: exactCwe })).toHaveLength(0);
    expect(flaggedNear(fs, 'a.c', ['CWE-787'], [7], 2, rule)).toBe(true);
    expect(flaggedNear(fs, 'a.c', ['CWE-787'], [8], 2, rule)).toBe(false);
    // the low-severity finding on line 20 does not count even right on the change
    expect(flaggedNear(fs, 'a.c', ['CWE-787'], [20], 2, rule)).toBe(false);
  });

  it('knows coverage per language: a C rule does not cover Go', () => {
    const ts = new TreeSitterAnalyzer();
    expect(covers(ts, 'c', 'CWE-134', exactCwe)).toBe(true);
    expect(covers(ts, 'go', 'CWE-134', exactCwe)).toBe(false);
    expect(covers(createIcd(), 'cpp', 'CWE-120', exactCwe)).toBe(true);
    expect(covers(createIcd(), 'go', 'CWE-120', exactCwe)).toBe(false);
    // an analyzer without cwesFor covers its CWEs in each of its languages
    expect(covers(createBandit(), 'py', 'CWE-89', exactCwe)).toBe(true);
    expect(covers(createBandit(), 'js', 'CWE-89', exactCwe)).toBe(false);
  });
});
