import { ConfigError } from '../core/errors.js';

/** A value a template variable can be bound to: a string, or a map of strings (`$[sig.params]`). */
export type VarChoice = string | Readonly<Record<string, string>>;
export type Binding = Readonly<Record<string, VarChoice>>;

const FILTERS: Readonly<Record<string, (words: string) => string>> = {
  snake: (w) => words(w).join('_'),
  camel: (w) =>
    words(w)
      .map((x, i) => (i === 0 ? x : cap(x)))
      .join(''),
  pascal: (w) => words(w).map(cap).join(''),
  upper: (w) => words(w).join('_').toUpperCase(),
  kebab: (w) => words(w).join('-'),
};

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((x) => x !== '')
    .map((x) => x.toLowerCase());
}

function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

const PLACEHOLDER = /\$\[([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?(?:\|([a-z]+))?\]/g;

/**
 * Render `$[name]`, `$[name.key]`, `$[name|filter]` with a binding. Unknown variables, keys or
 * filters are errors naming the template (`where`), never silently left in place.
 */
export function render(template: string, binding: Binding, where: string): string {
  return template.replace(
    PLACEHOLDER,
    (_m, name: string, key: string | undefined, filter: string | undefined) => {
      const choice = binding[name];
      if (choice === undefined)
        throw new ConfigError(`unknown template variable '${name}' in ${where}`, {
          file: where,
          hint: 'declare it under vars: in family.yaml',
        });
      let value: string;
      if (typeof choice === 'string') {
        if (key !== undefined)
          throw new ConfigError(`variable '${name}' is a string, but ${where} uses '$[${name}.${key}]'`, {
            file: where,
          });
        value = choice;
      } else {
        if (key === undefined)
          throw new ConfigError(`variable '${name}' is a map; ${where} must use '$[${name}.<key>]'`, {
            file: where,
          });
        const v = choice[key];
        if (v === undefined)
          throw new ConfigError(`variable '${name}' has no key '${key}' (used in ${where})`, { file: where });
        value = v;
      }
      if (filter === undefined) return value;
      const f = FILTERS[filter];
      if (f === undefined)
        throw new ConfigError(`unknown filter '|${filter}' in ${where}`, {
          file: where,
          hint: `filters: ${Object.keys(FILTERS).join(', ')}`,
        });
      return f(value);
    },
  );
}

/** Names of the variables a template uses. */
export function variablesOf(template: string): Set<string> {
  const out = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (m[1] !== undefined) out.add(m[1]);
  return out;
}
