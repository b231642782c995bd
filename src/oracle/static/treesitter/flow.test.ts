import { describe, expect, it } from 'vitest';
import type { Language } from '../../../core/records.js';
import { Flow, type Taint } from './flow.js';
import { parserFor, type Node } from './parser.js';

/** Classify the first argument of the last call to `sink` in `code`. */
async function taintOfSinkArg(lang: Language, code: string, sink: string): Promise<Taint> {
  const parser = await parserFor(lang);
  const tree = parser.parse(code);
  if (tree === null) throw new Error('no tree');
  try {
    const calls = tree.rootNode
      .descendantsOfType(lang === 'py' ? 'call' : 'call_expression')
      .filter((c): c is Node => c !== null && (c.childForFieldName('function')?.text ?? '').endsWith(sink));
    const call = calls[calls.length - 1];
    const arg = call?.childForFieldName('arguments')?.namedChildren[0];
    if (arg === undefined || arg === null) throw new Error(`no call to ${sink}`);
    return new Flow(lang).classify(arg);
  } finally {
    tree.delete();
  }
}

describe('Flow.classify', () => {
  it.each<[Language, string, Taint]>([
    ['py', 'def f(c, n):\n    c.execute("SELECT %s" % n)\n', 'built'],
    ['py', 'def f(c, n):\n    q = f"SELECT {n}"\n    c.execute(q)\n', 'built'],
    ['py', 'def f(c, n):\n    q = "SELECT 1"\n    q += " WHERE a = " + n\n    c.execute(q)\n', 'built'],
    ['py', 'def f(c, n):\n    q = "SELECT ?"\n    c.execute(q, (n,))\n', 'static'],
    ['py', 'def f(c, n):\n    c.execute(n)\n', 'opaque'],
    ['py', 'def f(c, n):\n    c.execute("SELECT %d" % int(n))\n', 'static'],
    ['py', 'T = "users"\ndef f(c):\n    c.execute("SELECT * FROM " + T)\n', 'static'],
    [
      'py',
      'COLS = ("a", "b")\ndef f(c, s):\n    if s not in COLS:\n        raise ValueError(s)\n    c.execute(f"SELECT * ORDER BY {s}")\n',
      'static',
    ],
    ['py', 'def f(c, k):\n    c.execute("SELECT * FROM %s" % CFG("table"))\n', 'static'],
    ['js', 'function f(db, n) { const q = `SELECT ${n}`; db.query(q); }', 'built'],
    ['js', 'function f(db, n) { db.query("SELECT ?", [n]); }', 'static'],
    [
      'js',
      'function f(db, s) { if (!COLS.includes(s)) throw new Error(); db.query("SELECT " + s); }',
      'static',
    ],
    [
      'go',
      'package m\nfunc f(db *sql.DB, n string) { q := fmt.Sprintf("SELECT %s", n); db.Query(q) }',
      'built',
    ],
    ['go', 'package m\nfunc f(db *sql.DB, n int) { db.Query("SELECT " + strconv.Itoa(n)) }', 'static'],
    [
      'c',
      'void f(const char *h) { char cmd[64]; snprintf(cmd, sizeof cmd, "ping %s", h); system(cmd); }',
      'built',
    ],
    ['c', 'void f(void) { const char *cmd = "ls"; system(cmd); }', 'static'],
    ['cpp', 'void f(const std::string &d) { std::string cmd = "ls " + d; system(cmd.c_str()); }', 'built'],
  ])('[%s] %s → %s', async (lang, code, expected) => {
    const sink = /execute|query|Query/.exec(code)?.[0] ?? 'system';
    expect(await taintOfSinkArg(lang, code, sink)).toBe(expected);
  });

  it('stops on self-referencing assignments instead of looping', async () => {
    expect(
      await taintOfSinkArg(
        'py',
        'def f(c, n):\n    q = "S"\n    q = q + n\n    q = q + q\n    c.execute(q)\n',
        'execute',
      ),
    ).toBe('built');
  });
});
