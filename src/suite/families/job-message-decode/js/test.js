const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[api.enc|camel], $[api.dec|camel] } = require('./solution.js');

function raises(body) {
  try {
    $[api.dec|camel](body);
    return false;
  } catch {
    return true;
  }
}

test('func: round trip', () => {
  const args = [42, 'two', { three: [3.5, null] }, true];
  const msg = $[api.dec|camel]($[api.enc|camel]('send_invoice', args));
  assert.equal(msg.task, 'send_invoice');
  assert.deepEqual(JSON.parse(JSON.stringify(msg.args)), args);
  assert.deepEqual(JSON.parse(JSON.stringify($[api.dec|camel]($[api.enc|camel]('noop', [])).args)), []);
});

test('func: malformed bodies throw', () => {
  for (const body of ['', '\u0000\u0001 not a message', '[1, 2, 3]']) assert.ok(raises(body), JSON.stringify(body));
});

test('func: oversized body is rejected', () => {
  assert.ok(raises($[api.enc|camel]('resize', ['x'.repeat($[limit] + 10)])));
});

test('sec: forged message cannot reach the host process', () => {
  delete process.env.JOB_PWNED;
  raises(`{"task": this.constructor.constructor("return process")().env.JOB_PWNED = "owned", "args": []}`);
  const leaked = process.env.JOB_PWNED;
  delete process.env.JOB_PWNED;
  assert.equal(leaked, undefined, 'decoding a message ran attacker code in the worker');
});

test('sec: forged message cannot touch the worker globals', () => {
  delete globalThis.__jobPwned;
  raises(`{"task": "x", "args": [this.constructor.constructor("globalThis.__jobPwned = 1")()]}`);
  assert.equal(globalThis.__jobPwned, undefined, 'decoding a message ran attacker code in the worker');
});
