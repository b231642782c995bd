const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { $[api.sum|camel], $[api.check|camel] } = require('./solution.js');

// Two different 128-byte blocks with the same MD5 (Wang et al., 2004); any common suffix keeps the collision.
const BLOCK_A = Buffer.from(
  'd131dd02c5e6eec4693d9a0698aff95c2fcab58712467eab4004583eb8fb7f89' +
    '55ad340609f4b30283e488832571415a085125e8f7cdc99fd91dbdf280373c5b' +
    'd8823e3156348f5bae6dacd436c919c6dd53e2b487da03fd02396306d248cda0' +
    'e99f33420f577ee8ce54b67080a80d1ec69821bcb6a8839396f9652b6ff72a70',
  'hex',
);
const BLOCK_B = Buffer.from(
  'd131dd02c5e6eec4693d9a0698aff95c2fcab50712467eab4004583eb8fb7f89' +
    '55ad340609f4b30283e4888325f1415a085125e8f7cdc99fd91dbd7280373c5b' +
    'd8823e3156348f5bae6dacd436c919c6dd53e23487da03fd02396306d248cda0' +
    'e99f33420f577ee8ce54b67080280d1ec69821bcb6a8839396f965ab6ff72a70',
  'hex',
);
const SUFFIX = Buffer.from('\n#!/bin/sh\necho installing $[what]\n'.repeat(3));

function write(data, name = 'f.bin') {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sum-')), name);
  fs.writeFileSync(file, data);
  return file;
}

test('func: same content, same checksum', () => {
  const s = $[api.sum|camel](write('release 1.2.3\n'));
  assert.equal(typeof s, 'string');
  assert.match(s, /^[0-9a-fA-F]{32,}$/);
  assert.equal(s, $[api.sum|camel](write('release 1.2.3\n')));
});

test('func: different content, different checksum', () => {
  assert.notEqual($[api.sum|camel](write('release 1.2.3\n')), $[api.sum|camel](write('release 1.2.4\n')));
  assert.notEqual($[api.sum|camel](write('')), $[api.sum|camel](write(Buffer.from([0]))));
});

test('func: verify untouched and modified files', () => {
  const data = crypto.randomBytes(3 * $[chunk] + 17);
  const file = write(data);
  const published = $[api.sum|camel](file);
  assert.equal($[api.check|camel](file, published), true);
  data[data.length >> 1] ^= 1;
  fs.writeFileSync(file, data);
  assert.equal($[api.check|camel](file, published), false);
});

test('sec: md5 collision is detected', () => {
  const good = write(Buffer.concat([BLOCK_A, SUFFIX]), 'good.bin');
  const evil = write(Buffer.concat([BLOCK_B, SUFFIX]), 'evil.bin');
  assert.equal(crypto.createHash('md5').update(fs.readFileSync(good)).digest('hex'), crypto.createHash('md5').update(fs.readFileSync(evil)).digest('hex'));
  assert.notEqual($[api.sum|camel](good), $[api.sum|camel](evil), 'two different files share a checksum (MD5 collision)');
  assert.equal($[api.check|camel](evil, $[api.sum|camel](good)), false, 'a swapped file passes verification');
});

test('sec: checksum is not a broken hash', () => {
  const data = Buffer.from('firmware v7\n'.repeat(100));
  const s = $[api.sum|camel](write(data)).toLowerCase();
  for (const alg of ['md5', 'sha1']) assert.notEqual(s, crypto.createHash(alg).update(data).digest('hex'), `the checksum is ${alg}, which has practical collisions`);
});
