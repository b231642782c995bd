'use strict';

/**
 * Return the names of the rows of table $[table] (columns name, price) whose name contains
 * `term`, sorted by name. `db` is a node-postgres style client: `await db.query(text, values)`
 * resolves to `{ rows }`, with `$1`, `$2`, ... in `text` bound to `values`.
 */
async function $[fn|camel]($[sig.params]) {
  const { rows } = await db.query('SELECT name FROM $[table] WHERE name LIKE $1 ORDER BY name', [`%${term}%`]);
  return rows.map((r) => r.name);
}
