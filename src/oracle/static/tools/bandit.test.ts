import { afterAll, describe, expect, it } from 'vitest';
import { BanditAnalyzer, banditInterpreter } from './bandit.js';
import { analyzerContract } from '../analyzer.contract.js';
import { fakeTools, src } from './testkit.js';

const SQL = `import sqlite3
def find(cur, name):
    x = "é😀"; cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    return cur.fetchall()
`;
const SAFE = `def find(cur, name):
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return cur.fetchall()
`;

describe('bandit adapter (persistent worker)', () => {
  const bandit = new BanditAnalyzer();
  const fake = fakeTools();
  afterAll(async () => {
    await bandit.close();
    fake.cleanup();
  });

  it('needs bandit >= 1.7 and reports its version', async () => {
    const a = await bandit.availability();
    expect(a).toMatchObject({ available: true });
    if (a.available) expect(a.version).toMatch(/^1\.(7|8|9)/);
  });

  it('finds B608 (CWE-89) on a %-formatted query at the right line and UTF-16 column', async () => {
    const r = await bandit.analyze([src('q.py', 'py', SQL)]);
    const b608 = r.findings.find((f) => f.ruleId === 'B608');
    const line = SQL.split('\n')[2] ?? '';
    expect(b608).toMatchObject({ analyzer: 'bandit', file: 'q.py', cwes: ['CWE-89'], severity: 'low' });
    // bandit spans the query string literal (0-based UTF-8 bytes in its output, after "é😀")
    expect(b608?.span).toMatchObject({ startLine: 3, startColumn: line.indexOf('"SELECT') + 1, endLine: 3 });
    expect(b608?.span.endColumn).toBe(line.indexOf(' % name') + 1);
  });

  it('analyses an indented method cut out of its class, with columns in the original text', async () => {
    const method = [
      '    def find(self, name):',
      '        self.cur.execute("SELECT * FROM users WHERE name = \'%s\'" % name)',
      '        return self.cur.fetchall()',
      '',
    ].join('\n');
    const r = await bandit.analyze([src('m.py', 'py', method)]);
    expect(r.notes).toEqual([]);
    const b608 = r.findings.find((f) => f.ruleId === 'B608');
    const line = method.split('\n')[1] ?? '';
    expect(b608?.span).toMatchObject({ startLine: 2, startColumn: line.indexOf('"SELECT') + 1 });
  });

  it('remaps CWEs bandit files oddly: eval is CWE-95, yaml.load CWE-502', async () => {
    const r = await bandit.analyze([
      src('e.py', 'py', 'import yaml\ndef f(s):\n    yaml.load(s)\n    return eval(s)\n'),
    ]);
    expect(r.findings.find((f) => f.ruleId === 'B307')?.cwes[0]).toBe('CWE-95');
    expect(r.findings.find((f) => f.ruleId === 'B506')?.cwes[0]).toBe('CWE-502');
  });

  it('reports nothing above low on a parameterized query, and a note for unparsable code', async () => {
    const r = await bandit.analyze([src('s.py', 'py', SAFE), src('bad.py', 'py', 'def (:\n')]);
    expect(
      r.findings.filter((f) => f.file === 's.py' && f.severity !== 'low' && f.severity !== 'note'),
    ).toEqual([]);
    expect(r.notes.find((n) => n.file === 'bad.py')?.message).toMatch(/syntax error/);
  });

  it('reuses one worker: 100 files cost far less than 100 bandit processes', async () => {
    const files = Array.from({ length: 100 }, (_, i) => src(`f${i}.py`, 'py', i % 2 === 0 ? SQL : SAFE));
    const r = await bandit.analyze(files);
    expect(new Set(r.findings.filter((f) => f.ruleId === 'B608').map((f) => f.file)).size).toBe(50);
  });

  it('finds the interpreter from the bandit script', () => {
    expect(banditInterpreter()).toMatch(/python3/);
  });

  it('refuses bandit 1.6 (it misses string checks on Python 3.8+)', async () => {
    const w = fake.script('old.py', '');
    const py = fake.script('py-old', `echo '{"id": 0, "ready": true, "version": "1.6.2"}'; cat >/dev/null`);
    const old = new BanditAnalyzer({ python: py, workerScript: w });
    const a = await old.availability();
    expect(a.available).toBe(false);
    if (!a.available) expect(a.reason).toMatch(/1\.6\.2 is too old/);
    await old.close();
  });

  it('after killing a hung worker, the next request is answered by a fresh one', async () => {
    // a fake worker: the first process hangs on its request, later ones answer properly
    const counter = `${fake.dir}/count`;
    const py = fake.script(
      'py-hang-once',
      [
        `echo '{"id": 0, "ready": true, "version": "1.7.10"}'`,
        `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n+1)) > ${counter}`,
        'read line',
        'if [ "$n" = 0 ]; then sleep 30; fi',
        'id=${line#*:}; id=${id%%,*}',
        `printf '{"id": %s, "results": [{"name": "f0.py", "issues": [], "skipped": null}]}\\n' "$id"`,
        'cat >/dev/null',
      ].join('\n'),
    );
    const b = new BanditAnalyzer({ python: py, workerScript: 'x', timeoutMs: 300 });
    const first = await b.analyze([src('a.py', 'py', SAFE)]);
    expect(first.notes[0]?.message).toMatch(/no answer within 300 ms/);
    const second = await b.analyze([src('b.py', 'py', SAFE)]);
    expect(second).toEqual({ findings: [], notes: [] });
    await b.close();
  });

  it('turns a hanging, crashing or garbage-printing worker into notes and recovers', async () => {
    const ready = `echo '{"id": 0, "ready": true, "version": "1.7.10"}'`;
    const hang = new BanditAnalyzer({
      python: fake.script('py-hang', `${ready}; sleep 30`),
      workerScript: 'x',
      timeoutMs: 300,
    });
    const h = await hang.analyze([src('a.py', 'py', SQL)]);
    expect(h.findings).toEqual([]);
    expect(h.notes[0]?.message).toMatch(/no answer within 300 ms/);
    await hang.close();

    const crash = new BanditAnalyzer({
      python: fake.script('py-crash', `${ready}; read line; exit 1`),
      workerScript: 'x',
    });
    const c = await crash.analyze([src('a.py', 'py', SQL)]);
    expect(c.notes[0]?.message).toMatch(/exited/);
    // the next request starts a fresh worker instead of failing forever
    const c2 = await crash.analyze([src('b.py', 'py', SQL)]);
    expect(c2.notes[0]?.file).toBe('b.py');
    await crash.close();

    const garbage = new BanditAnalyzer({
      python: fake.script('py-garbage', `${ready}; read line; echo 'not json'; sleep 5`),
      workerScript: 'x',
    });
    const g = await garbage.analyze([src('a.py', 'py', SQL)]);
    expect(g.notes[0]?.message).toMatch(/not JSON/);
    await garbage.close();
  });
});

analyzerContract('bandit', () => new BanditAnalyzer(), {
  samples: { py: { code: SQL, cwe: 'CWE-89' } },
});
