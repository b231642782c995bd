import { describe, expect, it } from 'vitest';
import { ESLINT_RULES, createEslint } from './eslint.js';
import { analyzerContract } from '../analyzer.contract.js';
import { src } from './testkit.js';

const VULN = `const cp = require('child_process');
function handler(req, el) {
  const s = "é😀"; eval(req.query.expr);
  el.innerHTML = req.body.msg;
  cp.exec('ls ' + req.query.dir);
}
`;
const SAFE = `const { execFile } = require('child_process');
function handler(req, el) {
  el.textContent = req.body.msg;
  execFile('ls', [req.query.dir]);
}
`;

describe('ESLint adapter', () => {
  const eslint = createEslint();

  it('maps rules to CWEs: eval → CWE-95, innerHTML → CWE-79, child_process → CWE-78', async () => {
    const r = await eslint.analyze([src('v.js', 'js', VULN)]);
    const ev = r.findings.find((f) => f.ruleId === 'security/detect-eval-with-expression');
    const line = VULN.split('\n')[2] ?? '';
    expect(ev).toMatchObject({
      cwes: ['CWE-95'],
      span: { startLine: 3, startColumn: line.indexOf('eval') + 1 },
    });
    expect(r.findings.find((f) => f.ruleId === 'no-unsanitized/property')?.cwes).toEqual(['CWE-79']);
    expect(r.findings.find((f) => f.ruleId === 'security/detect-child-process')?.cwes).toEqual(['CWE-78']);
  });

  it('reports nothing above note on the safe version', async () => {
    const r = await eslint.analyze([src('s.js', 'js', SAFE)]);
    expect(r.findings.filter((f) => f.severity !== 'note')).toEqual([]);
  });

  it('parses script-only code (top-level return) and notes unparsable code', async () => {
    const r = await eslint.analyze([
      src('script.js', 'js', 'if (x) return eval(y);\n'),
      src('bad.js', 'js', 'function (( {\n'),
    ]);
    expect(r.findings.some((f) => f.file === 'script.js' && f.cwes.includes('CWE-95'))).toBe(true);
    expect(r.notes.find((n) => n.file === 'bad.js')?.message).toMatch(/could not parse/);
  });

  it('analyses a method cut out of its class body, at its own line numbers', async () => {
    const method = 'render(el, html) {\n  el.innerHTML = html;\n}\n';
    const r = await eslint.analyze([src('m.js', 'js', method)]);
    expect(r.notes).toEqual([]);
    expect(r.findings.find((f) => f.ruleId === 'no-unsanitized/property')?.span).toMatchObject({
      startLine: 2,
      startColumn: 3,
    });
  });

  it('keeps ReDoS findings redos-detector cannot clear, and demotes linear patterns safe-regex flags', async () => {
    const code = [
      'function slug(s) { return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s); }',
      'function bad(s) { return /^(a+)+$/.test(s); }',
    ].join('\n');
    const r = await eslint.analyze([src('r.js', 'js', code)]);
    const re = r.findings.filter((f) => f.ruleId === 'security/detect-unsafe-regex');
    expect(re.map((f) => [f.span.startLine, f.severity])).toEqual([
      [1, 'low'],
      [2, 'medium'],
    ]);
    expect(re[0]?.cwes).toContain('CWE-1333');
  });

  it('has a CWE for every rule it enables', () => {
    for (const [rule, info] of Object.entries(ESLINT_RULES))
      expect(info.cwes.length, rule).toBeGreaterThan(0);
  });
});

analyzerContract('eslint', () => createEslint(), {
  samples: { js: { code: VULN, cwe: 'CWE-95' } },
});
