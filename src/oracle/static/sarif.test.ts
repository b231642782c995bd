import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import type { Finding } from '../../core/records.js';
import { sarifSchemaErrors } from './sarif-schema.testkit.js';
import { cweTag, fromSarif, pathToUri, toSarif, uriToPath } from './sarif.js';
import { TreeSitterAnalyzer } from './treesitter/analyzer.js';

const findings: Finding[] = [
  {
    analyzer: 'treesitter',
    ruleId: 'py-sql-built-query',
    cwes: ['CWE-89'],
    severity: 'high',
    message: 'SQL built from data',
    file: 'app/db.py',
    span: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 30 },
  },
  {
    analyzer: 'treesitter',
    ruleId: 'py-weak-hash',
    cwes: ['CWE-328', 'CWE-327'],
    severity: 'medium',
    message: 'MD5',
    file: '/abs/dir with space/é.py',
    span: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 3 },
  },
  {
    analyzer: 'flawfinder',
    ruleId: 'FF1001',
    cwes: ['CWE-120'],
    severity: 'low',
    message: 'strcpy',
    file: 'x.c',
    span: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 },
  },
];

describe('toSarif', () => {
  it('produces a log that the SARIF 2.1.0 schema accepts', () => {
    const log = toSarif(findings, {
      tools: [{ id: 'treesitter', version: '1' }, { id: 'bandit' }],
      notes: [
        { analyzer: 'treesitter', file: 'broken.py', message: '2 syntax errors' },
        { analyzer: 'bandit', message: 'not available' },
      ],
    });
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    // one run per analyzer, including one that ran but found nothing
    expect(log.runs.map((r) => r.tool.driver.name)).toEqual(['treesitter', 'bandit', 'flawfinder']);
  });

  it('the schema check is not vacuous: a broken log is rejected', () => {
    const log = toSarif(findings);
    const broken: unknown = JSON.parse(JSON.stringify({ ...log, version: '2.0.0' }));
    expect(sarifSchemaErrors(broken).length).toBeGreaterThan(0);
    const noMessage: unknown = JSON.parse(
      JSON.stringify(log).replace('"message":{"text":"MD5"}', '"message":7'),
    );
    expect(sarifSchemaErrors(noMessage).length).toBeGreaterThan(0);
  });

  it('tags rules with external/cwe ids, maps severities to levels, keeps spans', () => {
    const log = toSarif(findings);
    const run = log.runs[0];
    const rule = run?.tool.driver.rules?.find((r) => r.id === 'py-weak-hash');
    expect(rule?.properties?.tags).toEqual(['security', 'external/cwe/cwe-328', 'external/cwe/cwe-327']);
    expect(run?.results?.map((r) => r.level)).toEqual(['error', 'warning']);
    expect(run?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual(findings[0]?.span);
    expect(run?.columnKind).toBe('utf16CodeUnits');
    expect(cweTag('CWE-89')).toBe('external/cwe/cwe-89');
  });

  it('round-trips: fromSarif(toSarif(findings)) gives the findings back', () => {
    expect(fromSarif(toSarif(findings))).toEqual(findings);
  });

  it('encodes paths as URI references and decodes them back', () => {
    for (const p of ['a/b c.py', '/abs/dir with space/é.py', 'x#y%z.c'])
      expect(uriToPath(pathToUri(p))).toBe(p);
    expect(pathToUri('a/b c.py')).toBe('a/b%20c.py');
  });

  it('validates a log of real tree-sitter findings', async () => {
    const a = new TreeSitterAnalyzer();
    const r = await a.analyze([
      { path: 'v.py', language: 'py', text: 'import os\ndef f(h):\n    os.system("ping " + h)\n' },
      {
        path: 'v.c',
        language: 'c',
        text: 'int main(int c, char **v) {\n  char b[4];\n  strcpy(b, v[1]);\n}\n',
      },
    ]);
    expect(r.findings.length).toBeGreaterThanOrEqual(2);
    expect(sarifSchemaErrors(toSarif(r.findings, { tools: [{ id: 'treesitter' }], notes: r.notes }))).toEqual(
      [],
    );
  });
});

describe('fromSarif (tools that emit SARIF)', () => {
  it('reads CWE ids from relationships (flawfinder style) and skips results without a location', () => {
    const log: Log = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Flawfinder',
              rules: [
                {
                  id: 'FF1001',
                  relationships: [
                    { target: { id: 'CWE-120', toolComponent: { name: 'CWE' } }, kinds: ['relevant'] },
                  ],
                },
              ],
            },
          },
          results: [
            {
              ruleId: 'FF1001',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'strcpy does not check for buffer overflows' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'src/x.c' },
                    region: { startLine: 3, startColumn: 3, endColumn: 9 },
                  },
                },
              ],
            },
            { ruleId: 'FF1001', message: { text: 'no location' } },
          ],
        },
      ],
    };
    expect(fromSarif(log, { analyzer: 'flawfinder' })).toEqual([
      {
        analyzer: 'flawfinder',
        ruleId: 'FF1001',
        cwes: ['CWE-120'],
        severity: 'high',
        message: 'strcpy does not check for buffer overflows',
        file: 'src/x.c',
        span: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 },
      },
    ]);
  });

  it('uses a mapping table when the SARIF has no CWE (clang style), and drops unmapped rules', () => {
    const log: Log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'clang' } },
          results: [
            {
              ruleId: 'unix.Malloc',
              level: 'warning',
              message: { text: 'Use of memory after it is freed' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'file:///tmp/a.c' },
                    region: { startLine: 5 },
                  },
                },
              ],
            },
            {
              ruleId: 'core.NoSuchChecker',
              message: { text: 'x' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'a.c' }, region: { startLine: 1 } } },
              ],
            },
          ],
        },
      ],
    };
    const got = fromSarif(log, { cweOf: (id) => (id === 'unix.Malloc' ? ['CWE-416'] : []) });
    expect(got).toEqual([
      {
        analyzer: 'clang',
        ruleId: 'unix.Malloc',
        cwes: ['CWE-416'],
        severity: 'medium',
        message: 'Use of memory after it is freed',
        file: '/tmp/a.c',
        span: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 },
      },
    ]);
  });

  it('converts unicodeCodePoints columns to UTF-16 when the text is known', () => {
    const text = 'x = "😀😀"; eval(y)\n';
    const log: Log = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 't', rules: [{ id: 'r', properties: { tags: ['external/cwe/cwe-95'] } }] },
          },
          columnKind: 'unicodeCodePoints',
          results: [
            {
              ruleId: 'r',
              message: { text: 'eval' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'a.py' },
                    region: { startLine: 1, startColumn: 11, endColumn: 18 },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const [f] = fromSarif(log, { texts: new Map([['a.py', text]]) });
    expect(f?.span).toEqual({ startLine: 1, startColumn: 13, endLine: 1, endColumn: 20 });
    expect(text.slice(12, 19)).toBe('eval(y)');
  });
});
