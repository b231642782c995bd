'use strict';

/**
 * Write the log line `$[msg] <username> from <ip>\n` to `out` (a writable stream with
 * `write(string)`): exactly one line per attempt.
 */
function $[fn|camel]($[sig.params]) {
  const safeName = String(username).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  out.write(`$[msg] ${safeName} from ${ip}\n`);
}
