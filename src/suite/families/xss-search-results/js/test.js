const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const SHAPE = /^<input name="$[pname]" value="([^"<>]*)"><h2>$[heading] ([^<>]*)<\/h2>$/s;

// a minimal HTML entity decoder: named entities for the five special characters, numeric ones
function unescape(s) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? m;
  });
}

// the query as the browser shows it in the box and in the heading; fails on extra markup
function shown(query) {
  const out = $[fn|camel](query);
  const m = SHAPE.exec(out);
  assert.ok(m, 'the query changed the markup: ' + out);
  return [unescape(m[1]), unescape(m[2])];
}

test('func: a plain query', () => {
  assert.equal($[fn|camel]('blue shoes'), '<input name="$[pname]" value="blue shoes"><h2>$[heading] blue shoes</h2>');
});

test('func: another query', () => {
  assert.equal($[fn|camel]('size 42'), '<input name="$[pname]" value="size 42"><h2>$[heading] size 42</h2>');
});

test('func: an empty query', () => {
  assert.deepEqual(shown(''), ['', '']);
});

test('func: ampersand and angle brackets are shown', () => {
  assert.deepEqual(shown('salt & pepper <2kg>'), ['salt & pepper <2kg>', 'salt & pepper <2kg>']);
});

test('sec: an attribute breakout', () => {
  const q = '" autofocus onfocus="alert(document.cookie)';
  assert.deepEqual(shown(q), [q, q]);
});

test('sec: a script element', () => {
  const q = '"><script>alert(1)</script>';
  assert.deepEqual(shown(q), [q, q]);
});
