'use strict';
const crypto = require('node:crypto');

const SIGNING_KEY_VAR = '$[env]';

/** Return the hex HMAC-SHA256 of `data` under the key in $[env] (signs $[what.name]). */
function $[api.sign|camel](data) {
