/**
 * Detect regular expressions prone to catastrophic backtracking (CWE-1333), over the syntax JS and
 * Python regexes share. Two shapes are reported:
 *
 * - exponential: a repeated group whose body can split the same text in more than one way —
 *   an inner unbounded repeat with no mandatory separator that the repeat cannot itself match
 *   (`(a+)+`, `([a-z0-9]+[._-]?)+`, `(\w+\s?)*`), or alternatives whose first characters
 *   overlap (`(?:\\.|[^"])*`, `(a|ab)*`). `[a-z]+(-[a-z]+)*` is fine: `-` separates the repeats.
 * - polynomial: an unanchored pattern ending in a repeated class before `$` (`[ \t]+$`, `\s+$`),
 *   quadratic under search/replace on a long run of the class.
 *
 * Hand-written because the npm options are either unmaintained star-height heuristics
 * (safe-regex, which flags the safe separator form above) or a multi-megabyte engine (recheck).
 */

/** An ASCII character set (index 128 stands for "any non-ASCII character"). */
type CharSet = boolean[];
const N = 129;

function set(pred: (c: number) => boolean): CharSet {
  return Array.from({ length: N }, (_, c) => pred(c));
}
const ANY = set(() => true);
const DIGIT = set((c) => c >= 48 && c <= 57);
const WORD = set(
  (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 128,
);
const SPACE = set((c) => c === 32 || (c >= 9 && c <= 13) || c === 128);
const not = (s: CharSet): CharSet => s.map((x) => !x);
const union = (a: CharSet, b: CharSet): CharSet => a.map((x, i) => x || (b[i] ?? false));
const intersects = (a: CharSet, b: CharSet): boolean => a.some((x, i) => x && (b[i] ?? false));
const one = (c: number): CharSet => set((x) => x === (c < 128 ? c : 128));

interface Quant {
  readonly min: number;
  readonly max: number;
}
type Node =
  | { readonly kind: 'char'; readonly set: CharSet; q: Quant }
  | { readonly kind: 'group'; readonly alts: Node[][]; q: Quant }
  | { readonly kind: 'anchor'; readonly which: '^' | '$' | 'b'; q: Quant };

const ONCE: Quant = { min: 1, max: 1 };

const ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGIT,
  D: not(DIGIT),
  w: WORD,
  W: not(WORD),
  s: SPACE,
  S: not(SPACE),
};
const CONTROL: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

function escapeSet(ch: string): CharSet {
  return ESCAPES[ch] ?? one(CONTROL[ch] ?? ch.charCodeAt(0));
}

class Parser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.p.length) {
      const ch = this.p[this.i] as string;
      if (ch === ')') break;
      if (ch === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom === undefined) continue;
      atom.q = this.quantifier();
      (alts[alts.length - 1] as Node[]).push(atom);
    }
    return alts;
  }

  private atom(): Node | undefined {
    const ch = this.p[this.i] as string;
    if (ch === '(') {
      this.i++;
      const m = /^\?(?:<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|[:=!>]|<[=!]|[imsx]+[:)])/.exec(this.p.slice(this.i));
      if (m !== null) this.i += m[0].length;
      if (m?.[0].endsWith(')')) return undefined;
      const alts = this.alternatives();
      this.i++; // ')'
      return { kind: 'group', alts, q: ONCE };
    }
    if (ch === '[') return { kind: 'char', set: this.charClass(), q: ONCE };
    if (ch === '\\') {
      const e = this.p[this.i + 1] ?? '\\';
      this.i += 2;
      if (e === 'b' || e === 'B') return { kind: 'anchor', which: 'b', q: ONCE };
      if (e === 'A') return { kind: 'anchor', which: '^', q: ONCE };
      if (e === 'Z' || e === 'z') return { kind: 'anchor', which: '$', q: ONCE };
      return { kind: 'char', set: escapeSet(e), q: ONCE };
    }
    this.i++;
    if (ch === '^' || ch === '$') return { kind: 'anchor', which: ch, q: ONCE };
    if (ch === '.') return { kind: 'char', set: ANY, q: ONCE };
    return { kind: 'char', set: one(ch.charCodeAt(0)), q: ONCE };
  }

  private charClass(): CharSet {
    this.i++; // '['
    let negate = false;
    if (this.p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let s = set(() => false);
    let first = true;
    while (this.i < this.p.length && (this.p[this.i] !== ']' || first)) {
      first = false;
      let lo: number;
      const ch = this.p[this.i] as string;
      if (ch === '\\') {
        const e = this.p[this.i + 1] ?? '\\';
        this.i += 2;
        const es = ESCAPES[e];
        if (es !== undefined) {
          s = union(s, es);
          continue;
        }
        lo = CONTROL[e] ?? e.charCodeAt(0);
      } else {
        lo = ch.charCodeAt(0);
        this.i++;
      }
      if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.i + 1 < this.p.length) {
        this.i++;
        let hiCh = this.p[this.i] as string;
        if (hiCh === '\\') {
          this.i++;
          hiCh = this.p[this.i] ?? '\\';
        }
        this.i++;
        const hi = hiCh.charCodeAt(0);
        s = union(
          s,
          set((c) => (c < 128 ? c >= lo && c <= hi : hi >= 128)),
        );
      } else s = union(s, one(lo));
    }
    this.i++; // ']'
    return negate ? not(s) : s;
  }

  private quantifier(): Quant {
    const m = /^(?:(\*)|(\+)|(\?)|\{(\d+)(?:(,)(\d*))?\})/.exec(this.p.slice(this.i));
    if (m === null) return ONCE;
    this.i += m[0].length;
    if (this.p[this.i] === '?' || this.p[this.i] === '+') this.i++; // lazy / possessive
    if (m[1] !== undefined) return { min: 0, max: Infinity };
    if (m[2] !== undefined) return { min: 1, max: Infinity };
    if (m[3] !== undefined) return { min: 0, max: 1 };
    const lo = Number(m[4]);
    return { min: lo, max: m[5] === undefined ? lo : m[6] === '' ? Infinity : Number(m[6]) };
  }
}

/** Characters a node can consume at all. */
function charsOf(n: Node): CharSet {
  if (n.kind === 'char') return n.set;
  if (n.kind === 'anchor') return set(() => false);
  return n.alts.flat().reduce(
    (acc, x) => union(acc, charsOf(x)),
    set(() => false),
  );
}

/** Characters a sequence can start with (through optional atoms). */
function firstOf(seq: readonly Node[]): CharSet {
  let s = set(() => false);
  for (const n of seq) {
    if (n.kind === 'anchor') continue;
    s = union(
      s,
      n.kind === 'char'
        ? n.set
        : n.alts.reduce(
            (acc, a) => union(acc, firstOf(a)),
            set(() => false),
          ),
    );
    if (
      n.q.min > 0 &&
      !(n.kind === 'group' && n.alts.some((a) => a.every((x) => x.q.min === 0 || x.kind === 'anchor')))
    )
      break;
  }
  return s;
}

function unbounded(n: Node): boolean {
  return n.q.max === Infinity;
}

/** Whether one repetition of `alts` can match the same text in more than one way. */
function ambiguousBody(alts: readonly Node[][]): boolean {
  if (alts.length > 1) {
    const firsts = alts.map(firstOf);
    for (let i = 0; i < firsts.length; i++)
      for (let j = i + 1; j < firsts.length; j++)
        if (intersects(firsts[i] as CharSet, firsts[j] as CharSet)) return true;
  }
  for (const seq of alts) {
    const repeats = seq.filter((n) => unbounded(n) || (n.kind === 'group' && containsUnbounded(n.alts)));
    for (const r of repeats) {
      const rc = charsOf(r);
      const separated = seq.some(
        (m) => m !== r && m.q.min > 0 && m.kind !== 'anchor' && !intersects(charsOf(m), rc),
      );
      if (!separated) return true;
    }
  }
  return false;
}

function containsUnbounded(alts: readonly Node[][]): boolean {
  return alts.some((seq) =>
    seq.some((n) => unbounded(n) || (n.kind === 'group' && containsUnbounded(n.alts))),
  );
}

function exponential(alts: readonly Node[][]): boolean {
  for (const seq of alts)
    for (const n of seq) {
      if (n.kind !== 'group') continue;
      if (unbounded(n) && ambiguousBody(n.alts)) return true;
      if (exponential(n.alts)) return true;
    }
  return false;
}

function polynomialTail(alts: readonly Node[][]): boolean {
  return alts.some((seq) => {
    const firstReal = seq[0];
    if (firstReal?.kind === 'anchor' && firstReal.which === '^') return false;
    const last = seq[seq.length - 1];
    const before = seq[seq.length - 2];
    return (
      last?.kind === 'anchor' &&
      last.which === '$' &&
      before !== undefined &&
      before.kind === 'char' &&
      unbounded(before)
    );
  });
}

export interface RedosVerdict {
  readonly exponential: boolean;
  readonly polynomial: boolean;
}

export function analyzeRegex(pattern: string): RedosVerdict {
  let alts: Node[][];
  try {
    alts = new Parser(pattern).parse();
  } catch {
    return { exponential: false, polynomial: false };
  }
  return { exponential: exponential(alts), polynomial: polynomialTail(alts) };
}

/** Exponential backtracking (nested or overlapping repetition). */
export function hasNestedQuantifier(pattern: string): boolean {
  return analyzeRegex(pattern).exponential;
}

/** Either shape of catastrophic backtracking. */
export function isRedosProne(pattern: string): boolean {
  const v = analyzeRegex(pattern);
  return v.exponential || v.polynomial;
}
