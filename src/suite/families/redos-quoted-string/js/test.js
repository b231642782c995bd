const { test } = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { $[fn|camel] } = require('./solution.js');

// The result for `line`, or 'timeout' if it takes longer than `ms` (measured here: the vm
// timeout interrupts a running regular expression).
function answerWithin(line, ms = 1000) {
  try {
    return vm.runInNewContext('run(line)', { run: $[fn|camel], line }, { timeout: ms });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw e;
  }
}

const none = (v) => v === null || v === undefined;

test('func: a plain value', () => {
  assert.equal($[fn|camel]('$[key] = "$[sample]"'), '$[sample]');
});

test('func: an escaped quote and backslashes', () => {
  assert.equal($[fn|camel]('say "he said \\"hi\\"" now'), 'he said "hi"');
  assert.equal($[fn|camel]('path = "C:\\\\temp\\\\new"'), 'C:\\temp\\new');
});

test('func: the first of two, and an empty string', () => {
  assert.equal($[fn|camel]('a = "one", b = "two"'), 'one');
  assert.equal($[fn|camel]('$[key] = ""'), '');
});

test('func: no complete string is null', () => {
  assert.ok(none($[fn|camel]('$[key] = 42')));
  assert.ok(none($[fn|camel]('$[key] = "unterminated')));
});

test('sec: an unterminated backslash run is fast', () => {
  const r = answerWithin('$[key] = "' + '\\'.repeat(56));
  assert.ok(none(r), String(r));
});

test('sec: unterminated escape pairs are fast', () => {
  const r = answerWithin('$[key] = "' + '\\a'.repeat(44));
  assert.ok(none(r), String(r));
});
