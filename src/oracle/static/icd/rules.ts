import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { normalizeCwe, type Cwe, type Language, type Severity } from '../../../core/records.js';

/**
 * CyberSecEval's Insecure Code Detector (ICD) regex rules, read at run time from the shared data
 * directory (`purplellama/CodeShield/insecure_code_detector/rules/regex/*.yaml`, MIT); never copied
 * into this repository. Loading follows upstream's `insecure_patterns.load`: C++ also gets the C
 * rules, and every language gets `language_agnostic.yaml` (secrets, private keys). Go has no rule file
 * upstream, so Go gets only the language-agnostic rules.
 */
export const ICD_RULES_SUBDIR = join('purplellama', 'CodeShield', 'insecure_code_detector', 'rules', 'regex');

/** Which YAML files apply to each language. */
export const ICD_LANGUAGE_FILES: Readonly<Record<Language, readonly string[]>> = {
  c: ['c.yaml', 'language_agnostic.yaml'],
  cpp: ['cpp.yaml', 'c.yaml', 'language_agnostic.yaml'],
  py: ['python.yaml', 'language_agnostic.yaml'],
  js: ['javascript.yaml', 'language_agnostic.yaml'],
  go: ['language_agnostic.yaml'],
};

/** ICD severity → severity */
export const ICD_SEVERITY: Readonly<Record<string, Severity>> = {
  error: 'high',
  warning: 'medium',
  advice: 'low',
  info: 'note',
};

export interface IcdRule {
  readonly id: string;
  readonly cwes: readonly Cwe[];
  readonly severity: Severity;
  readonly description: string;
  readonly regex: RegExp;
  /** the YAML file it came from */
  readonly file: string;
}

export interface IcdRuleSet {
  readonly rules: readonly IcdRule[];
  /** rules that could not be used (a Python-only regex construct), with why */
  readonly problems: readonly string[];
}

const RuleYaml = z.object({
  cwe_id: z.union([z.string(), z.number()]),
  description: z.string().default(''),
  rule: z.string(),
  severity: z.string().default('Warning'),
  pattern_id: z.string().optional(),
});

/**
 * The data directory, as the CLI resolves it (SECPLAY_DATA_DIR, else ../shared/data next to the
 * repository). Repeated here because the oracle layer may not import the CLI.
 */
export function defaultIcdRulesDir(): string {
  const env = process.env['SECPLAY_DATA_DIR'];
  const repo = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
  const dataDir = env !== undefined && env !== '' ? resolve(env) : resolve(repo, '..', 'shared', 'data');
  return join(dataDir, ICD_RULES_SUBDIR);
}

/**
 * Translate a Python `re` pattern into a JavaScript RegExp where the two differ in syntax:
 * `(?P<name>` → `(?<name>`, `(?P=name)` → `\k<name>`, `\Z` → end of input, a leading `(?i)`/`(?s)`/
 * `(?m)` → flags. Anything else JavaScript rejects makes the rule unusable (reported, not thrown).
 */
export function pythonRegex(source: string): RegExp {
  let flags = 'g';
  let body = source;
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(body); m !== null; m = /^\(\?([aiLmsux]+)\)/.exec(body)) {
    for (const f of m[1] ?? '') if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    body = body.slice(m[0].length);
  }
  body = body
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  return new RegExp(body, flags);
}

const cache = new Map<string, IcdRuleSet>();

/** Load (once per directory and language) the rules that apply to `language`. */
export function loadIcdRules(dir: string, language: Language): IcdRuleSet {
  const key = `${dir}\u0000${language}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rules: IcdRule[] = [];
  const problems: string[] = [];
  for (const name of ICD_LANGUAGE_FILES[language]) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      problems.push(`${name}: not found in ${dir}`);
      continue;
    }
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(`${name}: not valid YAML (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const list = Array.isArray(doc) ? doc : [];
    list.forEach((raw: unknown, i) => {
      const r = RuleYaml.safeParse(raw);
      if (!r.success) {
        problems.push(`${name}[${i}]: not a rule (${r.error.issues[0]?.message ?? 'bad shape'})`);
        return;
      }
      const id = r.data.pattern_id ?? `${name.replace(/\.yaml$/, '')}-${i}`;
      let regex: RegExp;
      try {
        regex = pythonRegex(r.data.rule);
      } catch (e) {
        problems.push(
          `${name}: rule ${id} uses a regex JavaScript cannot run (${e instanceof Error ? e.message : String(e)})`,
        );
        return;
      }
      const cwe = normalizeCwe(r.data.cwe_id);
      rules.push({
        id,
        cwes: cwe === undefined ? [] : [cwe],
        severity: ICD_SEVERITY[r.data.severity.toLowerCase()] ?? 'medium',
        description: r.data.description.replace(/\s+/g, ' ').trim(),
        regex,
        file: name,
      });
    });
  }
  const set = { rules, problems };
  cache.set(key, set);
  return set;
}
