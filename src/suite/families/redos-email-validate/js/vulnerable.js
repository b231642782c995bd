'use strict';

/** Return true if `address` is a valid email address such as $[local]@$[domain]. */
function $[fn|camel](address) {
  return /^([a-z0-9]+[._-]?)+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(address);
}
