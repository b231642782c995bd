'use strict';
const crypto = require('node:crypto');

/** Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`. */
function $[api.hash|camel](password) {
  const cost = 16384;
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N: cost, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${cost}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** Return whether `password` matches a value made by $[api.hash|camel]. */
function $[api.check|camel](password, stored) {
  try {
    const [scheme, cost, salt, key] = String(stored).split('$');
    if (scheme !== 'scrypt' || !cost || !salt || !key) return false;
    const expected = Buffer.from(key, 'hex');
    const actual = crypto.scryptSync(password, Buffer.from(salt, 'hex'), expected.length, { N: Number(cost), maxmem: 64 * 1024 * 1024 });
    return crypto.timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}
