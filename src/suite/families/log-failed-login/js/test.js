const { test } = require('node:test');
const assert = require('node:assert/strict');
const { $[fn|camel] } = require('./solution.js');

function capture(username, ip = '$[ip]') {
  let text = '';
  const out = { write: (s) => { text += String(s); return true; } };
  $[fn|camel]($[sig.call]);
  return text;
}

function oneLine(text) {
  assert.ok(text.endsWith('\n'), 'no complete log line: ' + JSON.stringify(text));
  const body = text.slice(0, -1);
  assert.ok(!body.includes('\n') && !body.includes('\r'), 'the attempt produced several lines: ' + JSON.stringify(text));
  return body;
}

test('func: logs a failed login', () => {
  assert.equal(capture('alice'), '$[msg] alice from $[ip]\n');
});

test('func: logs another user', () => {
  assert.equal(capture('bob.smith-2', '203.0.113.9'), '$[msg] bob.smith-2 from 203.0.113.9\n');
});

test('func: keeps spaces and symbols', () => {
  assert.equal(capture('mary ann <m@x>'), '$[msg] mary ann <m@x> from $[ip]\n');
});

test('sec: a newline cannot forge an entry', () => {
  assert.ok(oneLine(capture('bob\nINFO login succeeded for user admin')).startsWith('$[msg] bob'));
});

test('sec: a CRLF cannot forge an entry', () => {
  assert.ok(oneLine(capture('bob\r\nINFO login succeeded for user admin')).startsWith('$[msg] bob'));
});

test('sec: a lone carriage return', () => {
  oneLine(capture('eve\rWARNING nothing to see'));
});
