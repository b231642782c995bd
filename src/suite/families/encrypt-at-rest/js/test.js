const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { $[api.enc|camel], $[api.dec|camel] } = require('./solution.js');

const ENC = '$[b64.node]';
const key = () => crypto.randomBytes(32);
const decode = (text) => Buffer.from(text, ENC);

function rejects(k, token) {
  try {
    $[api.dec|camel](k, token);
    return false;
  } catch {
    return true;
  }
}

test('func: round trip', () => {
  const k = key();
  for (const msg of ['patient 4711: allergic to penicillin', '', 'ünïcødé ✓ 😀', 'x'.repeat(1000)]) {
    const token = $[api.enc|camel](k, msg);
    assert.equal(typeof token, 'string');
    assert.equal($[api.dec|camel](k, token), msg);
  }
});

test('func: output is base64 text', () => {
  const token = $[api.enc|camel](key(), 'hello');
  assert.match(token, /^[A-Za-z0-9+/_-]+=*$/);
  assert.ok(decode(token).length >= 5);
});

test('func: wrong key does not decrypt', () => {
  const token = $[api.enc|camel](key(), 'account 99: balance 1200');
  let out;
  try {
    out = $[api.dec|camel](key(), token);
  } catch {
    out = undefined;
  }
  assert.notEqual(out, 'account 99: balance 1200');
});

test('sec: encryption is randomized', () => {
  const k = key();
  const a = $[api.enc|camel](k, 'role=user;id=17');
  const b = $[api.enc|camel](k, 'role=user;id=17');
  assert.notEqual(a, b, 'equal plaintexts give equal ciphertexts: stored values can be compared and guessed');
});

test('sec: equal plaintext blocks do not show', () => {
  const raw = decode($[api.enc|camel](key(), 'A'.repeat(64)));
  for (let i = 0; i + 32 <= raw.length; i++) {
    assert.ok(!raw.subarray(i, i + 16).equals(raw.subarray(i + 16, i + 32)), 'repeated plaintext blocks give repeated ciphertext blocks (ECB)');
  }
});

test('sec: messages never share a keystream', () => {
  const k = key();
  const p1 = Buffer.from('transfer 100 EUR to account 12345678, reference: invoice 2024-0042');
  const p2 = Buffer.from('transfer 999 EUR to account 87654321, reference: invoice 2024-0099');
  const c1 = decode($[api.enc|camel](k, p1.toString()));
  const c2 = decode($[api.enc|camel](k, p2.toString()));
  const want = Buffer.from(p1.map((b, i) => b ^ p2[i]));
  for (let off = 0; off + p1.length <= Math.min(c1.length, c2.length); off++) {
    const x = Buffer.from(c1.subarray(off, off + p1.length).map((b, i) => b ^ c2[off + i]));
    assert.ok(!x.equals(want), `ciphertexts XOR to the XOR of the plaintexts at offset ${off} (nonce reuse)`);
  }
});

test('sec: modified ciphertext is rejected', () => {
  const k = key();
  const raw = decode($[api.enc|camel](k, 'amount=100;to=alice;note=monthly rent payment'));
  for (const pos of [Math.floor(raw.length / 2), raw.length - 17, raw.length - 1, 0]) {
    const forged = Buffer.from(raw);
    forged[pos] ^= 0x01;
    assert.ok(rejects(k, forged.toString(ENC)), `a ciphertext modified at byte ${pos} is accepted`);
  }
  assert.ok(rejects(k, raw.subarray(0, raw.length - 1).toString(ENC)), 'a truncated ciphertext is accepted');
});
