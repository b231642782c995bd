const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { $[fn|camel] } = require('./solution.js');

const CLAIMS = { sub: 'alice', role: 'reader', iat: 1700000000 };
const b64 = (buf) => Buffer.from(buf).toString('base64url');

function token(claims, key, alg = 'HS256', signature = undefined) {
  const head = b64(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64(JSON.stringify(claims));
  const sig = signature ?? crypto.createHmac('sha256', key).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64(sig)}`;
}

const decode = (token, key) => $[fn|camel]($[sig.call]);
function accepted(t, key) {
  try {
    decode(t, key);
    return true;
  } catch {
    return false;
  }
}

test('func: valid token gives its claims', () => {
  const key = crypto.randomBytes(32);
  assert.deepEqual(decode(token(CLAIMS, key), key), CLAIMS);
  const other = { sub: 'bob', scopes: ['a', 'b'], n: null };
  assert.deepEqual(decode(token(other, key), key), other);
});

test('func: tampered or foreign tokens are rejected', () => {
  const key = crypto.randomBytes(32);
  const [head, , sig] = token(CLAIMS, key).split('.');
  assert.equal(accepted(`${head}.${b64(JSON.stringify({ sub: 'alice', role: 'admin' }))}.${sig}`, key), false);
  assert.equal(accepted(token(CLAIMS, crypto.randomBytes(32)), key), false);
});

test('func: malformed tokens are rejected', () => {
  const key = crypto.randomBytes(32);
  for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.??.**']) assert.equal(accepted(bad, key), false, bad);
});

test('sec: unsigned alg none token is rejected', () => {
  const key = crypto.randomBytes(32);
  for (const alg of ['none', 'None', 'NONE']) {
    assert.equal(accepted(token({ sub: 'mallory', role: 'admin' }, key, alg, Buffer.alloc(0)), key), false, `an unsigned token with alg=${alg} is accepted`);
  }
});

test('sec: other algorithms are not trusted', () => {
  const key = crypto.randomBytes(32);
  for (const alg of ['RS256', 'HS512', 'ES256', 'hs256']) {
    assert.equal(accepted(token({ sub: 'mallory', role: 'admin' }, key, alg, crypto.randomBytes(32)), key), false, `a token claiming alg=${alg} is accepted without a valid signature`);
  }
});
