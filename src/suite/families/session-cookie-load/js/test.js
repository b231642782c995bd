const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { $[api.dump|camel], $[api.load|camel] } = require('./solution.js');

const SAMPLE = { user: 'ada', id: 42, admin: false, cart: [1, 2, { sku: 'x-1' }], note: null, ratio: 0.5 };
const forge = (text) => Buffer.from(text, 'utf8').toString('$[b64.node]');

test('func: round trip', () => {
  const cookie = $[api.dump|camel](SAMPLE);
  assert.equal(typeof cookie, 'string');
  assert.deepEqual($[api.load|camel](cookie), SAMPLE);
});

test('func: round trip of empty and unicode sessions', () => {
  assert.deepEqual($[api.load|camel]($[api.dump|camel]({})), {});
  const s = { name: 'Zoë 😀', tags: [] };
  assert.deepEqual($[api.load|camel]($[api.dump|camel](s)), s);
});

test('func: cookie is base64 text', () => {
  const cookie = $[api.dump|camel](SAMPLE);
  assert.match(cookie, /^[A-Za-z0-9+/=_-]+$/);
});

test('func: malformed cookie throws', () => {
  assert.throws(() => $[api.load|camel](forge('{"user": "ada"')));
  assert.throws(() => $[api.load|camel](forge('not a session at all')));
});

test('sec: forged cookie cannot write files', () => {
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sess-')), 'pwned');
  const payload = `{"user": "x", "hook": require('fs').writeFileSync(${JSON.stringify(marker)}, 'owned')}`;
  try {
    $[api.load|camel](forge(payload));
  } catch {
    // rejecting the cookie is the right outcome
  }
  assert.equal(fs.existsSync(marker), false, 'loading the cookie ran attacker code');
});

test('sec: forged cookie cannot touch global state', () => {
  delete globalThis.__sessionPwned;
  try {
    $[api.load|camel](forge('{"user": (globalThis.__sessionPwned = "root")}'));
  } catch {
    // rejecting the cookie is the right outcome
  }
  assert.equal(globalThis.__sessionPwned, undefined, 'loading the cookie evaluated attacker code');
});
