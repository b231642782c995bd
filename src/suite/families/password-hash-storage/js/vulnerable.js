'use strict';
const crypto = require('node:crypto');

/** Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`. */
function $[api.hash|camel](password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const key = crypto.createHash('sha512').update(password + salt).digest('hex');
  return `sha512$${salt}$${key}`;
}

/** Return whether `password` matches a value made by $[api.hash|camel]. */
function $[api.check|camel](password, stored) {
  try {
    const [scheme, salt, key] = String(stored).split('$');
    if (scheme !== 'sha512' || !salt || !key) return false;
    const expected = Buffer.from(key, 'hex');
    const actual = crypto.createHash('sha512').update(password + salt).digest();
    return crypto.timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}
