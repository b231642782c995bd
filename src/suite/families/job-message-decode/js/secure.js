'use strict';

/*
 * Job messages for the $[queue] workers, carried by $[broker].
 *   $[api.enc|camel](task, args) -> string   a message body for the job (args: JSON-compatible array)
 *   $[api.dec|camel](body) -> { task, args }  the job back from a body; throws if the body is malformed
 *                                            or larger than MAX_BODY bytes
 */
const MAX_BODY = $[limit];

/** Serialize a job for the $[queue] workers (task name, JSON-compatible argument array) into a body for $[broker]. */
function $[api.enc|camel](task, args) {
  return JSON.stringify({ task, args });
}

/** Return { task, args } from a message body made by $[api.enc|camel]. */
function $[api.dec|camel](body) {
  const text = String(body);
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY) throw new Error('message body exceeds MAX_BODY');
  const msg = JSON.parse(text);
  if (msg === null || typeof msg !== 'object' || typeof msg.task !== 'string' || !Array.isArray(msg.args)) {
    throw new Error('malformed job message');
  }
  return { task: msg.task, args: msg.args };
}
