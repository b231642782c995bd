'use strict';

/** Return true if `slug` is a valid $[entity] slug such as "$[sample]". */
function $[fn|camel](slug) {
