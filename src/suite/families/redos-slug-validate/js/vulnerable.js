'use strict';

/** Return true if `slug` is a valid $[entity] slug such as "$[sample]". */
function $[fn|camel](slug) {
  return /^([a-z0-9]+-?)*[a-z0-9]+$/.test(slug);
}
