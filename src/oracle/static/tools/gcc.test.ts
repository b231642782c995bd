import { describe, expect, it } from 'vitest';
import { createGcc } from './gcc.js';
import { analyzerContract } from '../analyzer.contract.js';
import { src } from './testkit.js';

const VULN = `#include <stdio.h>
#include <stdlib.h>
void f(char *name) { printf(name); }
void g(void) { char *q = "é😀"; char *p = malloc(4); free(p); free(p); }
`;

describe('gcc -fanalyzer adapter', () => {
  const gcc = createGcc();

  it('reports the analyzer CWE (double free → CWE-415) and maps -Wformat-security → CWE-134', async () => {
    const r = await gcc.analyze([src('v.c', 'c', VULN)]);
    const df = r.findings.find((f) => f.ruleId === 'analyzer-double-free');
    const line = VULN.split('\n')[3] ?? '';
    expect(df).toMatchObject({ cwes: ['CWE-415'], severity: 'high' });
    expect(df?.span).toMatchObject({ startLine: 4, startColumn: line.lastIndexOf('free(p)') + 1 });
    expect(df?.span.endColumn).toBe(line.lastIndexOf('free(p)') + 'free(p)'.length + 1);
    const fmt = r.findings.find((f) => f.ruleId === 'format-security');
    expect(fmt).toMatchObject({ cwes: ['CWE-134'], span: { startLine: 3 } });
  });

  it('keeps the findings of good files when another file of the batch does not compile', async () => {
    const r = await gcc.analyze([src('bad.c', 'c', 'int f( {'), src('v.c', 'c', VULN)]);
    expect(r.notes.find((n) => n.file === 'bad.c')?.message).toMatch(/could not compile/);
    expect(r.findings.some((f) => f.file === 'v.c' && f.cwes.includes('CWE-415'))).toBe(true);
  });
});

analyzerContract('gcc', () => createGcc(), {
  samples: { c: { code: VULN, cwe: 'CWE-415' }, cpp: { code: VULN, cwe: 'CWE-134' } },
});
