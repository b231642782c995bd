'use strict';

/**
 * Delete the row of table $[table] (columns id, owner, body) with id `noteId` (a string from the
 * URL) owned by `owner`, and return the number of deleted rows. `db` is a node-postgres style
 * client: `await db.query(text, values)` resolves to `{ rows, rowCount }`, with `$1`, `$2`, ...
 * in `text` bound to `values`.
 */
async function $[fn|camel]($[sig.params]) {
  const { rowCount } = await db.query('DELETE FROM $[table] WHERE owner = $1 AND id = $2', [owner, noteId]);
  return rowCount;
}
