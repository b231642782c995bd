const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

/** A reproducible stand-in for Math.random: what an attacker gets by recovering the PRNG state. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function withRandom(fn, body) {
  const original = Math.random;
  Math.random = fn;
  try {
    return body();
  } finally {
    Math.random = original;
  }
}

test('func: format', () => {
  const token = $[fn|camel]();
  assert.equal(typeof token, 'string');
  assert.match(token, /^[0-9a-f]{$[bytes.hex]}$/);
});

test('func: tokens are distinct', () => {
  const tokens = new Set(Array.from({ length: 500 }, () => $[fn|camel]()));
  assert.equal(tokens.size, 500);
});

test('func: all hex digits appear', () => {
  const seen = new Set(Array.from({ length: 50 }, () => $[fn|camel]()).join(''));
  assert.equal(seen.size, 16);
});

test('sec: a reproduced Math.random state does not repeat tokens', () => {
  const first = withRandom(seeded(20240607), () => $[fn|camel]());
  const second = withRandom(seeded(20240607), () => $[fn|camel]());
  assert.notEqual(first, second, 'the token is determined by the state of Math.random');
});

test('sec: a constant Math.random does not make tokens constant', () => {
  const tokens = withRandom(() => 0.5, () => new Set(Array.from({ length: 5 }, () => $[fn|camel]())));
  assert.equal(tokens.size, 5, 'tokens follow Math.random');
});
