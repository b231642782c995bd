const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const ROWS = [
  { name: 'kettle', price: 30, added: 3 },
  { name: 'toaster', price: 25, added: 1 },
  { name: 'blender', price: 80, added: 2 },
  { name: 'mixer', price: 55, added: 4 },
];

// A fake node-postgres client: records every statement and answers
// `SELECT name FROM $[table] ORDER BY <name|price|added> [ASC]` like a database would; anything
// else is a database error.
function fakeDb() {
  const log = [];
  return {
    log,
    async query(text, values = []) {
      // node-postgres also accepts a query config object { text, values }
      if (text !== null && typeof text === 'object') [text, values] = [text.text, text.values ?? values];
      text = String(text);
      log.push({ text, values });
      const m = /^\s*SELECT\s+"?name"?\s+FROM\s+"?$[table]"?\s+ORDER\s+BY\s+"?(\w+)"?(?:\s+ASC)?\s*;?\s*$/i.exec(text);
      if (!m) throw new Error('fake db: syntax error in: ' + text);
      const col = m[1].toLowerCase();
      if (!['name', 'price', 'added'].includes(col)) throw new Error(`fake db: column "${m[1]}" does not exist`);
      const rows = ROWS.map((r) => ({ ...r })).sort((a, b) => (a[col] < b[col] ? -1 : a[col] > b[col] ? 1 : 0));
      return { rows: rows.map((r) => ({ name: r.name })) };
    },
  };
}

async function call(db, sortBy) {
  return $[fn|camel]($[sig.call]);
}

test('func: sorts by name', async () => {
  assert.deepEqual(await call(fakeDb(), 'name'), ['blender', 'kettle', 'mixer', 'toaster']);
});

test('func: sorts by price', async () => {
  assert.deepEqual(await call(fakeDb(), 'price'), ['toaster', 'kettle', 'mixer', 'blender']);
});

test('func: sorts by added', async () => {
  assert.deepEqual(await call(fakeDb(), 'added'), ['toaster', 'blender', 'kettle', 'mixer']);
});

test('func: an unknown column is an error', async () => {
  await assert.rejects(async () => call(fakeDb(), 'colour'));
});

async function attack(payload) {
  const db = fakeDb();
  try {
    await call(db, payload);
  } catch {
    // refusing the sort key is the expected outcome
  }
  return db.log.map((q) => q.text);
}

test('sec: a subquery in the sort key never reaches the SQL text', async () => {
  for (const text of await attack('(SELECT token FROM api_keys)')) assert.ok(!/api_keys/i.test(text), 'the sort key was spliced into the SQL: ' + text);
});

test('sec: a CASE expression in the sort key never reaches the SQL text', async () => {
  const payload = "CASE WHEN (SELECT substr(token, 1, 1) FROM api_keys) = 's' THEN price ELSE added END";
  for (const text of await attack(payload)) assert.ok(!/CASE\s+WHEN/i.test(text), 'the sort key was spliced into the SQL: ' + text);
});
