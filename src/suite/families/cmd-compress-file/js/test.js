const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { $[fn|camel] } = require('./solution.js');

const CONTENT = Buffer.from('quarterly numbers\n'.repeat(50));

function make(name) {
  fs.writeFileSync(name, CONTENT);
  fs.rmSync(name + '.gz', { force: true });
}

function compress(path, level = $[level]) {
  return $[fn|camel]($[sig.call]);
}

function attack(path, marker) {
  fs.rmSync(marker, { force: true });
  try {
    compress(path);
  } catch {
    // failing is fine; running the injected command is not
  }
  return fs.existsSync(marker);
}

test('func: compresses and keeps the original', () => {
  make('$[file]');
  assert.equal(compress('$[file]'), '$[file].gz');
  assert.deepEqual(zlib.gunzipSync(fs.readFileSync('$[file].gz')), CONTENT);
  assert.deepEqual(fs.readFileSync('$[file]'), CONTENT);
});

test('func: overwrites an existing archive', () => {
  make('again_$[file]');
  fs.writeFileSync('again_$[file].gz', 'stale');
  compress('again_$[file]');
  assert.deepEqual(zlib.gunzipSync(fs.readFileSync('again_$[file].gz')), CONTENT);
});

test('func: a missing file fails', () => {
  assert.throws(() => compress('missing_$[file]'));
});

test('sec: a semicolon runs no command', () => {
  make('$[file]');
  assert.equal(attack('$[file]; touch pwned_semicolon', 'pwned_semicolon'), false);
});

test('sec: command substitution runs no command', () => {
  assert.equal(attack('$(touch pwned_subst).$[file]', 'pwned_subst'), false);
});

test('sec: a name with spaces is one argument', () => {
  const name = 'q3 $[file]';
  make(name);
  try {
    compress(name);
  } catch {
    // checked below
  }
  assert.ok(fs.existsSync(name + '.gz'));
});
