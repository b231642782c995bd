import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzerContract } from '../analyzer.contract.js';
import { createIcd } from './icd.js';
import { defaultIcdRulesDir, loadIcdRules, pythonRegex } from './rules.js';

const f = (path: string, language: 'c' | 'cpp' | 'py' | 'js' | 'go', text: string) => ({
  path,
  language,
  text,
});

describe('CyberSecEval ICD regex analyzer', () => {
  const icd = createIcd();
  const tmp = mkdtempSync(join(tmpdir(), 'secplay-icd-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads the rules from the shared data directory at run time', async () => {
    expect(await icd.availability()).toMatchObject({ available: true });
    const c = loadIcdRules(defaultIcdRulesDir(), 'c');
    expect(c.rules.find((r) => r.id === 'bugprone-strcpy')).toMatchObject({
      cwes: ['CWE-120'],
      severity: 'high',
    });
    // C++ also gets the C rules, and every language the language-agnostic ones (as upstream loads them)
    const cpp = loadIcdRules(defaultIcdRulesDir(), 'cpp');
    expect(cpp.rules.some((r) => r.id === 'bugprone-strcpy')).toBe(true);
    expect(
      loadIcdRules(defaultIcdRulesDir(), 'go').rules.every((r) => r.file === 'language_agnostic.yaml'),
    ).toBe(true);
    expect(icd.cwes).toContain('CWE-120');
    // coverage per language: strcpy's CWE-120 is a C/C++ rule only
    expect(icd.cwesFor('c')).toContain('CWE-120');
    expect(icd.cwesFor('go')).not.toContain('CWE-120');
    expect(icd.cwesFor('go')).toContain('CWE-798');
  });

  it('flags strcpy (CWE-120) and md5 (CWE-328) with exact UTF-16 spans, and every match', async () => {
    const c = 'void f(char *d, char *s) {\n  const char *e = "é😀"; strcpy(d, s); strcpy(d, s);\n}\n';
    const py = 'import hashlib\nh = hashlib.md5(b"x")\n';
    const r = await icd.analyze([f('a.c', 'c', c), f('a.py', 'py', py)]);
    const strcpy = r.findings.filter((x) => x.ruleId === 'bugprone-strcpy');
    const line = c.split('\n')[1] ?? '';
    expect(strcpy.map((x) => x.span)).toEqual([
      {
        startLine: 2,
        startColumn: line.indexOf('strcpy') + 1,
        endLine: 2,
        endColumn: line.indexOf('strcpy') + 8,
      },
      {
        startLine: 2,
        startColumn: line.lastIndexOf('strcpy') + 1,
        endLine: 2,
        endColumn: line.lastIndexOf('strcpy') + 8,
      },
    ]);
    expect(r.findings.find((x) => x.file === 'a.py')).toMatchObject({
      cwes: ['CWE-328'],
      span: { startLine: 2, startColumn: 5 },
    });
  });

  it('ignores matches on comment lines, like upstream', async () => {
    const r = await icd.analyze([
      f('c.c', 'c', '// strcpy(a, b) is banned\n/* old */ strcpy(a, b);\n'),
      f('p.py', 'py', '# hashlib.md5(x)\n'),
    ]);
    expect(r.findings).toEqual([]);
  });

  it('reports itself unavailable when the rule data is absent', async () => {
    const none = createIcd({ rulesDir: join(tmp, 'absent') });
    const a = await none.availability();
    expect(a.available).toBe(false);
    if (!a.available) expect(a.reason).toMatch(/SECPLAY_DATA_DIR/);
    expect((await none.analyze([f('a.c', 'c', 'strcpy(a,b);')])).findings).toEqual([]);
  });

  it('translates Python regex syntax and reports rules JavaScript cannot run', async () => {
    expect(pythonRegex('(?i)select').test('SELECT')).toBe(true);
    expect(pythonRegex('(?P<q>a)(?P=q)').test('aa')).toBe(true);
    expect(pythonRegex('end\\Z').test('the end')).toBe(true);
    const dir = join(tmp, 'rules');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'c.yaml'),
      '- cwe_id: CWE-242\n  description: gets\n  rule: \\bgets\\(\n  severity: Error\n  pattern_id: g\n- cwe_id: CWE-1\n  description: broken\n  rule: (?<=a+\n  severity: Warning\n  pattern_id: broken\n',
    );
    writeFileSync(join(dir, 'language_agnostic.yaml'), 'not: [a, list\n');
    const own = createIcd({ rulesDir: dir });
    const r = await own.analyze([f('g.c', 'c', 'gets(buf);\n')]);
    expect(r.findings.map((x) => x.ruleId)).toEqual(['g']);
    expect(r.notes.some((n) => /broken/.test(n.message))).toBe(true);
    expect(r.notes.some((n) => /language_agnostic.yaml: not valid YAML/.test(n.message))).toBe(true);
  });
});

analyzerContract('icd', () => createIcd(), {
  samples: {
    c: { code: 'void f(char *d, char *s) {\n  strcpy(d, s);\n}\n', cwe: 'CWE-120' },
    cpp: { code: 'std::auto_ptr<int> p(new int);\n', cwe: 'CWE-665' },
    py: { code: 'import hashlib\nh = hashlib.md5(b"x")\n', cwe: 'CWE-328' },
  },
});
