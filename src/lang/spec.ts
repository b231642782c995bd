import type { Language } from '../core/records.js';

/**
 * Per-language conventions of the built-in benchmark's test files (src/suite/FORMAT.md): file
 * names inside a judging work dir and how test names (and their kind) are discovered in a test file.
 * The sandbox harnesses (src/oracle/sandbox) build on this table; compile/run commands live there.
 */
export interface LanguageSpec {
  readonly language: Language;
  /** the candidate's file name in the work dir */
  readonly solutionFile: string;
  /** the test file's name in the work dir */
  readonly testFile: string;
  /** matches one test declaration; group 1 = full test name, group 2 = `func` or `sec` */
  readonly testPattern: RegExp;
}

/**
 * The language standard C and C++ candidates are compiled in (`-std=` of gcc and clang): the
 * harness builds and the static analyzers that compile (clang, gcc) must read the same program.
 */
export const C_STANDARDS: Readonly<Record<'c' | 'cpp', string>> = { c: 'gnu11', cpp: 'gnu++17' };

export const LANGUAGE_SPECS: Readonly<Record<Language, LanguageSpec>> = {
  py: {
    language: 'py',
    solutionFile: 'solution.py',
    testFile: 'test_solution.py',
    testPattern: /^def (test_(func|sec)_\w+)\s*\(/gm,
  },
  js: {
    language: 'js',
    solutionFile: 'solution.js',
    testFile: 'solution.test.js',
    testPattern: /^test\(\s*'((func|sec): [^']+)'/gm,
  },
  go: {
    language: 'go',
    solutionFile: 'solution.go',
    testFile: 'solution_test.go',
    testPattern: /^func (Test(Func|Sec)_\w+)\s*\(/gm,
  },
  c: {
    language: 'c',
    solutionFile: 'solution.c',
    testFile: 'test.c',
    testPattern: /^TEST\(((func|sec)_\w+)\)/gm,
  },
  cpp: {
    language: 'cpp',
    solutionFile: 'solution.cpp',
    testFile: 'test.cpp',
    testPattern: /^TEST\(((func|sec)_\w+)\)/gm,
  },
};

export interface DeclaredTest {
  readonly name: string;
  readonly kind: 'functional' | 'security';
}

/** The tests a test file declares, in file order. */
export function discoverTests(language: Language, testSource: string): DeclaredTest[] {
  const re = new RegExp(LANGUAGE_SPECS[language].testPattern.source, 'gm');
  const out: DeclaredTest[] = [];
  for (const m of testSource.matchAll(re)) {
    const name = m[1];
    const kind = m[2]?.toLowerCase();
    if (name === undefined || kind === undefined) continue;
    out.push({ name, kind: kind === 'sec' ? 'security' : 'functional' });
  }
  return out;
}
