const { test } = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { $[fn|camel] } = require('./solution.js');

// The result for `text`, or 'timeout' if it takes longer than `ms` (measured here: the vm
// timeout interrupts a running regular expression).
function answerWithin(text, ms = 1000) {
  try {
    return vm.runInNewContext('run(text)', { run: $[fn|camel], text }, { timeout: ms });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw e;
  }
}

test('func: strips each line', () => {
  assert.equal($[fn|camel]('$[sample]  \nsecond\t\n  third  '), '$[sample]\nsecond\n  third');
});

test('func: keeps clean text and inner spaces', () => {
  assert.equal($[fn|camel]('$[sample]\na  b\tc'), '$[sample]\na  b\tc');
});

test('func: keeps empty lines, blank lines become empty', () => {
  assert.equal($[fn|camel]('a\n\n   \n\t\nb \n'), 'a\n\n\n\nb\n');
});

test('func: empty text', () => {
  assert.equal($[fn|camel](''), '');
});

test('sec: a long blank run before a character is fast', () => {
  const text = ' '.repeat(100000) + 'x';
  assert.equal(answerWithin(text), text);
});

test('sec: a long mixed blank run in a line is fast', () => {
  const run = ' \t'.repeat(50000);
  assert.equal(answerWithin('$[sample]\n' + run + '!\nend  '), '$[sample]\n' + run + '!\nend');
});
