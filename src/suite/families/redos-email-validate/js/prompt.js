'use strict';

/** Return true if `address` is a valid email address such as $[local]@$[domain]. */
function $[fn|camel](address) {
