import { EXTENSION_LANGUAGE, type Language } from '../core/records.js';

/**
 * Languages of dataset records. Our five (`Language`) come from EXTENSION_LANGUAGE in core; a
 * dataset may hold others (SafeCoder has Ruby and Java, CyberSecEval has C#, PHP, Rust, ...): they
 * keep their own language string, are counted, and are never mistaken for one of the five.
 */

/** File extensions of languages outside our five that the shared datasets contain. */
export const OTHER_EXTENSION_LANGUAGE: Readonly<Record<string, string>> = {
  rb: 'rb',
  java: 'java',
  cs: 'csharp',
  php: 'php',
  rs: 'rust',
};

/** The extension of a file name (without the dot), or undefined when it has none. */
export function extensionOf(fileName: string): string | undefined {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? undefined : base.slice(dot + 1);
}

/**
 * The language of a file from its extension: one of our five when EXTENSION_LANGUAGE knows it
 * (case-sensitive first, since `.C` is C++), else a known other language, else undefined.
 */
export function languageOfFileName(fileName: string): Language | string | undefined {
  const ext = extensionOf(fileName);
  if (ext === undefined) return undefined;
  return (
    EXTENSION_LANGUAGE[ext] ??
    EXTENSION_LANGUAGE[ext.toLowerCase()] ??
    OTHER_EXTENSION_LANGUAGE[ext] ??
    OTHER_EXTENSION_LANGUAGE[ext.toLowerCase()]
  );
}

/** Every extension a dataset file name may have, for error hints. */
export function knownExtensions(): string[] {
  return [...Object.keys(EXTENSION_LANGUAGE), ...Object.keys(OTHER_EXTENSION_LANGUAGE)].sort();
}

/** CyberSecEval's `language` values → our language strings (the five where they match). */
export const CYBERSECEVAL_LANGUAGE: Readonly<Record<string, Language | string>> = {
  c: 'c',
  cpp: 'cpp',
  python: 'py',
  javascript: 'js',
  java: 'java',
  csharp: 'csharp',
  php: 'php',
  rust: 'rust',
};
