const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

// A fake node-postgres client with one table. It records every statement and executes
// `DELETE FROM $[table] WHERE <cond> AND <cond>` where the conditions are `owner = <$n | 'text'>`
// and `id = <$n | integer>` in either order (the id is compared as an integer, as a database
// would); anything else is an error.
function fakeDb() {
  const log = [];
  const table = [
    { id: 1, owner: '$[who]', body: 'groceries' },
    { id: 2, owner: '$[who]', body: 'todo' },
    { id: 3, owner: 'mallory', body: 'plans' },
    { id: 4, owner: 'dave', body: 'diary' },
  ];
  const operand = "(\\$\\d+|'(?:[^']|'')*'|-?\\d+)";
  const cond = `"?(owner|id)"?\\s*=\\s*${operand}`;
  const shape = new RegExp(`^\\s*DELETE\\s+FROM\\s+"?$[table]"?\\s+WHERE\\s+${cond}\\s+AND\\s+${cond}\\s*;?\\s*$`, 'i');
  return {
    log,
    table,
    async query(text, values = []) {
      // node-postgres also accepts a query config object { text, values }
      if (text !== null && typeof text === 'object') [text, values] = [text.text, text.values ?? values];
      text = String(text);
      log.push({ text, values });
      const m = shape.exec(text);
      if (!m) throw new Error('fake db: unsupported statement: ' + text);
      const val = (tok) => (tok[0] === '$' ? values[Number(tok.slice(1)) - 1] : tok[0] === "'" ? tok.slice(1, -1).replace(/''/g, "'") : Number(tok));
      const where = { [m[1].toLowerCase()]: val(m[2]), [m[3].toLowerCase()]: val(m[4]) };
      if (!('owner' in where) || !('id' in where)) throw new Error('fake db: unsupported statement: ' + text);
      const id = typeof where.id === 'number' ? where.id : /^\s*-?\d+\s*$/.test(String(where.id)) ? Number(where.id) : NaN;
      if (Number.isNaN(id)) throw new Error(`fake db: invalid input syntax for type integer: "${where.id}"`);
      let rowCount = 0;
      for (let i = table.length - 1; i >= 0; i--) {
        if (table[i].id === id && table[i].owner === where.owner) {
          table.splice(i, 1);
          rowCount++;
        }
      }
      return { rows: [], rowCount };
    },
  };
}

async function del(db, owner, noteId) {
  return $[fn|camel]($[sig.call]);
}

const ids = (db) => db.table.map((r) => r.id);

async function attack(noteId) {
  const db = fakeDb();
  try {
    await del(db, '$[who]', noteId);
  } catch {
    // refusing the id is fine
  }
  return db;
}

test('func: deletes an own note', async () => {
  const db = fakeDb();
  assert.equal(await del(db, '$[who]', '2'), 1);
  assert.deepEqual(ids(db), [1, 3, 4]);
});

test('func: a note of another user is kept', async () => {
  const db = fakeDb();
  assert.equal(await del(db, '$[who]', '3'), 0);
  assert.deepEqual(ids(db), [1, 2, 3, 4]);
});

test('func: a missing note deletes nothing', async () => {
  const db = fakeDb();
  assert.equal(await del(db, '$[who]', '99'), 0);
  assert.deepEqual(ids(db), [1, 2, 3, 4]);
});

test('sec: a tautology never reaches the SQL text', async () => {
  const db = await attack('1 OR 1=1');
  for (const q of db.log) assert.ok(!/OR\s+1=1/i.test(q.text), 'the id was spliced into the SQL: ' + q.text);
  assert.deepEqual(ids(db).filter((id) => id > 2), [3, 4]);
});

test('sec: a subquery never reaches the SQL text', async () => {
  const db = await attack("(SELECT id FROM $[table] WHERE owner = 'mallory') OR owner = 'dave'");
  for (const q of db.log) assert.ok(!/mallory|dave/.test(q.text), 'the id was spliced into the SQL: ' + q.text);
  assert.deepEqual(ids(db), [1, 2, 3, 4]);
});
