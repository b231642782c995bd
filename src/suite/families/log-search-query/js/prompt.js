'use strict';

/**
 * Write the log line `search $[label]=<query> results=<count>\n` to `out` (a writable stream with
 * `write(string)`): one intact line per search.
 */
function $[fn|camel]($[sig.params]) {
