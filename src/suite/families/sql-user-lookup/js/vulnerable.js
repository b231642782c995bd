'use strict';

/**
 * Return the email of the user called `name` in table $[table] (columns name, email), or null.
 * `db` is a node-postgres style client: `await db.query(text, values)` resolves to `{ rows }`,
 * with `$1`, `$2`, ... in `text` bound to `values`.
 */
async function $[fn|camel]($[sig.params]) {
  const { rows } = await db.query(`SELECT email FROM $[table] WHERE name = '${name}'`);
  return rows.length > 0 ? rows[0].email : null;
}
