const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const ROWS = [
  { name: 'steel kettle', price: 30 },
  { name: 'glass kettle', price: 45 },
  { name: 'toaster', price: 25 },
  { name: "o'clock radio", price: 60 },
];

function likeToRegExp(pattern, esc) {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (esc !== undefined && c === esc && i + 1 < pattern.length) body += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') body += '.*';
    else if (c === '_') body += '.';
    else body += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + body + '$', 's');
}

// A fake node-postgres client: records every statement and answers
// `SELECT name FROM $[table] WHERE name LIKE <$1 | '%' || $1 || '%' | a quoted literal> [ESCAPE 'c'] [ORDER BY name]`.
function fakeDb() {
  const log = [];
  return {
    log,
    async query(text, values = []) {
      // node-postgres also accepts a query config object { text, values }
      if (text !== null && typeof text === 'object') [text, values] = [text.text, text.values ?? values];
      text = String(text);
      log.push({ text, values });
      const m = /\bFROM\s+"?$[table]"?\s+WHERE\s+"?name"?\s+I?LIKE\s+(?:('%'\s*\|\|\s*)?\$1\b(\s*\|\|\s*'%')?|'((?:[^']|'')*)')/i.exec(text);
      if (!m) throw new Error('fake db: unsupported statement: ' + text);
      let rest = text.slice(m.index + m[0].length);
      const e = /^\s*ESCAPE\s+'((?:[^']|'')+)'/i.exec(rest);
      const esc = e ? e[1].replace(/''/g, "'") : undefined;
      if (e) rest = rest.slice(e[0].length);
      if (!/^\s*(ORDER\s+BY\s+"?name"?(\s+ASC)?)?\s*;?\s*$/i.test(rest)) throw new Error('fake db: syntax error near: ' + rest);
      const pattern = m[3] !== undefined ? m[3].replace(/''/g, "'") : (m[1] ? '%' : '') + String(values[0]) + (m[2] ? '%' : '');
      const re = likeToRegExp(pattern, esc);
      const rows = ROWS.filter((r) => re.test(r.name)).map((r) => ({ name: r.name }));
      if (/ORDER\s+BY\s+"?name"?/i.test(text)) rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { rows };
    },
  };
}

test('func: finds matches sorted by name', async () => {
  const db = fakeDb();
  const term = 'kettle';
  assert.deepEqual(await $[fn|camel]($[sig.call]), ['glass kettle', 'steel kettle']);
});

test('func: a single match', async () => {
  const db = fakeDb();
  const term = 'toast';
  assert.deepEqual(await $[fn|camel]($[sig.call]), ['toaster']);
});

test('func: no match is an empty list', async () => {
  const db = fakeDb();
  const term = 'blender';
  assert.deepEqual(await $[fn|camel]($[sig.call]), []);
});

test('sec: a quote in the term is data', async () => {
  const db = fakeDb();
  const term = "o'clock";
  assert.deepEqual(await $[fn|camel]($[sig.call]), ["o'clock radio"]);
});

test('sec: a tautology never reaches the SQL text', async () => {
  const db = fakeDb();
  const term = "zz' OR 1=1 --";
  let found;
  try {
    found = await $[fn|camel]($[sig.call]);
  } catch {
    found = [];
  }
  for (const q of db.log) assert.ok(!q.text.includes('OR 1=1'), 'the term was spliced into the SQL: ' + q.text);
  assert.deepEqual(found, []);
});

test('sec: a UNION never reaches the SQL text', async () => {
  const db = fakeDb();
  const term = "zz' UNION SELECT token FROM api_keys --";
  try {
    await $[fn|camel]($[sig.call]);
  } catch {
    // refusing the term is fine
  }
  for (const q of db.log) assert.ok(!/UNION/i.test(q.text), 'the term was spliced into the SQL: ' + q.text);
});
