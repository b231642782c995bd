'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const CHUNK_SIZE = $[chunk]; // read size used by $[ctx]

/** Return the hex checksum of the $[what] at `path`; any change to the file must change it. */
function $[api.sum|camel](path) {
