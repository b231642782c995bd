const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const CHARS = '$[alpha.chars]';

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

test('func: length and alphabet', () => {
  for (const n of [1, 8, 16, 40]) {
    const pw = $[fn|camel](n);
    assert.equal(typeof pw, 'string');
    assert.equal(pw.length, n);
    for (const c of pw) assert.ok(CHARS.includes(c), `unexpected character ${c}`);
  }
  assert.equal($[fn|camel](0), '');
});

test('func: passwords differ and cover the alphabet', () => {
  const pws = Array.from({ length: 400 }, () => $[fn|camel](12));
  assert.equal(new Set(pws).size, 400);
  assert.equal(new Set(pws.join('')).size, new Set(CHARS).size);
});

test('sec: a reproduced Math.random state does not repeat passwords', () => {
  const first = withRandom(seeded(8675309), () => $[fn|camel](16));
  const second = withRandom(seeded(8675309), () => $[fn|camel](16));
  assert.notEqual(first, second, 'the password is determined by the state of Math.random');
});

test('sec: a constant Math.random does not make passwords constant', () => {
  const pws = withRandom(() => 0.75, () => new Set(Array.from({ length: 5 }, () => $[fn|camel](12))));
  assert.equal(pws.size, 5, 'passwords follow Math.random');
});
