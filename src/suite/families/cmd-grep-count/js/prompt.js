'use strict';
const childProcess = require('node:child_process');

/** Return the number of lines of `path` that contain `word` (a fixed string), counted by grep. */
function $[fn|camel]($[sig.params]) {
