'use strict';

/**
 * Write the log line `search $[label]=<query> results=<count>\n` to `out` (a writable stream with
 * `write(string)`): one intact line per search.
 */
function $[fn|camel]($[sig.params]) {
  const safe = String(query).replace(/\n/g, '\\n');
  out.write(`search $[label]=${safe} results=${count}\n`);
}
