'use strict';
const crypto = require('node:crypto');

const CODE_DIGITS = $[digits.n];

/** Return a new $[digits.n]-digit code for the $[app]'s $[purpose] flow (zero-padded string). */
function $[fn|camel]() {
  return String(Math.floor(Math.random() * 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}
