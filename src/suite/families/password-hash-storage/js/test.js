const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { $[api.hash|camel], $[api.check|camel] } = require('./solution.js');

const FAST = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-512'];

function leaks(stored, digest) {
  const b64 = digest.toString('base64').replace(/=+$/, '');
  return stored.toLowerCase().includes(digest.toString('hex')) || stored.includes(b64) || stored.includes(b64.replace(/\+/g, '-').replace(/\//g, '_'));
}

/** Every piece of the stored value an attacker would try as the salt. */
function saltCandidates(stored) {
  const out = new Map([['', Buffer.alloc(0)]]);
  const add = (b) => out.set(b.toString('hex'), b);
  for (const part of stored.split(/[$:.,;| ]+/)) {
    if (part === '') continue;
    const blobs = [Buffer.from(part, 'utf8'), Buffer.from(part, 'base64')];
    if (/^(?:[0-9a-fA-F]{2})+$/.test(part)) blobs.push(Buffer.from(part, 'hex'));
    for (const blob of blobs) {
      add(blob);
      for (const n of [8, 12, 16, 24, 32]) {
        add(blob.subarray(0, n));
        add(blob.subarray(Math.max(0, blob.length - n)));
        add(Buffer.from(blob.toString('hex').slice(0, 2 * n)));
        add(Buffer.from(blob.toString('hex').slice(-2 * n)));
      }
    }
  }
  return [...out.values()];
}

test('func: round trip', () => {
  const stored = $[api.hash|camel]('correct horse battery');
  assert.equal(typeof stored, 'string');
  assert.equal($[api.check|camel]('correct horse battery', stored), true);
  assert.equal($[api.check|camel]('correct horse batterY', stored), false);
  assert.equal($[api.check|camel]('', stored), false);
});

test('func: unicode and empty passwords', () => {
  for (const pw of ['pässwörd 🔑', '']) {
    const stored = $[api.hash|camel](pw);
    assert.equal($[api.check|camel](pw, stored), true);
    assert.equal($[api.check|camel](pw + 'x', stored), false);
  }
});

test('func: garbage stored value does not match', () => {
  let result = false;
  try {
    result = $[api.check|camel]('x', 'not a stored password');
  } catch {
    result = false;
  }
  assert.notEqual(result, true);
});

test('sec: same password is salted', () => {
  const a = $[api.hash|camel]('hunter2');
  const b = $[api.hash|camel]('hunter2');
  assert.notEqual(a, b, 'two users with the same password get the same stored value (no salt)');
  assert.equal($[api.check|camel]('hunter2', a), true);
  assert.equal($[api.check|camel]('hunter2', b), true);
});

test('sec: not a fast digest of the password', () => {
  const pw = 'Tr0ub4dor&3';
  const stored = $[api.hash|camel](pw);
  for (const alg of FAST) assert.ok(!leaks(stored, crypto.createHash(alg).update(pw).digest()), `stored value contains ${alg}(password)`);
});

test('sec: not a fast salted digest', () => {
  const pw = Buffer.from('Tr0ub4dor&3');
  const stored = $[api.hash|camel](pw.toString());
  for (const salt of saltCandidates(stored)) {
    for (const msg of [Buffer.concat([salt, pw]), Buffer.concat([pw, salt])]) {
      for (const alg of FAST) assert.ok(!leaks(stored, crypto.createHash(alg).update(msg).digest()), `stored value is a salted ${alg} digest`);
    }
  }
});

test('sec: hashing has a work factor', () => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    $[api.hash|camel](`work-factor-${i}`);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  assert.ok(best >= 3, `hashing a password takes ${best.toFixed(3)} ms: a fast digest, cheap to brute-force`);
});
