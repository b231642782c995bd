'use strict';

/**
 * Return the $[what] (objects) for which `condition` holds, in their original order.
 * A condition compares fields with literals, e.g. "$[example]": field names, numbers,
 * 'single-quoted' strings, == != < <= > >=, && || ! and parentheses.
 */
function $[fn|camel]($[sig.params]) {
  return rows.filter((row) => new Function(...Object.keys(row), `return (${condition});`)(...Object.values(row)));
}
