import { describe, expect, it } from 'vitest';
import { analyzeRegex, isRedosProne } from './regex.js';

describe('ReDoS analysis', () => {
  it.each([
    ['^(a+)+$'],
    ['(\\w+\\s?)*'],
    ['([a-z0-9]+[._-]?)+@[a-z0-9-]+(\\.[a-z0-9-]+)+'],
    ['^([a-z0-9]+-?)*[a-z0-9]+$'],
    ['"((?:\\\\.|[^"])*)"'],
    ['(a|ab)*c'],
    ['^(\\w|\\d)+$'],
    ['^(.*,)+$'],
  ])('flags exponential backtracking in %s', (p) => {
    expect(analyzeRegex(p).exponential).toBe(true);
  });

  it.each([
    ['^[a-z0-9]+(-[a-z0-9]+)*$'],
    ['[a-z0-9]+([._-][a-z0-9]+)*@[a-z0-9-]+(\\.[a-z0-9-]+)+'],
    ['"((?:\\\\.|[^"\\\\])*)"'],
    ['^[a-z]+$'],
    ['^(ab)*$'],
    ['^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$'],
    ['^[a-zA-Z0-9.]+@example\\.com$'],
  ])('leaves %s alone', (p) => {
    expect(isRedosProne(p)).toBe(false);
  });

  it('flags the quadratic trailing-class shape only when the start is not anchored', () => {
    expect(analyzeRegex('[ \\t]+$')).toEqual({ exponential: false, polynomial: true });
    expect(analyzeRegex('\\s+$').polynomial).toBe(true);
    expect(analyzeRegex('^\\s+$').polynomial).toBe(false);
  });

  it('does not throw on malformed patterns', () => {
    for (const p of ['(', ')', '[', 'a{', '\\', '(?', '[a-', '(?<n'])
      expect(() => analyzeRegex(p)).not.toThrow();
  });
});
