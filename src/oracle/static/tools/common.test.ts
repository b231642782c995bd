import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/records.js';
import { LineIndex } from '../columns.js';
import {
  chunks,
  cwes,
  makeFinding,
  restrictCwes,
  stagedByName,
  tableCwes,
  withStagedFiles,
} from './common.js';
import { src } from './testkit.js';

describe('tool adapter helpers', () => {
  it('normalises CWE lists and collects a table’s CWEs in numeric order', () => {
    expect(cwes('89', 'CWE-089', 78, 'nope', 0)).toEqual(['CWE-89', 'CWE-78']);
    expect(tableCwes({ a: { cwes: cwes(120) }, b: { cwes: cwes(89, 120) } })).toEqual(['CWE-89', 'CWE-120']);
  });

  it('builds findings with clamped, UTF-16 spans and a whole-line end when the tool gives none', () => {
    const file = {
      source: src('a.c', 'c', 'int x;\n  é😀 strcpy(a, b);\n'),
      lines: new LineIndex('int x;\n  é😀 strcpy(a, b);\n'),
    };
    const f = makeFinding(
      't',
      file,
      'r',
      { cwes: cwes(120), severity: 'high' },
      ' msg ',
      { line: 2, column: 10 },
      'utf8',
      1,
    );
    // 1-based byte column 10 = after "  é😀 " (2 + 2 + 4 + 1 bytes) → UTF-16 column 7; no end → end of line
    expect(f.span).toEqual({ startLine: 2, startColumn: 7, endLine: 2, endColumn: 20 });
    expect(f.message).toBe('msg');
    const out = makeFinding(
      't',
      file,
      'r',
      { cwes: cwes(120), severity: 'high' },
      'm',
      { line: 99, column: 500 },
      'utf8',
      1,
    );
    expect(out.span.startLine).toBe(3);
    expect(out.span.endColumn).toBeGreaterThan(out.span.startColumn - 1);
  });

  it('keeps only declared CWEs and drops findings left with none', () => {
    const base: Finding = {
      analyzer: 't',
      ruleId: 'r',
      cwes: cwes(120, 999),
      severity: 'low',
      message: 'm',
      file: 'a',
      span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    };
    expect(restrictCwes([base, { ...base, cwes: cwes(999) }], cwes(120))).toEqual([
      { ...base, cwes: ['CWE-120'] },
    ]);
  });

  it('stages files in a private directory that is removed afterwards, and maps printed names back', async () => {
    let seen = '';
    await withStagedFiles(
      't',
      [src('x/y.py', 'py', 'print(1)\n'), src('z.cpp', 'cpp', 'int a;\n')],
      async (dir, staged) => {
        seen = dir;
        expect(staged.map((s) => s.name)).toEqual(['f0.py', 'f1.cpp']);
        expect(readdirSync(dir).sort()).toEqual(['f0.py', 'f1.cpp']);
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        expect(readFileSync(staged[0]?.path ?? '', 'utf8')).toBe('print(1)\n');
        const lookup = stagedByName(staged);
        expect(lookup(`file://${dir}/f1.cpp`)?.source.path).toBe('z.cpp');
        expect(lookup('f0.py')?.source.path).toBe('x/y.py');
        expect(lookup('other.c')).toBeUndefined();
        return Promise.resolve();
      },
    );
    expect(existsSync(seen)).toBe(false);
  });

  it('splits into batches', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1], 0)).toEqual([[1]]);
  });
});
