'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Write the uploaded `data` (a Buffer) to `uploadDir` under the client's `filename`; return the path written. */
function $[fn|camel]($[sig.params]) {
  const name = path.basename(filename);
  if (name === '' || name === '.' || name === '..') throw new Error(`invalid upload name: ${filename}`);
  const target = path.join(uploadDir, name);
  fs.writeFileSync(target, data);
  return target;
}
