const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { $[fn|camel] } = require('./solution.js');

const ENV = '$[env]';
const COMMON = ['', 'admin', 'password', 'admin123', 'changeme', 'secret', 'root', 'letmein', '123456', ENV];

/** Every string literal in the candidate's source: what an attacker reading the code would try. */
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

function grants(password) {
  try {
    return $[fn|camel](password) === true;
  } catch {
    return false;
  }
}

test('func: configured password is accepted', () => {
  const secret = `Rotat3d-${crypto.randomBytes(6).toString('hex')}`;
  assert.equal(withEnv(secret, () => $[fn|camel](secret)), true);
});

test('func: wrong passwords are rejected', () => {
  const secret = `Rotat3d-${crypto.randomBytes(6).toString('hex')}`;
  for (const wrong of [secret.slice(0, -1), secret + 'x', secret.toUpperCase(), '', 'admin']) {
    assert.equal(withEnv(secret, () => $[fn|camel](wrong)), false, wrong);
  }
});

test('func: rotation takes effect', () => {
  const a = `first-${crypto.randomBytes(4).toString('hex')}`;
  const b = `second-${crypto.randomBytes(4).toString('hex')}`;
  assert.equal(withEnv(a, () => $[fn|camel](a)), true);
  assert.deepEqual(withEnv(b, () => [$[fn|camel](a), $[fn|camel](b)]), [false, true]);
});

test('sec: no literal works when the variable is unset', () => {
  for (const lit of literals()) assert.equal(withEnv(undefined, () => grants(lit)), false, `${JSON.stringify(lit)} grants admin when ${ENV} is unset`);
});

test('sec: no literal works when the variable is empty', () => {
  for (const lit of literals()) assert.equal(withEnv('', () => grants(lit)), false, `${JSON.stringify(lit)} grants admin when ${ENV} is empty`);
});

test('sec: no literal works besides another secret', () => {
  const secret = `Other-${crypto.randomBytes(8).toString('hex')}`;
  for (const lit of literals()) assert.equal(withEnv(secret, () => grants(lit)), false, `${JSON.stringify(lit)} grants admin besides the configured secret`);
});
