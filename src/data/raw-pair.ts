import { z } from 'zod';
import { DataError } from '../core/errors.js';
import { normalizeCwe } from '../core/records.js';
import { codePointOffsetMapper, computeDiffSpans, lineCount, type DiffSpans } from './diffspans.js';
import { dataError, dataErrorFromZod, type Place } from './issues.js';
import { knownExtensions, languageOfFileName } from './languages.js';
import { pairId, type CharSpan, type Pair, type PairFlag } from './pair.js';

/**
 * The record format of SVEN (`data_train_val/{train,val}/cwe-*.jsonl`) and SafeCoder
 * (`sec-new-desc.jsonl`, `sec-desc.jsonl`): written once here, read by every pair source.
 * Unknown keys are ignored (datasets grow fields); known keys must have the right types.
 */
const LineChangeSchema = z.object({
  line_no: z.number().int().min(1),
  char_start: z.number().int().min(0),
  char_end: z.number().int().min(0),
  line: z.string(),
});
const CharChangeSchema = z.object({
  char_start: z.number().int().min(0),
  char_end: z.number().int().min(0),
  chars: z.string(),
});

export const RawPairSchema = z.object({
  func_name: z.string(),
  func_src_before: z.string(),
  func_src_after: z.string(),
  commit_link: z.string(),
  file_name: z.string().min(1),
  vul_type: z.string(),
  line_changes: z.object({ deleted: z.array(LineChangeSchema), added: z.array(LineChangeSchema) }).optional(),
  char_changes: z.object({ deleted: z.array(CharChangeSchema), added: z.array(CharChangeSchema) }).optional(),
  description: z.string().optional(),
  commit_msg: z.string().optional(),
});
export type RawPair = z.infer<typeof RawPairSchema>;

export interface PairContext {
  readonly source: string;
  readonly split: string;
  /** the place shown in errors (absolute path) */
  readonly place: Place & { readonly line: number };
  /** the file as stored in Pair.origin (relative to the data directory) */
  readonly originFile: string;
}

/** Validate one raw record and turn it into a Pair, or say exactly what is wrong with it. */
export function toPair(raw: unknown, ctx: PairContext): Pair | DataError {
  const parsed = RawPairSchema.safeParse(raw);
  if (!parsed.success) return dataErrorFromZod(parsed.error, ctx.place, `${ctx.source} pair`);
  const r = parsed.data;
  const cwe = normalizeCwe(r.vul_type);
  if (cwe === undefined)
    return dataError(
      ctx.place,
      `'${r.vul_type}' is not a CWE id`,
      'vul_type',
      'use a CWE id like cwe-089 or CWE-89',
    );
  const language = languageOfFileName(r.file_name);
  if (language === undefined)
    return dataError(
      ctx.place,
      `unknown language: cannot tell the language of '${r.file_name}' from its extension`,
      'file_name',
      `known extensions: ${knownExtensions().join(', ')}`,
    );
  let diff: DiffSpans;
  const flags: PairFlag[] = [];
  if (r.char_changes !== undefined && r.line_changes !== undefined) {
    const given = datasetSpans(r, ctx.place);
    if (given instanceof DataError) return given;
    diff = given;
  } else {
    diff = computeDiffSpans(r.func_src_before, r.func_src_after);
    flags.push('diff-computed');
  }
  if (r.func_src_before === r.func_src_after) flags.unshift('identical');
  const core = {
    cwe,
    fileName: r.file_name,
    funcName: r.func_name,
    commitLink: r.commit_link,
    before: r.func_src_before,
    after: r.func_src_after,
  };
  return {
    id: pairId(core),
    source: ctx.source,
    split: ctx.split,
    language,
    ...core,
    ...(r.description === undefined ? {} : { description: r.description }),
    ...(r.commit_msg === undefined ? {} : { commitMessage: r.commit_msg }),
    diff,
    flags,
    origin: { file: ctx.originFile, line: ctx.place.line },
  };
}

/** The dataset's own spans, converted to UTF-16 offsets and checked against the texts. */
function datasetSpans(r: RawPair, place: Place): DiffSpans | DataError {
  const sides = [
    ['deleted', r.func_src_before],
    ['added', r.func_src_after],
  ] as const;
  const out: { deleted: CharSpan[]; added: CharSpan[]; deletedLines: number[]; addedLines: number[] } = {
    deleted: [],
    added: [],
    deletedLines: [],
    addedLines: [],
  };
  for (const [side, text] of sides) {
    const map = codePointOffsetMapper(text);
    const changes = r.char_changes?.[side] ?? [];
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      if (c === undefined) continue;
      const span = { start: map(c.char_start), end: map(c.char_end) };
      if (span.start < 0 || span.end < span.start || text.slice(span.start, span.end) !== c.chars)
        return dataError(
          place,
          `span [${c.char_start}, ${c.char_end}) does not hold its 'chars' in the ${side === 'deleted' ? 'func_src_before' : 'func_src_after'} text`,
          `char_changes.${side}[${i}]`,
        );
      out[side].push(span);
    }
    const lines = lineCount(text);
    const lineChanges = r.line_changes?.[side] ?? [];
    for (let i = 0; i < lineChanges.length; i++) {
      const l = lineChanges[i];
      if (l === undefined) continue;
      if (l.line_no > lines)
        return dataError(
          place,
          `line ${l.line_no} is past the end of the text (${lines} lines)`,
          `line_changes.${side}[${i}].line_no`,
        );
      (side === 'deleted' ? out.deletedLines : out.addedLines).push(l.line_no);
    }
  }
  return out;
}
