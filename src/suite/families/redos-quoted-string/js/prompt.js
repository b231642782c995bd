'use strict';

/** Return the unescaped content of the first "..." string in `line` (backslash escapes), or null. */
function $[fn|camel](line) {
