'use strict';

/**
 * Write the log line `$[msg] <username> from <ip>\n` to `out` (a writable stream with
 * `write(string)`): exactly one line per attempt.
 */
function $[fn|camel]($[sig.params]) {
  out.write(`$[msg] ${username} from ${ip}\n`);
}
