import { describe, expect, it } from 'vitest';
import { createFlawfinder } from './flawfinder.js';
import { analyzerContract } from '../analyzer.contract.js';
import { src } from './testkit.js';

const VULN = `#include <string.h>
#include <stdio.h>
void greet(char *name) {
  char buf[16]; /* é😀 */ strcpy(buf, name);
  printf(name);
}
`;
const SAFE = `#include <stdio.h>
void greet(const char *name) {
  char buf[16];
  snprintf(buf, sizeof buf, "%s", name);
  printf("%s", buf);
}
`;

describe('flawfinder adapter', () => {
  const ff = createFlawfinder();

  it('is available and reports its version', async () => {
    expect(await ff.availability()).toMatchObject({
      available: true,
      version: expect.stringMatching(/^2\./),
    });
  });

  it('finds strcpy (CWE-120) and a format string (CWE-134) at UTF-16 columns past non-ASCII text', async () => {
    const r = await ff.analyze([src('v.c', 'c', VULN)]);
    const strcpy = r.findings.find((f) => f.ruleId === 'buffer/strcpy');
    expect(strcpy).toMatchObject({ analyzer: 'flawfinder', file: 'v.c', severity: 'high' });
    expect(strcpy?.cwes).toContain('CWE-120');
    const line = VULN.split('\n')[3] ?? '';
    expect(strcpy?.span.startLine).toBe(4);
    expect(strcpy?.span.startColumn).toBe(line.indexOf('strcpy') + 1);
    const fmt = r.findings.find((f) => f.ruleId === 'format/printf');
    expect(fmt?.cwes).toEqual(['CWE-134']);
    expect(fmt?.span).toMatchObject({ startLine: 5, startColumn: 3 });
  });

  it('reports nothing at medium or above on the bounded version', async () => {
    const r = await ff.analyze([src('s.c', 'c', SAFE)]);
    expect(r.findings.filter((f) => f.severity !== 'low' && f.severity !== 'note')).toEqual([]);
  });

  it('gives a note for a 5 MB file and still analyses the others', async () => {
    const big = `${'int filler_variable_number = 12345; /* padding */\n'.repeat(110_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    const r = await ff.analyze([src('big.c', 'c', big), src('v.c', 'c', VULN)]);
    expect(r.notes.find((n) => n.file === 'big.c')?.message).toMatch(/over its limit/);
    expect(r.findings.some((f) => f.file === 'v.c' && f.ruleId === 'buffer/strcpy')).toBe(true);
  });

  it('keeps a variadic wrapper forwarding its own format (vfprintf) as a low hint, printf(user) high', async () => {
    const wrapper = `#include <stdarg.h>
#include <stdio.h>
void log_msg(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(f, fmt, ap);
  va_end(ap);
}
`;
    const r = await ff.analyze([src('w.c', 'c', wrapper), src('v.c', 'c', VULN)]);
    expect(r.findings.find((f) => f.file === 'w.c' && f.ruleId === 'format/vfprintf')?.severity).toBe('low');
    expect(r.findings.find((f) => f.file === 'v.c' && f.ruleId === 'format/printf')?.severity).toBe('high');
  });

  it('analyses many files in one batch and attributes findings to the right file', async () => {
    const files = Array.from({ length: 12 }, (_, i) => src(`f${i}.c`, 'c', i % 2 === 0 ? VULN : SAFE));
    const r = await ff.analyze(files);
    const flagged = new Set(r.findings.filter((f) => f.ruleId === 'buffer/strcpy').map((f) => f.file));
    expect([...flagged].sort()).toEqual(['f0.c', 'f10.c', 'f2.c', 'f4.c', 'f6.c', 'f8.c']);
  });
});

analyzerContract('flawfinder', () => createFlawfinder(), {
  samples: { c: { code: VULN, cwe: 'CWE-120' }, cpp: { code: VULN, cwe: 'CWE-134' } },
});
