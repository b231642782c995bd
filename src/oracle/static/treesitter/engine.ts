import { InternalError } from '../../../core/errors.js';
import type { Finding, Language } from '../../../core/records.js';
import { evaluate, type MatchContext } from './checks.js';
import { Flow } from './flow.js';
import { compileQuery, parserFor, type Node, type Query } from './parser.js';
import type { Rule } from './rule.js';

export const TREESITTER_ID = 'treesitter';

/** All rules of one language compiled into one query (one pass over the tree); pattern → rule. */
interface Compiled {
  readonly query: Query;
  readonly ruleOfPattern: readonly Rule[];
}

export interface FileScan {
  readonly findings: Finding[];
  /** the file had syntax errors (findings are still reported for the parts that parsed) */
  readonly parseErrors: number;
  /** rules whose checks failed on this file (a bug in the rule; its matches were dropped) */
  readonly ruleErrors: readonly string[];
}

/**
 * Runs a set of rules over source text. Queries are compiled once per language; each file is
 * parsed once, every rule of its language runs on the same tree, and the tree is freed.
 */
export class RuleEngine {
  private readonly compiled = new Map<Language, Promise<Compiled>>();

  constructor(private readonly rules: readonly Rule[]) {}

  rulesFor(lang: Language): Rule[] {
    return this.rules.filter((r) => r.languages.includes(lang));
  }

  private compile(lang: Language): Promise<Compiled> {
    let p = this.compiled.get(lang);
    if (p === undefined) {
      p = this.compileAll(lang);
      this.compiled.set(lang, p);
    }
    return p;
  }

  private async compileAll(lang: Language): Promise<Compiled> {
    const rules = this.rulesFor(lang);
    // each rule alone first, so that a broken query names its rule
    for (const rule of rules) {
      try {
        (await compileQuery(lang, rule.query)).delete();
      } catch (cause) {
        throw new InternalError(`built-in rule ${rule.id} has an invalid ${lang} query: ${String(cause)}`, {
          cause,
          hint: 'fix the query in src/oracle/static/treesitter/rules/',
        });
      }
    }
    const starts: number[] = [];
    let source = '';
    for (const rule of rules) {
      starts.push(Buffer.byteLength(source));
      source += `${rule.query}\n`;
    }
    const query = await compileQuery(lang, source);
    const ruleOfPattern: Rule[] = [];
    for (let i = 0; i < query.patternCount(); i++) {
      const at = query.startIndexForPattern(i);
      let k = 0;
      while (k + 1 < starts.length && (starts[k + 1] ?? Infinity) <= at) k++;
      const rule = rules[k];
      if (rule === undefined) throw new InternalError(`query pattern ${i} of ${lang} maps to no rule`);
      ruleOfPattern.push(rule);
    }
    return { query, ruleOfPattern };
  }

  async scan(path: string, lang: Language, source: string): Promise<FileScan> {
    const { query, ruleOfPattern } = await this.compile(lang);
    const parser = await parserFor(lang);
    // a Python method cut out of its class is indented as a whole; Python cannot parse that, so
    // remove the common indent and add it back to the columns of the findings
    const indent = lang === 'py' ? commonIndent(source) : 0;
    const text = indent === 0 ? source : dedent(source, indent);
    const tree = parser.parse(text);
    if (tree === null) throw new InternalError(`tree-sitter returned no tree for ${path}`);
    try {
      const root = tree.rootNode;
      const parseErrors = root.hasError ? root.descendantsOfType('ERROR').length + countMissing(root) : 0;
      const flow = new Flow(lang);
      const findings: Finding[] = [];
      const seen = new Set<string>();
      const ruleErrors = new Set<string>();
      {
        for (const m of query.matches(root)) {
          const rule = ruleOfPattern[m.patternIndex];
          if (rule === undefined) continue;
          const captures = new Map<string, Node>();
          for (const c of m.captures) if (!captures.has(c.name)) captures.set(c.name, c.node);
          const first = m.captures[0]?.node;
          const hit = captures.get('hit') ?? first;
          if (hit === undefined) continue;
          const ctx: MatchContext = { language: lang, captures, hit, flow };
          let span: Node = hit;
          let keep = true;
          for (const cond of rule.where ?? []) {
            let r: ReturnType<typeof evaluate>;
            try {
              r = evaluate(cond, ctx);
            } catch (e) {
              // a broken check must not cost the other rules their findings
              ruleErrors.add(`${rule.id}: ${e instanceof Error ? e.message : String(e)}`);
              r = false;
            }
            if (r === false) {
              keep = false;
              break;
            }
            if (r !== true) span = r;
          }
          if (!keep) continue;
          const f = toFinding(rule, path, span, indent);
          const key = `${rule.id}:${f.span.startLine}:${f.span.startColumn}:${f.span.endLine}:${f.span.endColumn}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(f);
        }
      }
      return { findings, parseErrors, ruleErrors: [...ruleErrors] };
    } finally {
      tree.delete();
    }
  }
}

function countMissing(root: Node): number {
  let n = 0;
  const cursor = root.walk();
  try {
    let more = true;
    while (more) {
      if (cursor.currentNode.isMissing) n++;
      if (cursor.currentNode.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return n;
}

/** tree-sitter positions are 0-based rows and UTF-16 columns; findings are 1-based. */
/** The whitespace prefix every non-blank line shares (0 when some line starts in column 1). */
export function commonIndent(text: string): number {
  let min = Infinity;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^[ \t]*/.exec(line);
    const k = m === null ? 0 : m[0].length;
    if (k < min) min = k;
    if (min === 0) return 0;
  }
  if (min === Infinity) return 0;
  // only a prefix that is literally the same on every non-blank line can be removed
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const prefix = first.slice(0, min);
  return text.split('\n').every((l) => l.trim() === '' || l.startsWith(prefix)) ? min : 0;
}

function dedent(text: string, k: number): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? l.replace(/^[ \t]+/, '') : l.slice(k)))
    .join('\n');
}

function toFinding(rule: Rule, file: string, n: Node, indent = 0): Finding {
  const s = n.startPosition;
  const e = n.endPosition;
  if (indent > 0) {
    return {
      analyzer: TREESITTER_ID,
      ruleId: rule.id,
      cwes: rule.cwes,
      severity: rule.severity,
      message: rule.message,
      file,
      span: {
        startLine: s.row + 1,
        startColumn: s.column + 1 + indent,
        endLine: e.row + 1,
        endColumn: e.column + 1 + indent,
      },
    };
  }
  return {
    analyzer: TREESITTER_ID,
    ruleId: rule.id,
    cwes: rule.cwes,
    severity: rule.severity,
    message: rule.message,
    file,
    span: { startLine: s.row + 1, startColumn: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 },
  };
}
