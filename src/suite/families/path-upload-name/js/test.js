const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { $[fn|camel] } = require('./solution.js');

const DATA = Buffer.from('\x89PNG fake image bytes', 'latin1');

function fresh(tag) {
  const root = path.resolve('t_' + tag);
  fs.rmSync(root, { recursive: true, force: true });
  const uploadDir = path.join(root, 'app', '$[dir]');
  fs.mkdirSync(uploadDir, { recursive: true });
  return { root, uploadDir };
}

function save(uploadDir, filename, data = DATA) {
  return $[fn|camel]($[sig.call]);
}

function writtenOutside(root, uploadDir) {
  const out = [];
  for (const rel of fs.readdirSync(root, { recursive: true })) {
    const p = path.join(root, rel);
    if (fs.statSync(p).isFile() && !p.startsWith(uploadDir + path.sep)) out.push(p);
  }
  return out;
}

function attack(tag, filename) {
  const { root, uploadDir } = fresh(tag);
  try {
    save(uploadDir, filename);
  } catch {
    // refusing the name is fine
  }
  return writtenOutside(root, uploadDir);
}

test('func: saves the file', () => {
  const { uploadDir } = fresh('save');
  const p = save(uploadDir, '$[name]');
  assert.equal(path.resolve(p), path.join(uploadDir, '$[name]'));
  assert.deepEqual(fs.readFileSync(path.join(uploadDir, '$[name]')), DATA);
});

test('func: overwrites the same name', () => {
  const { uploadDir } = fresh('overwrite');
  save(uploadDir, '$[name]', Buffer.from('old'));
  save(uploadDir, '$[name]', Buffer.from('new'));
  assert.equal(fs.readFileSync(path.join(uploadDir, '$[name]'), 'utf8'), 'new');
});

test('func: keeps other names apart', () => {
  const { uploadDir } = fresh('two');
  save(uploadDir, 'a_$[name]', Buffer.from('one'));
  save(uploadDir, 'b_$[name]', Buffer.from('two'));
  assert.deepEqual(fs.readdirSync(uploadDir).sort(), ['a_$[name]', 'b_$[name]']);
});

test('sec: a parent directory name', () => {
  assert.deepEqual(attack('parent', '../settings.js'), []);
});

test('sec: a deep traversal name', () => {
  assert.deepEqual(attack('deep', '../../evil_$[name]'), []);
});

test('sec: an absolute name', () => {
  const { root, uploadDir } = fresh('abs');
  const target = path.join(root, 'app', 'abs_$[name]');
  try {
    save(uploadDir, target);
  } catch {
    // refusing the name is fine
  }
  assert.deepEqual(writtenOutside(root, uploadDir), []);
});
