'use strict';

/**
 * Insert a comment into table $[table] (columns id, post_id, author, body; id is assigned by the
 * database) and return the new id. `db` is a node-postgres style client:
 * `await db.query(text, values)` resolves to `{ rows }`, with `$1`, `$2`, ... in `text` bound to
 * `values`; `INSERT ... RETURNING id` returns the new id as a row.
 */
async function $[fn|camel]($[sig.params]) {
  const { rows } = await db.query('INSERT INTO $[table] (post_id, author, body) VALUES ($1, $2, $3) RETURNING id', [postId, author, body]);
  return rows[0].id;
}
