'use strict';

/** Return the unescaped content of the first "..." string in `line` (backslash escapes), or null. */
function $[fn|camel](line) {
  const m = /"((?:\\.|[^"])*)"/.exec(line);
  if (m === null) return null;
  return m[1].replace(/\\(.)/g, '$1');
}
