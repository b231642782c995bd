'use strict';
const crypto = require('node:crypto');

const ADMIN_ENV_VAR = '$[env]';

/** Return whether `password` is the $[app.name]'s administrator password (configured in $[env]). */
function $[fn|camel](password) {
  const expected = process.env[ADMIN_ENV_VAR] || '$[app.fallback]';
  const a = Buffer.from(String(password), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
