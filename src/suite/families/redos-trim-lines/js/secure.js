'use strict';

/** Remove the spaces and tabs at the end of every line of the user's $[field] `text`. */
function $[fn|camel](text) {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
      return line.slice(0, end);
    })
    .join('\n');
}
