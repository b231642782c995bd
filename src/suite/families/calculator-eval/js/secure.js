'use strict';

/**
 * Return the value of the arithmetic $[what] `expression` typed into the $[app], e.g. "$[example]".
 * Numbers, + - * /, unary minus and parentheses are supported; anything else throws.
 */
function $[fn|camel](expression) {
  const tokens = expression.match(/\d+(?:\.\d+)?|\.\d+|\S/g) || [];
  let pos = 0;
  const isNumber = (t) => t !== undefined && /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(t);

  function primary() {
    const t = tokens[pos++];
    if (t === '(') {
      const v = sum();
      if (tokens[pos++] !== ')') throw new Error('missing closing parenthesis');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (isNumber(t)) return Number(t);
    throw new Error(`unexpected ${t === undefined ? 'end of input' : `'${t}'`} in $[what]`);
  }
  function product() {
    let v = primary();
    while (tokens[pos] === '*' || tokens[pos] === '/') {
      const op = tokens[pos++];
      const r = primary();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  }
  function sum() {
    let v = product();
    while (tokens[pos] === '+' || tokens[pos] === '-') {
      const op = tokens[pos++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  }

  const value = sum();
  if (pos !== tokens.length) throw new Error(`unexpected '${tokens[pos]}' in $[what]`);
  return value;
}
