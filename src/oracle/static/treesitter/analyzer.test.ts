import { describe, expect, it } from 'vitest';
import { analyzerContract } from '../analyzer.contract.js';
import { TreeSitterAnalyzer } from './analyzer.js';
import { RULES } from './rules/index.js';

analyzerContract('treesitter', () => new TreeSitterAnalyzer(), {
  samples: {
    py: {
      code: 'def f(cur, n):\n    q = "SELECT * FROM t WHERE n = \'%s\'" % n\n    cur.execute(q)\n',
      cwe: 'CWE-89',
    },
    js: { code: 'function f(x) {\n  return eval("(" + x + ")");\n}\n', cwe: 'CWE-95' },
    go: {
      code: 'package main\n\nfunc f(dir string) {\n\texec.Command("sh", "-c", "ls "+dir).Run()\n}\n',
      cwe: 'CWE-78',
    },
    c: {
      code: 'int main(int argc, char **argv) {\n  char b[8];\n  strcpy(b, argv[1]);\n  return 0;\n}\n',
      cwe: 'CWE-120',
    },
    cpp: { code: 'int main(int argc, char **argv) {\n  printf(argv[1]);\n  return 0;\n}\n', cwe: 'CWE-134' },
  },
});

describe('TreeSitterAnalyzer', () => {
  const a = new TreeSitterAnalyzer();

  it('declares the union of its rules CWEs and covers all five languages', () => {
    expect(new Set(a.cwes)).toEqual(new Set(RULES.flatMap((r) => r.cwes)));
    expect([...a.languages].sort()).toEqual(['c', 'cpp', 'go', 'js', 'py']);
  });

  it('reports columns in UTF-16 code units, 1-based, end exclusive', async () => {
    // "é" is 1 UTF-16 unit (2 UTF-8 bytes); the emoji is 2 units (4 bytes)
    const code = 'def f(x):\n    s = "é😀"; eval(x)\n';
    const r = await a.analyze([{ path: 'u.py', language: 'py', text: code }]);
    const f = r.findings.find((x) => x.ruleId === 'py-eval');
    expect(f?.span).toEqual({ startLine: 2, startColumn: 16, endLine: 2, endColumn: 23 });
    const line = code.split('\n')[1] ?? '';
    expect(line.slice(15, 22)).toBe('eval(x)');
  });

  it('notes syntax errors but still reports findings in the parts that parsed', async () => {
    const code = 'import os\ndef f(h):\n    os.system("ping " + h)\n\ndef g(:\n    pass\n';
    const r = await a.analyze([{ path: 'b.py', language: 'py', text: code }]);
    expect(r.findings.map((f) => f.ruleId)).toContain('py-os-command');
    expect(r.notes.some((n) => n.file === 'b.py' && /syntax error/.test(n.message))).toBe(true);
  });

  it('tracks a query built two lines before it reaches execute, but not a parameterised one', async () => {
    const vuln =
      'def f(cur, name):\n    sql = "SELECT id FROM users WHERE name = \'"\n    sql = sql + name + "\'"\n    return cur.execute(sql)\n';
    const safe =
      'def f(cur, name):\n    sql = "SELECT id FROM users WHERE name = %s"\n    params = (name,)\n    return cur.execute(sql, params)\n';
    const r = await a.analyze([
      { path: 'v.py', language: 'py', text: vuln },
      { path: 's.py', language: 'py', text: safe },
    ]);
    expect(
      r.findings.filter((f) => f.ruleId === 'py-sql-built-query').map((f) => [f.file, f.span.startLine]),
    ).toEqual([['v.py', 4]]);
  });

  it('parses a Python method cut out of its class (indented as a whole) and maps columns back', async () => {
    const code = '    def run(self, host):\n        os.system("ping " + host)\n';
    const r = await a.analyze([{ path: 'm.py', language: 'py', text: code }]);
    expect(r.notes).toEqual([]);
    const f = r.findings.find((x) => x.ruleId === 'py-os-command');
    expect(f?.span).toEqual({ startLine: 2, startColumn: 9, endLine: 2, endColumn: 34 });
    expect((code.split('\n')[1] ?? '').slice(8, 33)).toBe('os.system("ping " + host)');
  });

  it('keeps its findings in deeply nested code (20,000 levels) without overflowing the stack', async () => {
    const py = `x = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\nimport os\nos.system("a" + y)\n`;
    const js = `const x = ${'['.repeat(20_000)}${']'.repeat(20_000)};\neval(a + b);\n`;
    const r = await a.analyze([
      { path: 'deep.py', language: 'py', text: py },
      { path: 'deep.js', language: 'js', text: js },
    ]);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['js-eval', 'py-os-command']);
    expect(r.notes.filter((n) => /rule check failed/.test(n.message))).toEqual([]);
  });
});
