'use strict';
const crypto = require('node:crypto');

/** Encrypt `plaintext` (a string) under the 32-byte Buffer `key` for $[store]; return $[b64.name]. */
function $[api.enc|camel](key, plaintext) {
