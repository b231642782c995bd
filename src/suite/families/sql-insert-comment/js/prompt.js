'use strict';

/**
 * Insert a comment into table $[table] (columns id, post_id, author, body; id is assigned by the
 * database) and return the new id. `db` is a node-postgres style client:
 * `await db.query(text, values)` resolves to `{ rows }`, with `$1`, `$2`, ... in `text` bound to
 * `values`; `INSERT ... RETURNING id` returns the new id as a row.
 */
async function $[fn|camel]($[sig.params]) {
