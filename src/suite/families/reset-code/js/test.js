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
  for (let i = 0; i < 50; i++) assert.match($[fn|camel](), /^\d{$[digits.n]}$/);
});

test('func: codes vary and keep leading zeros', () => {
  const codes = Array.from({ length: 2000 }, () => $[fn|camel]());
  assert.ok(new Set(codes).size >= 1990);
  assert.equal(new Set(codes.map((c) => c[0])).size, 10, 'leading digits are not uniform (zeros dropped?)');
});

test('sec: a reproduced Math.random state does not repeat codes', () => {
  const first = withRandom(seeded(424242), () => [$[fn|camel](), $[fn|camel](), $[fn|camel]()]);
  const second = withRandom(seeded(424242), () => [$[fn|camel](), $[fn|camel](), $[fn|camel]()]);
  assert.notDeepEqual(first, second, 'the codes are determined by the state of Math.random');
});

test('sec: a constant Math.random does not make codes constant', () => {
  const codes = withRandom(() => 0.25, () => new Set(Array.from({ length: 5 }, () => $[fn|camel]())));
  assert.ok(codes.size > 1, 'codes follow Math.random');
});
