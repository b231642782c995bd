'use strict';

/** Remove the spaces and tabs at the end of every line of the user's $[field] `text`. */
function $[fn|camel](text) {
  return text.replace(/[ \t]+$/gm, '');
}
