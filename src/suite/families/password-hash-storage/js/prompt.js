'use strict';
const crypto = require('node:crypto');

/** Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`. */
function $[api.hash|camel](password) {
