'use strict';
const vm = require('node:vm');

const MAX_BODY = $[limit];

/** Serialize a job for the $[queue] workers (task name, JSON-compatible argument array) into a body for $[broker]. */
function $[api.enc|camel](task, args) {
  return JSON.stringify({ task, args });
}

/** Return { task, args } from a message body made by $[api.enc|camel]. */
function $[api.dec|camel](body) {
  const text = String(body);
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY) throw new Error('message body exceeds MAX_BODY');
  const msg = vm.runInNewContext(`(${text})`, {}, { timeout: 50 });
  if (msg === null || typeof msg !== 'object' || typeof msg.task !== 'string' || !Array.isArray(msg.args)) {
    throw new Error('malformed job message');
  }
  return { task: msg.task, args: msg.args };
}
