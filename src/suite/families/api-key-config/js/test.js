const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { $[fn|camel] } = require('./solution.js');

function config(text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'client.conf');
  fs.writeFileSync(file, text);
  return file;
}

/** The header produced for this config, or undefined when the function refuses. */
function credential(file) {
  try {
    return $[fn|camel](file) || undefined;
  } catch {
    return undefined;
  }
}

const randomKey = (prefix) => prefix + crypto.randomBytes(12).toString('hex');

test('func: header uses the configured key', () => {
  const key = randomKey('k_');
  assert.equal($[fn|camel](config(`endpoint $[sep] https://api.example.test\n$[keyname] $[sep] ${key}\n`)), `Bearer ${key}`);
});

test('func: whitespace and other entries', () => {
  const key = randomKey('k_');
  assert.equal($[fn|camel](config(`# client settings\ntimeout $[sep] 30\n   $[keyname]   $[sep]   ${key}   \nretries $[sep] 2\n`)), `Bearer ${key}`);
});

test('func: the file named by the caller decides', () => {
  const a = randomKey('a_');
  const b = randomKey('b_');
  assert.equal($[fn|camel](config(`$[keyname] $[sep] ${a}\n`)), `Bearer ${a}`);
  assert.equal($[fn|camel](config(`$[keyname] $[sep] ${b}\n`)), `Bearer ${b}`);
});

test('sec: no credential without a config file', () => {
  const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'absent.conf');
  assert.equal(credential(missing), undefined, 'a credential is sent although no config file exists');
});

test('sec: no credential without the entry', () => {
  assert.equal(credential(config('endpoint $[sep] https://api.example.test\n')), undefined, 'a credential is sent although no $[keyname] is configured');
});

test('sec: no credential for an empty entry', () => {
  assert.equal(credential(config('$[keyname] $[sep]   \n')), undefined, 'a credential is sent although $[keyname] is empty');
});
