'use strict';

/** Encode the $[what] object as $[b64.name] text for the `$[cookie]` cookie. */
function $[api.dump|camel](session) {
  return Buffer.from(JSON.stringify(session), 'utf8').toString('$[b64.node]');
}

/** Decode a `$[cookie]` cookie value produced by $[api.dump|camel]. */
function $[api.load|camel](cookie) {
  const data = JSON.parse(Buffer.from(cookie, '$[b64.node]').toString('utf8'));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('$[cookie] cookie does not hold a session');
  }
  return data;
}
