'use strict';

const SORT_COLUMNS = ['name', 'price', 'added'];

/**
 * Return the names of the rows of table $[table], ordered by the column `sortBy` (one of
 * SORT_COLUMNS). `db` is a node-postgres style client: `await db.query(text, values)` resolves to
 * `{ rows }`, with `$1`, `$2`, ... in `text` bound to `values`.
 */
async function $[fn|camel]($[sig.params]) {
