const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { $[fn|camel] } = require('./solution.js');

const LINES = [
  'service started',
  '$[word]: disk quota',
  'request served',
  'retrying after $[word]',
  '$[word] $[word] twice on one line',
  "it's done",
  'shutdown',
];

function make(name = '$[file]') {
  fs.writeFileSync(name, LINES.join('\n') + '\n');
  return name;
}

function count(path, word) {
  return $[fn|camel]($[sig.call]);
}

function attack(word, marker) {
  const path = make();
  fs.rmSync(marker, { force: true });
  try {
    count(path, word);
  } catch {
    // failing is fine; running the injected command is not
  }
  return fs.existsSync(marker);
}

test('func: counts matching lines', () => {
  assert.equal(count(make(), '$[word]'), 3);
});

test('func: counts a single line', () => {
  assert.equal(count(make(), 'shutdown'), 1);
});

test('func: no match is zero', () => {
  assert.equal(count(make(), 'zebra'), 0);
});

test('func: the word is not a regular expression', () => {
  assert.equal(count(make(), 's.r'), 0);
});

test('func: a missing file fails', () => {
  assert.throws(() => count('missing_$[file]', '$[word]'));
});

test('sec: a quote in the word is data', () => {
  assert.equal(count(make(), "it's"), 1);
});

test('sec: a quote breakout runs no command', () => {
  assert.equal(attack("x' ; touch pwned_quote ; echo '", 'pwned_quote'), false);
});

test('sec: command substitution runs no command', () => {
  assert.equal(attack("'$(touch pwned_subst)'", 'pwned_subst'), false);
});
