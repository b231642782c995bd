import { z } from 'zod';
import { contentHash } from '../core/hash.js';
import { normalizeCwe, type Cwe } from '../core/records.js';

/**
 * The Pair record (DESIGN.md §3): one vulnerable function and its fix, from SVEN, SafeCoder or our
 * own JSONL. This zod schema IS the public format (what `secplay data export` writes and every
 * later stage reads); the TypeScript type is inferred from it so the two cannot drift.
 *
 * Offsets are in UTF-16 code units (JavaScript string indices), end exclusive; line numbers are
 * 1-based. `before` is the vulnerable version, `after` the fixed one.
 */

export const CweSchema = z.string().transform((s, ctx): Cwe => {
  const cwe = normalizeCwe(s);
  if (cwe === undefined || cwe !== s) {
    ctx.addIssue({ code: 'custom', message: 'expected a CWE id in canonical form, e.g. CWE-89' });
    return z.NEVER;
  }
  return cwe;
});

/** A changed character range of one side of a pair. */
export const CharSpanSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .strict()
  .refine((s) => s.end >= s.start, { message: 'span end must not be before its start' });
export type CharSpan = z.infer<typeof CharSpanSchema>;

export const PAIR_FLAGS = [
  /** before and after are the same text: no usable signal, flagged rather than silently kept */
  'identical',
  /** an earlier record (in source registry order) has the same before/after text; see duplicateOf */
  'duplicate',
  /** the dataset had no line/char changes: diff spans were computed from the texts */
  'diff-computed',
] as const;
export type PairFlag = (typeof PAIR_FLAGS)[number];

export const PairSchema = z
  .object({
    /** stable, content-derived: `pair-` + 16 hex of the hash of cwe, file, function, commit and both texts */
    id: z.string().regex(/^pair-[0-9a-f]{16}$/),
    /** source id from the registry in src/data/sources.ts (`sven`, `safecoder`, ...) or `own` */
    source: z.string().min(1),
    /** the source's own split (`train`, `val`) */
    split: z.string().min(1),
    /** one of LANGUAGES (`c|cpp|py|go|js`) or another language string (`rb`, `java`) */
    language: z.string().min(1),
    cwe: CweSchema,
    funcName: z.string(),
    fileName: z.string(),
    /** vulnerable version */
    before: z.string(),
    /** fixed version */
    after: z.string(),
    description: z.string().optional(),
    commitLink: z.string(),
    commitMessage: z.string().optional(),
    diff: z
      .object({
        /** ranges of `before` removed by the fix */
        deleted: z.array(CharSpanSchema),
        /** ranges of `after` added by the fix */
        added: z.array(CharSpanSchema),
        /** 1-based line numbers of `before` removed by the fix */
        deletedLines: z.array(z.number().int().min(1)),
        /** 1-based line numbers of `after` added by the fix */
        addedLines: z.array(z.number().int().min(1)),
      })
      .strict(),
    flags: z.array(z.enum(PAIR_FLAGS)),
    /** id of the earlier record with the same before/after text (with flag `duplicate`) */
    duplicateOf: z.string().optional(),
    /** where the record came from: file relative to the data directory, 1-based line */
    origin: z.object({ file: z.string(), line: z.number().int().min(1) }).strict(),
  })
  .strict();

export type Pair = z.infer<typeof PairSchema>;

/** The identity of a pair: cwe, file, function, commit and both texts. */
export function pairId(p: {
  readonly cwe: Cwe;
  readonly fileName: string;
  readonly funcName: string;
  readonly commitLink: string;
  readonly before: string;
  readonly after: string;
}): string {
  const h = contentHash({
    cwe: p.cwe,
    fileName: p.fileName,
    funcName: p.funcName,
    commitLink: p.commitLink,
    before: p.before,
    after: p.after,
  });
  return `pair-${h.slice(0, 16)}`;
}

/** The key of a pair's code alone (before, after): equal keys are duplicates whatever the metadata. */
export function pairContentKey(p: { readonly before: string; readonly after: string }): string {
  return contentHash([p.before, p.after]);
}

/** The text of a span of one side of a pair. */
export function spanText(text: string, span: CharSpan): string {
  return text.slice(span.start, span.end);
}
