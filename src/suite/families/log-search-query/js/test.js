const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

function capture(query, count = 12) {
  let text = '';
  const out = {
    write: (s) => {
      text += String(s);
      return true;
    },
  };
  $[fn|camel]($[sig.call]);
  return text;
}

// the one log line; fails if the entry is split or holds control or line-separator characters
function intact(text) {
  assert.ok(text.endsWith('\n'), 'no complete log line: ' + JSON.stringify(text));
  const body = text.slice(0, -1);
  assert.ok(!/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(body), 'the entry is not one printable line: ' + JSON.stringify(text));
  return body;
}

test('func: logs the search', () => {
  assert.equal(capture('$[sample]'), 'search $[label]=$[sample] results=12\n');
});

test('func: logs the count and symbols', () => {
  assert.equal(capture('size 42 & up <sale>', 0), 'search $[label]=size 42 & up <sale> results=0\n');
});

test('func: keeps printable unicode', () => {
  assert.equal(capture('caf\u00e9 cr\u00e8me', 3), 'search $[label]=caf\u00e9 cr\u00e8me results=3\n');
});

test('sec: a CRLF cannot forge an entry', () => {
  assert.ok(intact(capture('$[sample]\r\nINFO admin password reset ok')).startsWith('search $[label]=$[sample]'));
});

test('sec: a carriage return cannot hide the entry', () => {
  intact(capture('$[sample]\rsearch $[label]=nothing results=0'));
});

test('sec: unicode line separators cannot split the entry', () => {
  for (const sep of ['\u2028', '\u2029', '\x85', '\x0b', '\x0c', '\x1e']) intact(capture('$[sample]' + sep + 'INFO forged entry'));
});
