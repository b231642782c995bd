'use strict';

/**
 * Write the log line `search $[label]=<query> results=<count>\n` to `out` (a writable stream with
 * `write(string)`): one intact line per search.
 */
function $[fn|camel]($[sig.params]) {
  const safe = String(query).replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  out.write(`search $[label]=${safe} results=${count}\n`);
}
