'use strict';
const crypto = require('node:crypto');

/** Return the string to store in the $[table] table for `password`. */
function $[api.hash|camel](password) {
