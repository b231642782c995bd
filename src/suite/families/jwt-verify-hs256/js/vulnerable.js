'use strict';
const crypto = require('node:crypto');

/**
 * Return the claims of the HS256 JWT `token` ($[what], issued by $[issuer]) signed with `key` (a Buffer).
 * Throw if the token is not valid.
 */
function $[fn|camel]($[sig.params]) {
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new Error('malformed token');
  const [headerB64, payloadB64, signatureB64] = parts;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(headerB64, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payloadB64, 'base64url').toString('utf8'));
  } catch {
    throw new Error('malformed token');
  }
  const signature = Buffer.from(signatureB64, 'base64url');
  const signingInput = `${headerB64}.${payloadB64}`;
  if (header.alg === 'HS256') {
    const expected = crypto.createHmac('sha256', key).update(signingInput).digest();
    if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) throw new Error('bad token signature');
  }
  return claims;
}
