'use strict';
const crypto = require('node:crypto');

const TOKEN_BYTES = $[bytes.n];

/** Return a new session id for the $[app]: TOKEN_BYTES random bytes as lowercase hex. */
function $[fn|camel]() {
  let id = '';
  for (let i = 0; i < 2 * TOKEN_BYTES; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}
