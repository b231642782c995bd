'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const CHUNK_SIZE = $[chunk]; // read size used by $[ctx]

/** Return the hex checksum of the $[what] at `path`; any change to the file must change it. */
function $[api.sum|camel](path) {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK_SIZE);
    let n;
    while ((n = fs.readSync(fd, buf, 0, CHUNK_SIZE, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Return whether the file at `path` still has the published checksum `expected`. */
function $[api.check|camel](path, expected) {
  const actual = Buffer.from($[api.sum|camel](path), 'utf8');
  const wanted = Buffer.from(String(expected).trim().toLowerCase(), 'utf8');
  return actual.length === wanted.length && crypto.timingSafeEqual(actual, wanted);
}
