'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Return the content (a Buffer) of the file `name` under `baseDir`, or null if it is missing or outside `baseDir`. */
function $[fn|camel]($[sig.params]) {
  const root = path.resolve(baseDir);
  const full = path.resolve(root, name);
  if (!full.startsWith(root)) return null;
  try {
    return fs.readFileSync(full);
  } catch {
    return null;
  }
}
