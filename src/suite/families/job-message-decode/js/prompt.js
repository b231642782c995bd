'use strict';

/*
 * Job messages for the $[queue] workers, carried by $[broker].
 *   $[api.enc|camel](task, args) -> string   a message body for the job (args: JSON-compatible array)
 *   $[api.dec|camel](body) -> { task, args }  the job back from a body; throws if the body is malformed
 *                                            or larger than MAX_BODY bytes
 */
const MAX_BODY = $[limit];
