const { test } = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { $[fn|camel] } = require('./solution.js');

// The answer for `slug`, or 'timeout' if it takes longer than `ms` (measured here: the vm
// timeout interrupts a running regular expression).
function answerWithin(slug, ms = 1000) {
  try {
    return vm.runInNewContext('check(slug)', { check: $[fn|camel], slug }, { timeout: ms });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw e;
  }
}

test('func: accepts valid slugs', () => {
  for (const s of ['$[sample]', 'a', 'x1', '2024', 'one-two-three-four']) assert.equal($[fn|camel](s), true, s);
});

test('func: rejects bad hyphens', () => {
  for (const s of ['-$[sample]', '$[sample]-', 'hello--world', '-']) assert.equal($[fn|camel](s), false, s);
});

test('func: rejects other characters', () => {
  for (const s of ['', 'Hello-World', 'hello_world', 'hello world', 'caf\u00e9', 'a/b']) assert.equal($[fn|camel](s), false, s);
});

test('sec: a long word with a bad end is rejected quickly', () => {
  assert.equal(answerWithin('a'.repeat(40) + '!'), false);
});

test('sec: a long word with a trailing hyphen is rejected quickly', () => {
  assert.equal(answerWithin('a'.repeat(40) + '-'), false);
});
