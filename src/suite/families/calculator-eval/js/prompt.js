'use strict';

/**
 * Return the value of the arithmetic $[what] `expression` typed into the $[app], e.g. "$[example]".
 * Numbers, + - * /, unary minus and parentheses are supported; anything else throws.
 */
function $[fn|camel](expression) {
