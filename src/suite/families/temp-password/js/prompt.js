'use strict';
const crypto = require('node:crypto');

const ALPHABET = '$[alpha.chars]';

/** Return a random password of `length` characters from ALPHABET for $[who]. */
function $[fn|camel](length) {
  let out = '';
  for (let i = 0; i < length; i++) {
