'use strict';
const vm = require('node:vm');

const MAX_BODY = $[limit];

/** Serialize a job for the $[queue] workers (task name, JSON-compatible argument array) into a body for $[broker]. */
function $[api.enc|camel](task, args) {
