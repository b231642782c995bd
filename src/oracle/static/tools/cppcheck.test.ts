import { afterAll, describe, expect, it } from 'vitest';
import { createCppcheck } from './cppcheck.js';
import { analyzerContract } from '../analyzer.contract.js';
import { fakeTools, src } from './testkit.js';

const DOUBLE_FREE = `#include <stdlib.h>
void g(void) { char *q = "é😀"; char *p = malloc(4); free(p); free(p); }
`;
const NULL_DEREF = `void k(void) { int *p = 0; *p = 1; }\n`;
const SAFE = `#include <stdlib.h>
void g(void) { char *p = malloc(4); if (p) { p[0] = 1; } free(p); }
`;

describe('cppcheck adapter', () => {
  const cc = createCppcheck();
  const fake = fakeTools();
  afterAll(() => fake.cleanup());

  it('finds a double free (CWE-415) with a byte column converted to UTF-16', async () => {
    const r = await cc.analyze([src('d.c', 'c', DOUBLE_FREE), src('n.c', 'c', NULL_DEREF)]);
    const df = r.findings.find((f) => f.ruleId === 'doubleFree');
    expect(df).toMatchObject({ file: 'd.c', severity: 'high', cwes: ['CWE-415'] });
    const line = DOUBLE_FREE.split('\n')[1] ?? '';
    // cppcheck points at the second free's argument
    expect(df?.span.startLine).toBe(2);
    expect(df?.span.startColumn).toBe(line.lastIndexOf('free(p)') + 1);
    const np = r.findings.find((f) => f.ruleId === 'nullPointer');
    expect(np).toMatchObject({ file: 'n.c', cwes: ['CWE-476'] });
  });

  it('stays quiet at high severity on safe code', async () => {
    const r = await cc.analyze([src('s.c', 'c', SAFE)]);
    expect(r.findings.filter((f) => f.severity === 'high')).toEqual([]);
  });

  it('turns a syntax error into a note', async () => {
    const r = await cc.analyze([src('bad.c', 'c', 'int f( { return ;')]);
    expect(r.findings).toEqual([]);
    expect(r.notes.some((n) => n.file === 'bad.c' && /could not parse/.test(n.message))).toBe(true);
  });

  it('gives notes, not exceptions, when the tool prints garbage, crashes or hangs', async () => {
    const garbage = createCppcheck({
      binary: fake.script(
        'cppcheck-garbage',
        'if [ "$1" = --version ]; then echo "Cppcheck 2.10"; else echo "<<<not xml" >&2; fi',
      ),
    });
    const g = await garbage.analyze([src('a.c', 'c', NULL_DEREF), src('b.c', 'c', NULL_DEREF)]);
    expect(g.findings).toEqual([]);
    expect(g.notes.map((n) => n.file).sort()).toEqual(['a.c', 'b.c']);
    expect(g.notes[0]?.message).toMatch(/could not be parsed/);
    // a tool failure may have hidden findings: flagged, unlike input the tool declines
    expect(g.notes.every((n) => n.failed === true)).toBe(true);

    const crash = createCppcheck({
      binary: fake.script(
        'cppcheck-crash',
        'if [ "$1" = --version ]; then echo "Cppcheck 2.10"; else kill -SEGV $$; fi',
      ),
    });
    const c = await crash.analyze([src('a.c', 'c', NULL_DEREF)]);
    expect(c.notes[0]?.message).toMatch(/killed by SIGSEGV/);
    expect(c.notes[0]?.failed).toBe(true);

    const hang = createCppcheck({
      binary: fake.script(
        'cppcheck-hang',
        'if [ "$1" = --version ]; then echo "Cppcheck 2.10"; else sleep 30; fi',
      ),
      timeoutMs: 300,
    });
    const h = await hang.analyze([src('a.c', 'c', NULL_DEREF)]);
    expect(h.notes[0]?.message).toMatch(/timed out after 300 ms/);
    expect(h.notes[0]?.failed).toBe(true);
  });

  it('isolates a file that makes the tool hang by retrying the batch file by file, and analyses the others', async () => {
    // the real cppcheck, except that it hangs when handed a file containing HANG
    const real = fake.script(
      'cppcheck-hang-on-one',
      'if [ "$1" = --version ]; then exec cppcheck --version; fi\nfor f in "$@"; do case "$f" in *.c) if grep -q HANG "$f"; then sleep 30; fi;; esac; done\nexec cppcheck "$@"',
    );
    const cc2 = createCppcheck({ binary: real, timeoutMs: 2500 });
    const files = ['a', 'b', 'c', 'd'].map((n) =>
      src(`${n}.c`, 'c', n === 'c' ? `/* HANG */\n${NULL_DEREF}` : NULL_DEREF),
    );
    const r = await cc2.analyze(files);
    expect(
      [...new Set(r.findings.filter((f) => f.ruleId === 'nullPointer').map((f) => f.file))].sort(),
    ).toEqual(['a.c', 'b.c', 'd.c']);
    expect(r.notes.map((n) => n.file)).toEqual(['c.c']);
    expect(r.notes[0]?.message).toMatch(/timed out/);
  });

  it('is unavailable (not thrown) when the binary is missing', async () => {
    const missing = createCppcheck({ binary: `${fake.dir}/no-such-cppcheck` });
    const a = await missing.availability();
    expect(a.available).toBe(false);
    const r = await missing.analyze([src('a.c', 'c', NULL_DEREF)]);
    expect(r.notes[0]?.message).toMatch(/not run/);
  });

  it('does not hand a file over the size limit to the tool', async () => {
    const small = createCppcheck({ maxFileBytes: 100 });
    const big = `${'// padding\n'.repeat(50)}${NULL_DEREF}`;
    const r = await small.analyze([src('big.c', 'c', big), src('n.c', 'c', NULL_DEREF)]);
    expect(r.notes.find((n) => n.file === 'big.c')?.message).toMatch(/over its limit/);
    expect(r.findings.some((f) => f.file === 'n.c')).toBe(true);
  });
});

analyzerContract('cppcheck', () => createCppcheck(), {
  samples: { c: { code: DOUBLE_FREE, cwe: 'CWE-415' }, cpp: { code: NULL_DEREF, cwe: 'CWE-476' } },
});
