import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language as TsLanguage, Parser, Query } from 'web-tree-sitter';
import { EnvironmentError } from '../../../core/errors.js';
import type { Language } from '../../../core/records.js';

/**
 * The only module that touches web-tree-sitter's runtime: grammar loading, parsers and queries.
 * Grammars are the `.wasm` files shipped inside the `tree-sitter-<lang>` npm packages (the native
 * binding does not load here; see DESIGN.md §4).
 */
export const GRAMMARS: Readonly<Record<Language, { readonly pkg: string; readonly wasm: string }>> = {
  c: { pkg: 'tree-sitter-c', wasm: 'tree-sitter-c.wasm' },
  cpp: { pkg: 'tree-sitter-cpp', wasm: 'tree-sitter-cpp.wasm' },
  py: { pkg: 'tree-sitter-python', wasm: 'tree-sitter-python.wasm' },
  go: { pkg: 'tree-sitter-go', wasm: 'tree-sitter-go.wasm' },
  js: { pkg: 'tree-sitter-javascript', wasm: 'tree-sitter-javascript.wasm' },
};

const require = createRequire(import.meta.url);
let init: Promise<void> | undefined;
const languages = new Map<Language, Promise<TsLanguage>>();
const parsers = new Map<Language, Parser>();

export function grammarPath(lang: Language): string {
  const g = GRAMMARS[lang];
  return join(dirname(require.resolve(`${g.pkg}/package.json`)), g.wasm);
}

/** The tree-sitter language of `lang` (loaded once per process). */
export function loadLanguage(lang: Language): Promise<TsLanguage> {
  let p = languages.get(lang);
  if (p === undefined) {
    p = (async () => {
      init ??= Parser.init();
      await init;
      let path: string;
      try {
        path = grammarPath(lang);
      } catch (cause) {
        throw new EnvironmentError(`tree-sitter grammar package ${GRAMMARS[lang].pkg} is not installed`, {
          cause,
          hint: 'run `npm ci` in the repository',
        });
      }
      try {
        return await TsLanguage.load(path);
      } catch (cause) {
        throw new EnvironmentError(`cannot load the tree-sitter grammar ${path}`, {
          file: path,
          cause,
          hint: 'reinstall the grammar package (`npm ci`); it must ship an ABI-15 .wasm file',
        });
      }
    })();
    languages.set(lang, p);
    p.catch(() => languages.delete(lang));
  }
  return p;
}

/** A parser bound to `lang`, reused across calls (parsing is synchronous, so sharing is safe). */
export async function parserFor(lang: Language): Promise<Parser> {
  const existing = parsers.get(lang);
  if (existing !== undefined) return existing;
  const l = await loadLanguage(lang);
  const created = parsers.get(lang) ?? new Parser();
  created.setLanguage(l);
  parsers.set(lang, created);
  return created;
}

/** Compile a query for `lang`; syntax errors name the offending source. */
export async function compileQuery(lang: Language, source: string): Promise<Query> {
  const l = await loadLanguage(lang);
  return new Query(l, source);
}

export { type Node, type Tree, type Query } from 'web-tree-sitter';
