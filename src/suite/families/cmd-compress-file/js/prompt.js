'use strict';
const childProcess = require('node:child_process');

/** Compress `path` with gzip at `level` (keep the original, overwrite the archive); return the .gz path. */
function $[fn|camel]($[sig.params]) {
