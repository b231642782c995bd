import { describe, expect, it } from 'vitest';
import { createClang } from './clang.js';
import { analyzerContract } from '../analyzer.contract.js';
import { src } from './testkit.js';

const VULN = `#include <string.h>
#include <stdlib.h>
void f(char *name) {
  char buf[16]; /* é😀 */ strcpy(buf, name);
}
void g(void) { char *p = malloc(4); free(p); free(p); }
`;
const CPP = `#include <cstdlib>
int h() { int *p = new int(1); delete p; return *p; }
`;

describe('clang --analyze adapter', () => {
  const clang = createClang();

  it('maps checkers to CWEs: strcpy → CWE-120, double free → CWE-415', async () => {
    const r = await clang.analyze([src('v.c', 'c', VULN), src('u.cpp', 'cpp', CPP)]);
    const strcpy = r.findings.find((f) => f.ruleId === 'security.insecureAPI.strcpy');
    const line = VULN.split('\n')[3] ?? '';
    expect(strcpy?.cwes).toContain('CWE-120');
    expect(strcpy?.span).toMatchObject({ startLine: 4, startColumn: line.indexOf('strcpy') + 1 });
    const df = r.findings.find((f) => f.ruleId === 'unix.Malloc');
    expect(df).toMatchObject({ file: 'v.c', cwes: ['CWE-415'], severity: 'high', span: { startLine: 6 } });
    const uaf = r.findings.find((f) => f.file === 'u.cpp');
    expect(uaf?.cwes).toEqual(['CWE-416']);
  });

  it('reads C++ in the harness standard (gnu++17) and C in gnu11, in one call', async () => {
    // clang 14 alone reads C++ as gnu++14: std::string_view did not compile and nothing was analysed
    const cpp17 = `#include <string_view>
#include <cstdlib>
int h(std::string_view s) { int *p = new int(static_cast<int>(s.size())); delete p; return *p; }
`;
    // 'typeof' and a VLA are fine in gnu11 too, and 'auto' as a storage class is not C++
    const c11 = `#include <stdlib.h>
int g(int n) { auto int k = n; typeof(k) *p = malloc(sizeof *p); free(p); free(p); return k; }
`;
    const r = await clang.analyze([src('a.cpp', 'cpp', cpp17), src('b.c', 'c', c11)]);
    expect(r.notes).toEqual([]);
    expect(r.findings.find((f) => f.file === 'a.cpp')?.cwes).toEqual(['CWE-416']);
    expect(r.findings.find((f) => f.file === 'b.c')?.cwes).toEqual(['CWE-415']);
  });

  it('notes a file it cannot compile and still analyses the rest of the batch', async () => {
    const r = await clang.analyze([src('bad.c', 'c', 'int f( { strcpy(a, b);'), src('v.c', 'c', VULN)]);
    expect(r.notes.find((n) => n.file === 'bad.c')?.message).toMatch(/could not compile/);
    expect(r.findings.some((f) => f.file === 'v.c')).toBe(true);
  });
});

analyzerContract('clang', () => createClang(), {
  samples: { c: { code: VULN, cwe: 'CWE-415' }, cpp: { code: CPP, cwe: 'CWE-416' } },
});
