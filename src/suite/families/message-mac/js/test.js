const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { $[api.sign|camel], $[api.check|camel] } = require('./solution.js');

// --- SHA-256 resumed from an observed digest (length extension), written out so no library hides it.
function icbrt(n) {
  let lo = 0n;
  let hi = 1n << BigInt(Math.ceil(n.toString(2).length / 3) + 1);
  while (lo < hi) {
    const mid = (lo + hi + 1n) >> 1n;
    if (mid ** 3n <= n) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}
const PRIMES = [];
for (let n = 2; PRIMES.length < 64; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);
// round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K = PRIMES.map((p) => Number(icbrt(BigInt(p) << 96n) & 0xffffffffn));
const rotr = (x, n) => (x >>> n) | (x << (32 - n));

function compress(h, block) {
  const w = [];
  for (let i = 0; i < 16; i++) w.push(block.readUInt32BE(4 * i));
  for (let i = 16; i < 64; i++) {
    const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
    const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
    w.push((w[i - 16] + s0 + w[i - 7] + s1) >>> 0);
  }
  let [a, b, c, d, e, f, g, hh] = h;
  for (let i = 0; i < 64; i++) {
    const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
    [a, b, c, d, e, f, g, hh] = [(t1 + t2) >>> 0, a, b, c, (d + t1) >>> 0, e, f, g];
  }
  return h.map((x, i) => (x + [a, b, c, d, e, f, g, hh][i]) >>> 0);
}

function padding(n) {
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(n) * 8n);
  return Buffer.concat([Buffer.from([0x80]), Buffer.alloc((((55 - n) % 64) + 64) % 64), len]);
}

/** Forge (message', tag') for sha256(secret + message') knowing only tag = sha256(secret + message). */
function extend(tagHex, secretLen, message, extra) {
  const glue = padding(secretLen + message.length);
  const done = secretLen + message.length + glue.length;
  let h = [];
  for (let i = 0; i < 64; i += 8) h.push(parseInt(tagHex.slice(i, i + 8), 16));
  const data = Buffer.concat([extra, padding(done + extra.length)]);
  for (let i = 0; i < data.length; i += 64) h = compress(h, data.subarray(i, i + 64));
  return [Buffer.concat([message, glue, extra]), h.map((x) => x.toString(16).padStart(8, '0')).join('')];
}
// ---

const sign = (key, message) => $[api.sign|camel]($[sig.call]);
function check(key, message, tag) {
  try {
    return $[api.check|camel]($[sig.tcall]) === true;
  } catch {
    return false;
  }
}

test('func: tag format and determinism', () => {
  const key = crypto.randomBytes(32);
  const message = Buffer.from('GET /v1/orders?id=77');
  const tag = sign(key, message);
  assert.match(tag, /^[0-9a-f]{64}$/);
  assert.equal(sign(key, message), tag);
});

test('func: valid tag verifies', () => {
  const key = crypto.randomBytes(32);
  for (const message of [Buffer.from('amount=100&to=alice'), Buffer.alloc(0), Buffer.from([...Array(256).keys()])]) {
    assert.equal(check(key, message, sign(key, message)), true);
  }
});

test('func: wrong message, key or tag is rejected', () => {
  const key = crypto.randomBytes(32);
  const message = Buffer.from('amount=100&to=alice');
  const tag = sign(key, message);
  assert.equal(check(key, Buffer.from('amount=900&to=alice'), tag), false);
  assert.equal(check(crypto.randomBytes(32), message, tag), false);
  assert.equal(check(key, message, (tag[0] === '0' ? '1' : '0') + tag.slice(1)), false);
});

test('sec: length extension forgery is rejected', () => {
  const key = crypto.randomBytes(29);
  const message = Buffer.from('amount=100&to=alice');
  const extra = Buffer.from('&to=mallory&amount=99999');
  const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');
  // self-check of the attack on the textbook construction sha256(key + message)
  const [refForged, refTag] = extend(sha(Buffer.concat([key, message])), key.length, message, extra);
  assert.equal(refTag, sha(Buffer.concat([key, refForged])));
  const tag = sign(key, message);
  for (let guess = 1; guess <= 64; guess++) {
    // the attacker does not know the key length: try them all
    const [forged, forgedTag] = extend(tag, guess, message, extra);
    assert.equal(check(key, forged, forgedTag), false, `a tag forged by length extension (key length ${guess}) verifies`);
  }
});

test('sec: tag is not a plain digest of key and message', () => {
  const key = crypto.randomBytes(32);
  const message = Buffer.from('user=bob&role=reader');
  const tag = sign(key, message).toLowerCase();
  for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']) {
    for (const data of [Buffer.concat([key, message]), Buffer.concat([message, key]), Buffer.concat([key, message, key])]) {
      assert.notEqual(tag, crypto.createHash(alg).update(data).digest('hex'), `the tag is a plain ${alg} digest of key and message`);
    }
  }
});
