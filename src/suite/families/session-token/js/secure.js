'use strict';
const crypto = require('node:crypto');

const TOKEN_BYTES = $[bytes.n];

/** Return a new session id for the $[app]: TOKEN_BYTES random bytes as lowercase hex. */
function $[fn|camel]() {
  return crypto.randomBytes(TOKEN_BYTES).toString('hex');
}
