'use strict';

/**
 * Return the $[what] (objects) for which `condition` holds, in their original order.
 * A condition compares fields with literals, e.g. "$[example]": field names, numbers,
 * 'single-quoted' strings, == != < <= > >=, && || ! and parentheses.
 */
function $[fn|camel]($[sig.params]) {
  const tokens = [];
  const lexer = /\s*(?:(\d+(?:\.\d+)?)|'([^'\\]*)'|([A-Za-z_]\w*)|(==|!=|<=|>=|&&|\|\||[<>!()]))/y;
  for (let at = 0; condition.slice(at).trim() !== ''; at = lexer.lastIndex) {
    lexer.lastIndex = at;
    const m = lexer.exec(condition);
    if (m === null) throw new Error(`unexpected input at ${at} in condition`);
    if (m[1] !== undefined) tokens.push({ value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ value: m[2] });
    else if (m[3] !== undefined) tokens.push({ field: m[3] });
    else tokens.push({ op: m[4] });
  }
  const COMPARE = {
    '==': (a, b) => a === b,
    '!=': (a, b) => a !== b,
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
  };
  let i = 0;
  const opAt = () => (tokens[i] === undefined ? undefined : tokens[i].op);

  function primary() {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end of condition');
    if (t.op === '(') {
      const inner = orExpr();
      if (opAt() !== ')') throw new Error('missing closing parenthesis');
      i++;
      return inner;
    }
    if (t.op === '!') {
      const inner = primary();
      return (row) => !inner(row);
    }
    if ('value' in t) return () => t.value;
    if ('field' in t) {
      return (row) => {
        if (!Object.prototype.hasOwnProperty.call(row, t.field)) throw new Error(`unknown field ${t.field}`);
        return row[t.field];
      };
    }
    throw new Error(`unexpected '${t.op}' in condition`);
  }
  function comparison() {
    const left = primary();
    const op = opAt();
    if (op === undefined || !Object.prototype.hasOwnProperty.call(COMPARE, op)) return left;
    i++;
    const right = primary();
    return (row) => COMPARE[op](left(row), right(row));
  }
  function andExpr() {
    let e = comparison();
    while (opAt() === '&&') {
      i++;
      const l = e;
      const r = comparison();
      e = (row) => l(row) && r(row);
    }
    return e;
  }
  function orExpr() {
    let e = andExpr();
    while (opAt() === '||') {
      i++;
      const l = e;
      const r = andExpr();
      e = (row) => l(row) || r(row);
    }
    return e;
  }

  const test = orExpr();
  if (i !== tokens.length) throw new Error(`unexpected '${tokens[i].op}' in condition`);
  return rows.filter((row) => Boolean(test(row)));
}
