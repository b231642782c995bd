import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DataError, IoError, NotFoundError } from '../core/errors.js';
import { LANGUAGE_EXTENSION, type Cwe, type Language } from '../core/records.js';
import { configErrorFromZod } from '../config/resolve.js';
import { discoverTests } from '../lang/spec.js';
import { familySchema, type FamilySpec } from './schema.js';
import { render, type Binding, type VarChoice } from './template.js';
import type { Task } from './task.js';
import { contentHash } from '../core/hash.js';

/** The built-in families shipped with secplay. */
export const BUILTIN_FAMILIES_DIR = fileURLToPath(new URL('./families', import.meta.url));

/** One language of a family, as templates. */
export interface LanguageTemplates {
  readonly language: Language;
  readonly dir: string;
  readonly entry: string;
  readonly vars: Readonly<Record<string, readonly VarChoice[]>>;
  readonly instructions: readonly string[];
  readonly prompt: string;
  readonly secure: string;
  readonly vulnerable: string;
  readonly test: string;
  readonly epilogue: string | undefined;
}

export interface Family {
  readonly spec: FamilySpec;
  readonly dir: string;
  readonly languages: ReadonlyMap<Language, LanguageTemplates>;
}

/** Load and validate every family under `dir` (default: the built-in ones), sorted by id. */
export function loadFamilies(dir: string = BUILTIN_FAMILIES_DIR): Family[] {
  if (!existsSync(dir)) throw new IoError(`families directory not found: ${dir}`, { file: dir });
  const out: Family[] = [];
  for (const name of readdirSync(dir).sort()) {
    const fdir = join(dir, name);
    if (!statSync(fdir).isDirectory()) continue;
    out.push(loadFamily(fdir));
  }
  return out;
}

export function loadFamily(dir: string): Family {
  const yamlPath = join(dir, 'family.yaml');
  if (!existsSync(yamlPath))
    throw new IoError(`family.yaml not found in ${dir}`, { file: yamlPath, hint: 'see src/suite/FORMAT.md' });
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(yamlPath, 'utf8'));
  } catch (e) {
    throw new DataError(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`, { file: yamlPath });
  }
  const parsed = familySchema.safeParse(raw);
  if (!parsed.success) {
    const err = configErrorFromZod(parsed.error, raw, 'family.yaml');
    throw new DataError(err.message, {
      file: yamlPath,
      ...(err.field === undefined ? {} : { field: err.field }),
      hint: 'see src/suite/FORMAT.md',
    });
  }
  const spec = parsed.data;
  const dirName = dir
    .split(/[\\/]/)
    .filter((x) => x !== '')
    .pop();
  if (dirName !== spec.id)
    throw new DataError(`family id '${spec.id}' does not match its directory '${dirName}'`, {
      file: yamlPath,
      field: 'id',
    });
  const languages = new Map<Language, LanguageTemplates>();
  for (const [lang, entry] of Object.entries(spec.languages) as [
    Language,
    NonNullable<FamilySpec['languages'][Language]>,
  ][]) {
    const ldir = join(dir, lang);
    const ext = LANGUAGE_EXTENSION[lang];
    const read = (base: string, optional = false): string | undefined => {
      const p = join(ldir, `${base}.${ext}`);
      if (!existsSync(p)) {
        if (optional) return undefined;
        throw new IoError(`missing ${base}.${ext} for ${spec.id}/${lang}`, {
          file: p,
          hint: 'see src/suite/FORMAT.md',
        });
      }
      return readFileSync(p, 'utf8');
    };
    languages.set(lang, {
      language: lang,
      dir: ldir,
      entry: entry.entry,
      vars: { ...spec.vars, ...(entry.vars ?? {}) },
      instructions: entry.instructions ?? spec.instructions,
      prompt: read('prompt') as string,
      secure: read('secure') as string,
      vulnerable: read('vulnerable') as string,
      test: read('test') as string,
      epilogue: read('epilogue', true),
    });
  }
  if (languages.size === 0)
    throw new DataError(`family ${spec.id} declares no languages`, { file: yamlPath, field: 'languages' });
  return { spec, dir, languages };
}

/** The binding of every variable to its first choice (the canonical instance). */
export function canonicalBinding(t: LanguageTemplates): Binding {
  const b: Record<string, VarChoice> = {};
  for (const [k, choices] of Object.entries(t.vars)) b[k] = choices[0] as VarChoice;
  return b;
}

/** Render one task instance. `canonical` marks the first-choice binding with instruction 0. */
export function renderTask(
  family: Family,
  language: Language,
  binding: Binding,
  instructionIndex: number,
): Task {
  const t = family.languages.get(language);
  if (t === undefined)
    throw new NotFoundError(`family ${family.spec.id} has no ${language} version`, {
      hint: `languages: ${[...family.languages.keys()].join(', ')}`,
    });
  const where = (f: string): string => join(t.dir, f);
  const ext = LANGUAGE_EXTENSION[language];
  const instruction = t.instructions[instructionIndex];
  if (instruction === undefined)
    throw new NotFoundError(
      `instruction ${instructionIndex} does not exist for ${family.spec.id}/${language}`,
    );
  const canon = canonicalBinding(t);
  const canonical = instructionIndex === 0 && contentHash(canon) === contentHash(binding);
  const prompt = render(t.prompt, binding, where(`prompt.${ext}`));
  const testSource = render(t.test, binding, where(`test.${ext}`));
  const entryPoint = render(t.entry, binding, where('family.yaml (entry)'));
  const id = canonical
    ? `${family.spec.id}/${language}`
    : `${family.spec.id}/${language}#${instanceHash(binding, instructionIndex)}`;
  return {
    id,
    family: family.spec.id,
    language,
    cwes: family.spec.cwes as Cwe[],
    title: family.spec.title,
    tags: family.spec.tags,
    // instructions may name the entry point, cased for this language, as $[entry]
    instruction: render(instruction, { ...binding, entry: entryPoint }, where('family.yaml (instructions)')),
    prompt,
    entryPoint,
    testSource,
    tests: discoverTests(language, testSource),
    epilogue: t.epilogue === undefined ? undefined : render(t.epilogue, binding, where(`epilogue.${ext}`)),
    secureReference: render(t.secure, binding, where(`secure.${ext}`)),
    vulnerableReference: render(t.vulnerable, binding, where(`vulnerable.${ext}`)),
    binding,
    instructionIndex,
    canonical,
  };
}

export function instanceHash(binding: Binding, instructionIndex: number): string {
  return contentHash({ binding, instructionIndex }).slice(0, 8);
}

/** Every canonical task of the given families (one per family × language). */
export function canonicalTasks(families: readonly Family[]): Task[] {
  const out: Task[] = [];
  for (const f of families)
    for (const [lang, t] of f.languages) out.push(renderTask(f, lang, canonicalBinding(t), 0));
  return out;
}

/** Structural problems of a rendered task (not its behaviour: that is `suite check`). */
export function lintTask(task: Task): string[] {
  const problems: string[] = [];
  if (!task.secureReference.startsWith(task.prompt))
    problems.push('secure reference does not start with the prompt');
  if (!task.vulnerableReference.startsWith(task.prompt))
    problems.push('vulnerable reference does not start with the prompt');
  if (task.secureReference === task.vulnerableReference)
    problems.push('secure and vulnerable references are identical');
  if (!task.tests.some((t) => t.kind === 'functional')) problems.push('no functional (func) test');
  if (!task.tests.some((t) => t.kind === 'security')) problems.push('no security (sec) test');
  const names = task.tests.map((t) => t.name);
  if (new Set(names).size !== names.length) problems.push('duplicate test names');
  return problems;
}
