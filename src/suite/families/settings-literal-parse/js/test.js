const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const attempt = (text) => {
  try {
    $[fn|camel](text);
  } catch {
    // refusing the value is the right outcome
  }
};

test('func: typed values', () => {
  const text = 'port $[sep] 8080\nname $[sep] "api"\nratio $[sep] 0.25\ndebug $[sep] false\nhosts $[sep] ["a", "b"]\nlimits $[sep] {"rps": 5}\nproxy $[sep] null\n';
  assert.deepEqual({ ...$[fn|camel](text) }, { port: 8080, name: 'api', ratio: 0.25, debug: false, hosts: ['a', 'b'], limits: { rps: 5 }, proxy: null });
});

test('func: comments, blank lines and spaces', () => {
  assert.deepEqual({ ...$[fn|camel]('$[comment] generated\n\n   retries   $[sep]   3   \n$[comment] timeout $[sep] 1\n') }, { retries: 3 });
  assert.deepEqual({ ...$[fn|camel]('') }, {});
});

test('func: malformed value throws', () => {
  assert.throws(() => $[fn|camel]('name $[sep] "unterminated\n'));
});

test('sec: value cannot assign globals', () => {
  delete globalThis.__settingsPwned;
  attempt('level $[sep] (globalThis.__settingsPwned = 1)\n');
  assert.equal(globalThis.__settingsPwned, undefined, 'a setting value ran code');
});

test('sec: value cannot change the process environment', () => {
  delete process.env.SETTINGS_PWNED;
  attempt('name $[sep] "x"\nbanner $[sep] (process.env.SETTINGS_PWNED = "owned")\n');
  const leaked = process.env.SETTINGS_PWNED;
  delete process.env.SETTINGS_PWNED;
  assert.equal(leaked, undefined, 'a setting value ran code');
});
