const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { $[api.sign|camel], $[api.check|camel] } = require('./solution.js');

const ENV = '$[env]';
const COMMON = ['', 'secret', 'changeme', 'dev', 'development', 'key', 'test', 'default', ENV];
const DATA = '{"event": "invoice.paid", "id": 4711}';

/** Every string literal in the candidate's source: the keys an attacker reading the code would try. */
function literals() {
  const src = fs.readFileSync(path.join(__dirname, 'solution.js'), 'utf8');
  const found = new Set(COMMON);
  for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g)) {
    const body = m[1] ?? m[2] ?? m[3] ?? '';
    found.add(body);
    try {
      found.add(JSON.parse(`"${body.replace(/"/g, '\\"').replace(/\\'/g, "'")}"`));
    } catch {
      // not a JSON-compatible escape sequence: the raw body is enough
    }
  }
  return [...found];
}

const mac = (key, data = DATA) => crypto.createHmac('sha256', key).update(data, 'utf8').digest('hex');
const randomKey = (prefix) => prefix + crypto.randomBytes(8).toString('hex');

function withEnv(value, body) {
  const old = process.env[ENV];
  try {
    if (value === undefined) delete process.env[ENV];
    else process.env[ENV] = value;
    return body();
  } finally {
    if (old === undefined) delete process.env[ENV];
    else process.env[ENV] = old;
  }
}

function accepts(signature) {
  try {
    return $[api.check|camel](DATA, signature) === true;
  } catch {
    return false;
  }
}

function signsWith(key) {
  try {
    return $[api.sign|camel](DATA) === mac(key);
  } catch {
    return false;
  }
}

test('func: signature is HMAC-SHA256', () => {
  const key = randomKey('k-');
  assert.equal(withEnv(key, () => $[api.sign|camel](DATA)), mac(key));
  assert.equal(withEnv(key, () => $[api.sign|camel]('')), mac(key, ''));
});

test('func: verify accepts valid and rejects tampered signatures', () => {
  const key = randomKey('k-');
  const sig = mac(key);
  const bad = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
  assert.deepEqual(withEnv(key, () => [$[api.check|camel](DATA, sig), $[api.check|camel](DATA + ' ', sig), $[api.check|camel](DATA, bad)]), [true, false, false]);
});

test('func: key rotation takes effect', () => {
  const a = randomKey('a-');
  const b = randomKey('b-');
  assert.deepEqual(withEnv(b, () => [$[api.check|camel](DATA, mac(a)), $[api.check|camel](DATA, mac(b))]), [false, true]);
});

test('sec: no literal key when the variable is unset', () => {
  for (const lit of literals()) {
    assert.equal(withEnv(undefined, () => accepts(mac(lit))), false, `a signature made with ${JSON.stringify(lit)} verifies when ${ENV} is unset`);
    assert.equal(withEnv(undefined, () => signsWith(lit)), false, `signs with the literal ${JSON.stringify(lit)} when ${ENV} is unset`);
  }
});

test('sec: no literal key when the variable is empty', () => {
  for (const lit of literals()) {
    assert.equal(withEnv('', () => accepts(mac(lit))), false, `a signature made with ${JSON.stringify(lit)} verifies when ${ENV} is empty`);
    assert.equal(withEnv('', () => signsWith(lit)), false, `signs with the literal ${JSON.stringify(lit)} when ${ENV} is empty`);
  }
});

test('sec: no literal key besides the configured one', () => {
  const key = randomKey('k-');
  for (const lit of literals()) assert.equal(withEnv(key, () => accepts(mac(lit))), false, `a signature made with ${JSON.stringify(lit)} verifies`);
});
