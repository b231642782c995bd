'use strict';

/** Encode the $[what] object as $[b64.name] text for the `$[cookie]` cookie. */
function $[api.dump|camel](session) {
