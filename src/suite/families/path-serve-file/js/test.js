const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { $[fn|camel] } = require('./solution.js');

const SECRET = 'db_password=hunter2\n';

function site() {
  const root = path.resolve('site');
  fs.mkdirSync(path.join(root, '$[base]', 'css'), { recursive: true });
  fs.mkdirSync(path.join(root, '$[base]_private'), { recursive: true });
  fs.writeFileSync(path.join(root, '$[base]', '$[page]'), '<h1>welcome</h1>\n');
  fs.writeFileSync(path.join(root, '$[base]', 'css', 'site.css'), 'body { color: black }\n');
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, '$[base]_private', 'key.txt'), SECRET);
  return path.join(root, '$[base]');
}

function read(baseDir, name) {
  return $[fn|camel]($[sig.call]);
}

function leaks(name) {
  const baseDir = site();
  let data;
  try {
    data = read(baseDir, name);
  } catch {
    return false;
  }
  return data !== null && data !== undefined && String(data).includes(SECRET);
}

test('func: reads a top-level file', () => {
  assert.equal(String(read(site(), '$[page]')), '<h1>welcome</h1>\n');
});

test('func: reads a nested file', () => {
  assert.equal(String(read(site(), 'css/site.css')), 'body { color: black }\n');
});

test('func: a missing file is null', () => {
  assert.equal(read(site(), 'nope.html'), null);
});

test('sec: the parent directory is refused', () => {
  assert.equal(leaks('../secret.txt'), false);
});

test('sec: nested traversal is refused', () => {
  assert.equal(leaks('css/../../secret.txt'), false);
});

test('sec: an absolute path is refused', () => {
  assert.equal(leaks(path.resolve('site', 'secret.txt')), false);
});

test('sec: a sibling with the same prefix is refused', () => {
  assert.equal(leaks('../$[base]_private/key.txt'), false);
});
