const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const PEOPLE = [
  { name: 'ana', age: 34, city: 'Oslo' },
  { name: 'bo', age: 27, city: 'Rome' },
  { name: 'cy', age: 51, city: 'Oslo' },
  { name: 'di', age: 40, city: 'Lima' },
];

const names = (condition, rows = PEOPLE) => $[fn|camel]($[sig.call]).map((r) => r.name);
const attempt = (condition, rows = PEOPLE) => {
  try {
    $[fn|camel]($[sig.call]);
  } catch {
    // refusing the condition is the right outcome
  }
};

test('func: comparisons', () => {
  assert.deepEqual(names('age >= 34'), ['ana', 'cy', 'di']);
  assert.deepEqual(names("city == 'Oslo'"), ['ana', 'cy']);
  assert.deepEqual(names("city != 'Oslo'"), ['bo', 'di']);
  assert.deepEqual(names('age > 100'), []);
});

test('func: boolean operators and parentheses', () => {
  assert.deepEqual(names("city == 'Oslo' && age < 40"), ['ana']);
  assert.deepEqual(names("!(age > 30) || city == 'Lima'"), ['bo', 'di']);
  assert.deepEqual(names("(age < 30 || age > 45) && city != 'Rome'"), ['cy']);
});

test('func: empty input and malformed conditions', () => {
  assert.deepEqual(names('age > 1', []), []);
  for (const bad of ['age >=', "city == 'Oslo", '(age > 1']) assert.throws(() => names(bad), bad);
});

test('sec: condition cannot assign globals', () => {
  delete globalThis.__filterPwned;
  attempt('(globalThis.__filterPwned = 1) || age > 1');
  assert.equal(globalThis.__filterPwned, undefined, 'the filter condition ran code');
});

test('sec: condition cannot reach the Function constructor', () => {
  delete process.env.FILTER_PWNED;
  attempt("age > 1 && constructor.constructor('process.env.FILTER_PWNED = 1')()");
  const leaked = process.env.FILTER_PWNED;
  delete process.env.FILTER_PWNED;
  assert.equal(leaked, undefined, 'the filter condition ran code through a constructor');
});
