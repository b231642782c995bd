const { test } = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { $[fn|camel] } = require('./solution.js');

// The answer for `address`, or 'timeout' if it takes longer than `ms` (measured here: the vm
// timeout interrupts a running regular expression).
function answerWithin(address, ms = 1000) {
  try {
    return vm.runInNewContext('check(address)', { check: $[fn|camel], address }, { timeout: ms });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw e;
  }
}

test('func: accepts valid addresses', () => {
  for (const a of ['$[local]@$[domain]', 'x@y.io', 'a_b-c.d@mail.example.org', 'user42@sub.domain-1.com']) assert.equal($[fn|camel](a), true, a);
});

test('func: rejects a missing or doubled at sign', () => {
  for (const a of ['$[local].$[domain]', 'two@@$[domain]', '@$[domain]', '$[local]@']) assert.equal($[fn|camel](a), false, a);
});

test('func: rejects bad local parts', () => {
  for (const a of ['john..smith@$[domain]', '.john@$[domain]', 'jo hn@$[domain]', 'john!@$[domain]']) assert.equal($[fn|camel](a), false, a);
});

test('func: rejects a domain without a dot, and the empty string', () => {
  for (const a of ['$[local]@localhost', '', '$[local]@$[domain].']) assert.equal($[fn|camel](a), false, a);
});

test('sec: a long local part without an at sign is rejected quickly', () => {
  assert.equal(answerWithin('a'.repeat(40) + '!'), false);
});

test('sec: a long local part with a bad domain is rejected quickly', () => {
  assert.equal(answerWithin('a'.repeat(40) + '@localhost'), false);
});

test('sec: a long dotted local part is rejected quickly', () => {
  assert.equal(answerWithin('a1'.repeat(20) + 'a'.repeat(20) + '@x'), false);
});
