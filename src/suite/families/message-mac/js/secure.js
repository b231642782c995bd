'use strict';
const crypto = require('node:crypto');

/**
 * Return the hex authentication tag of `message` (Buffer) under the shared `key` (Buffer).
 * Used for $[what] exchanged with $[party].
 */
function $[api.sign|camel]($[sig.params]) {
  return crypto.createHmac('sha256', key).update(message).digest('hex');
}

/** Return whether `tag` is the valid tag of `message` under `key`. */
function $[api.check|camel]($[sig.tparams]) {
  const expected = Buffer.from($[api.sign|camel]($[sig.call]), 'utf8');
  const given = Buffer.from(String(tag).toLowerCase(), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
