const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

function render(name, url) {
  return $[fn|camel]($[sig.call]);
}

// a minimal HTML entity decoder: named entities for the five special characters, numeric ones
function unescape(s) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? m;
  });
}

// every href value as the browser reads it (entities decoded, leading blanks dropped)
function hrefs(out) {
  return [...out.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => unescape(m[1] ?? m[2] ?? m[3]).replace(/^[\x00-\x20]+/, ''));
}

const onlyWebLinks = (out) => hrefs(out).every((h) => /^https?:\/\//i.test(h));

test('func: links an https URL', () => {
  assert.equal(render('$[who]', 'https://$[who].example.dev'), '<a href="https://$[who].example.dev" rel="$[rel]">$[who]</a>');
});

test('func: links an http URL with a query', () => {
  const out = render('$[who]', 'http://example.com/?a=1&b=2');
  assert.deepEqual(hrefs(out), ['http://example.com/?a=1&b=2']);
  assert.ok(out.endsWith('rel="$[rel]">$[who]</a>'), out);
});

test('func: escapes the name', () => {
  const out = render('Tom & Jerry <3', 'https://tj.example.org');
  assert.equal(unescape(out.replace(/<[^>]*>/g, '')), 'Tom & Jerry <3');
  assert.ok(!out.includes('<3'), out);
});

test('func: an empty URL is just the name', () => {
  assert.equal(render('$[who]', ''), '$[who]');
});

test('sec: a javascript URL is not linked', () => {
  const out = render('$[who]', 'javascript:alert(document.cookie)');
  assert.ok(onlyWebLinks(out), out);
});

test('sec: mixed-case and blank-prefixed javascript URLs are not linked', () => {
  for (const url of ['JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)']) {
    const out = render('$[who]', url);
    assert.ok(onlyWebLinks(out), out);
  }
});

test('sec: a data URL is not linked', () => {
  const out = render('$[who]', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==');
  assert.ok(onlyWebLinks(out), out);
});

test('sec: a quote cannot leave the attribute', () => {
  const out = render('$[who]', 'https://x.example/" onmouseover="alert(1)');
  assert.ok(!out.replace(/"[^"]*"/g, '""').includes('onmouseover='), out);
});
