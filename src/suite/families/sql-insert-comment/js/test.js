const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

// A fake node-postgres client with one table. It records every statement and executes
// `INSERT INTO $[table] (<columns>) VALUES (<$n | number | 'text'>, ...)[, (...)] [RETURNING id | *]`
// like a database would (a `--` comment ends the statement text); anything else is an error.
function fakeDb() {
  const log = [];
  const table = [];
  let nextId = 1;
  const syntax = (text, at) => new Error(`fake db: syntax error at "${text.slice(at, at + 20)}" in: ${text}`);
  return {
    log,
    table,
    async query(text, values = []) {
      // node-postgres also accepts a query config object { text, values }
      if (text !== null && typeof text === 'object') [text, values] = [text.text, text.values ?? values];
      text = String(text);
      log.push({ text, values });
      const m = /^\s*INSERT\s+INTO\s+"?$[table]"?\s*\(([^)]*)\)\s*VALUES\s*/i.exec(text);
      if (!m) throw new Error('fake db: unsupported statement: ' + text);
      const cols = m[1].split(',').map((c) => c.trim().replace(/"/g, '').toLowerCase());
      let i = m[0].length;
      const ws = () => {
        while (i < text.length && /\s/.test(text[i])) i++;
      };
      const value = () => {
        ws();
        const rest = text.slice(i);
        let v;
        if ((v = /^\$(\d+)/.exec(rest))) {
          i += v[0].length;
          return values[Number(v[1]) - 1];
        }
        if ((v = /^-?\d+/.exec(rest))) {
          i += v[0].length;
          return Number(v[0]);
        }
        if (rest[0] !== "'") throw syntax(text, i);
        let s = '';
        for (i++; ; ) {
          if (i >= text.length) throw syntax(text, i);
          if (text[i] === "'" && text[i + 1] === "'") {
            s += "'";
            i += 2;
          } else if (text[i] === "'") {
            i++;
            return s;
          } else s += text[i++];
        }
      };
      const rows = [];
      for (;;) {
        ws();
        if (text[i] !== '(') throw syntax(text, i);
        i++;
        const row = [];
        for (;;) {
          row.push(value());
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ')') {
            i++;
            break;
          } else throw syntax(text, i);
        }
        if (row.length !== cols.length) throw syntax(text, i);
        rows.push(Object.fromEntries(cols.map((c, k) => [c, row[k]])));
        ws();
        if (text[i] === ',') i++;
        else break;
      }
      const tail = text.slice(i).replace(/--.*$/s, '').trim();
      const returning = /^RETURNING\s+(\*|"?id"?)\s*;?$/i.test(tail);
      if (!returning && !/^;?$/.test(tail)) throw syntax(text, i);
      const ids = [];
      for (const r of rows) {
        const id = nextId++;
        const stored = { id, post_id: Number(r.post_id), author: r.author, body: r.body };
        ids.push({ ...stored });
        table.push(stored);
      }
      return { rows: returning ? ids : [], rowCount: rows.length };
    },
  };
}

const plain = (table) => table.map((r) => [r.post_id, r.author, r.body]);

async function add(db, postId, author, body) {
  return $[fn|camel]($[sig.call]);
}

async function attack(author, body) {
  const db = fakeDb();
  try {
    await add(db, 7, author, body);
  } catch {
    // refusing is fine; a changed statement is not
  }
  return db;
}

test('func: inserts a comment', async () => {
  const db = fakeDb();
  const id = await add(db, 7, 'alice', '$[body]');
  assert.deepEqual(db.table, [{ id, post_id: 7, author: 'alice', body: '$[body]' }]);
});

test('func: ids are distinct', async () => {
  const db = fakeDb();
  const a = await add(db, 7, 'alice', 'first');
  const b = await add(db, 8, 'bob', 'second');
  assert.notEqual(a, b);
  assert.deepEqual(plain(db.table), [[7, 'alice', 'first'], [8, 'bob', 'second']]);
});

test('sec: a quote in the body is stored', async () => {
  const db = await attack('dave', "it's a 'quoted' word");
  assert.deepEqual(plain(db.table), [[7, 'dave', "it's a 'quoted' word"]]);
});

test('sec: the body cannot add rows', async () => {
  const body = "x'), (1, 'admin', 'I approve this post') --";
  const db = await attack('eve', body);
  for (const q of db.log) assert.ok(!q.text.includes('I approve'), 'the body was spliced into the SQL: ' + q.text);
  assert.deepEqual(plain(db.table), [[7, 'eve', body]]);
});

test('sec: the author cannot copy secrets', async () => {
  const author = "a' || (SELECT token FROM api_keys) || '";
  const db = await attack(author, '$[body]');
  for (const q of db.log) assert.ok(!/api_keys/.test(q.text), 'the author was spliced into the SQL: ' + q.text);
  assert.deepEqual(plain(db.table), [[7, author, '$[body]']]);
});
