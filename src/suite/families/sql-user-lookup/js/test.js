const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const USERS = [
  { name: 'alice', email: 'alice@example.org' },
  { name: 'bob', email: 'bob@example.org' },
  { name: "o'brien", email: 'ob@example.org' },
];

// A fake node-postgres client: records every statement and answers
// `SELECT email FROM $[table] ... WHERE name = <$1 or a quoted literal>` like a database would.
function fakeDb() {
  const log = [];
  return {
    log,
    async query(text, values = []) {
      // node-postgres also accepts a query config object { text, values }
      if (text !== null && typeof text === 'object') [text, values] = [text.text, text.values ?? values];
      log.push({ text: String(text), values });
      const m = /\bFROM\s+"?$[table]"?\s+WHERE\s+"?name"?\s*=\s*(?:\$1\b|'((?:[^']|'')*)')/i.exec(String(text));
      if (!m) throw new Error('fake db: unsupported statement: ' + text);
      const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : values[0];
      return { rows: USERS.filter((u) => u.name === name).map((u) => ({ email: u.email })) };
    },
  };
}

test('func: finds an existing user', async () => {
  const db = fakeDb();
  const name = 'bob';
  assert.equal(await $[fn|camel]($[sig.call]), 'bob@example.org');
});

test('func: finds another user', async () => {
  const db = fakeDb();
  const name = 'alice';
  assert.equal(await $[fn|camel]($[sig.call]), 'alice@example.org');
});

test('func: a missing user is null', async () => {
  const db = fakeDb();
  const name = 'carol';
  assert.equal(await $[fn|camel]($[sig.call]), null);
});

test('sec: a quote in the name is data', async () => {
  const db = fakeDb();
  const name = "o'brien";
  assert.equal(await $[fn|camel]($[sig.call]), 'ob@example.org');
});

test('sec: a tautology never reaches the SQL text', async () => {
  const db = fakeDb();
  const name = "nobody' OR '1'='1";
  const email = await $[fn|camel]($[sig.call]);
  assert.equal(email, null);
  for (const q of db.log) assert.ok(!q.text.includes("OR '1'='1"), 'the name was spliced into the SQL: ' + q.text);
});

test('sec: a UNION never reaches the SQL text', async () => {
  const db = fakeDb();
  const name = "x' UNION SELECT email FROM $[table] WHERE name='alice";
  const email = await $[fn|camel]($[sig.call]);
  assert.equal(email, null);
  for (const q of db.log) assert.ok(!/UNION/i.test(q.text), 'the name was spliced into the SQL: ' + q.text);
});
