'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Write the uploaded `data` (a Buffer) to `uploadDir` under the client's `filename`; return the path written. */
function $[fn|camel]($[sig.params]) {
