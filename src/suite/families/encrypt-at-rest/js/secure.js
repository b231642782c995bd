'use strict';
const crypto = require('node:crypto');

/** Encrypt `plaintext` (a string) under the 32-byte Buffer `key` for $[store]; return $[b64.name]. */
function $[api.enc|camel](key, plaintext) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('$[b64.node]');
}

/** Decrypt text made by $[api.enc|camel]; throw if it was modified or the key is wrong. */
function $[api.dec|camel](key, token) {
  const raw = Buffer.from(token, '$[b64.node]');
  if (raw.length < 28) throw new Error('ciphertext is too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
