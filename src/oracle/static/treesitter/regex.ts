/**
 * Detect regular expressions prone to catastrophic backtracking (CWE-1333): a quantified group
 * whose body itself contains an unbounded quantifier, e.g. `(a+)+`, `(\w+\s?)*`, `(.*,)+`, or a
 * quantified alternation whose branches overlap trivially, e.g. `(a|a)*`, `(\w|\d)+`.
 *
 * Hand-written because the npm options (safe-regex, recheck) are either unmaintained star-height
 * heuristics with the same logic or a JVM/Scala.js engine of several MB; this is the same
 * star-height-2 test in 60 lines, over the syntax that JS and Python regexes share.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  interface Frame {
    unbounded: boolean;
    branches: string[];
    current: string;
  }
  const stack: Frame[] = [{ unbounded: false, branches: [], current: '' }];
  let lastAtomWasGroup: Frame | undefined;
  let i = 0;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      top().current += pattern.slice(i, i + 2);
      lastAtomWasGroup = undefined;
      i += 2;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      top().current += pattern.slice(i, j + 1);
      lastAtomWasGroup = undefined;
      i = j + 1;
      continue;
    }
    if (ch === '(') {
      stack.push({ unbounded: false, branches: [], current: '' });
      // skip group flags such as (?: (?= (?<name>
      if (pattern[i + 1] === '?') {
        const m = /^\(\?(?:<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|[:=!]|<[=!])/.exec(pattern.slice(i));
        i += m === null ? 2 : m[0].length;
      } else i++;
      lastAtomWasGroup = undefined;
      continue;
    }
    if (ch === ')') {
      if (stack.length === 1) {
        i++;
        continue;
      }
      const closed = stack.pop() as Frame;
      closed.branches.push(closed.current);
      top().current += `(${closed.branches.join('|')})`;
      if (closed.unbounded) top().unbounded = true;
      lastAtomWasGroup = closed;
      i++;
      continue;
    }
    if (ch === '|') {
      top().branches.push(top().current);
      top().current = '';
      lastAtomWasGroup = undefined;
      i++;
      continue;
    }
    const quant = /^(?:\*|\+|\{\d+,\})/.exec(pattern.slice(i));
    if (quant !== null) {
      if (lastAtomWasGroup !== undefined) {
        if (lastAtomWasGroup.unbounded) return true;
        const b = lastAtomWasGroup.branches;
        if (b.length > 1 && new Set(b).size < b.length) return true;
        const wide = b.some((x) => x === '.' || x === '\\w');
        if (wide && b.some((x) => /^(?:\\d|[A-Za-z0-9_])$/.test(x))) return true;
      }
      top().unbounded = true;
      top().current += quant[0];
      i += quant[0].length;
      if (pattern[i] === '?' || pattern[i] === '+') i++;
      lastAtomWasGroup = undefined;
      continue;
    }
    top().current += ch;
    lastAtomWasGroup = undefined;
    i++;
  }
  return false;
}
