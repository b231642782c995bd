const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);
const attempt = (expression) => {
  try {
    $[fn|camel](expression);
  } catch {
    // refusing the input is the right outcome
  }
};

test('func: precedence and parentheses', () => {
  close($[fn|camel]('2 + 3 * 4'), 14);
  close($[fn|camel]('(1 + 2) * 3'), 9);
  close($[fn|camel]('2 * (3 + (4 - 1))'), 12);
});

test('func: division, decimals and unary minus', () => {
  close($[fn|camel]('-4 + 10 / 4'), -1.5);
  close($[fn|camel]('0.5 * 3'), 1.5);
  close($[fn|camel]('-(5 - 8) * 2'), 6);
  close($[fn|camel]('  7 '), 7);
});

test('func: malformed input throws', () => {
  for (const bad of ['2 +', '', '(1 + 2', '3 )']) assert.throws(() => $[fn|camel](bad), `accepted ${JSON.stringify(bad)}`);
});

test('sec: expression cannot assign globals', () => {
  delete globalThis.__calcPwned;
  attempt('(globalThis.__calcPwned = 1)');
  assert.equal(globalThis.__calcPwned, undefined, 'the $[what] ran code');
});

test('sec: expression cannot reach the Function constructor', () => {
  delete globalThis.__calcPwned2;
  attempt("[].constructor.constructor('globalThis.__calcPwned2 = 1')() + 1");
  assert.equal(globalThis.__calcPwned2, undefined, 'the $[what] ran code through a constructor');
});
