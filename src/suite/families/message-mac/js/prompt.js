'use strict';
const crypto = require('node:crypto');

/**
 * Return the hex authentication tag of `message` (Buffer) under the shared `key` (Buffer).
 * Used for $[what] exchanged with $[party].
 */
function $[api.sign|camel]($[sig.params]) {
