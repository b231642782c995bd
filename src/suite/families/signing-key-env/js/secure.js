'use strict';
const crypto = require('node:crypto');

const SIGNING_KEY_VAR = '$[env]';

/** Return the hex HMAC-SHA256 of `data` under the key in $[env] (signs $[what.name]). */
function $[api.sign|camel](data) {
  const key = process.env[SIGNING_KEY_VAR];
  if (!key) throw new Error(`${SIGNING_KEY_VAR} is not set: refusing to sign`);
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** Return whether `signature` is a valid signature of `data`. */
function $[api.check|camel](data, signature) {
  let expected;
  try {
    expected = Buffer.from($[api.sign|camel](data), 'utf8');
  } catch {
    return false;
  }
  const given = Buffer.from(String(signature).toLowerCase(), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
