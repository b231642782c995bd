'use strict';
const childProcess = require('node:child_process');

/** Return the number of lines of `path` that contain `word` (a fixed string), counted by grep. */
function $[fn|camel]($[sig.params]) {
  try {
    return Number(childProcess.execSync(`grep -cF '${word}' "${path}"`, { encoding: 'utf8' }).trim());
  } catch (e) {
    if (e.status === 1) return 0;
    throw e;
  }
}
