import { z } from 'zod';
import { contentHash } from '../core/hash.js';
import { normalizeCwe } from '../core/records.js';
import { CweSchema } from './pair.js';
import { dataError, dataErrorFromZod, type Place } from './issues.js';
import { CYBERSECEVAL_LANGUAGE } from './languages.js';
import type { DataError } from '../core/errors.js';

/**
 * The Prompt record: a CWE-labelled code-generation prompt without tests, from CyberSecEval's
 * instruct/autocomplete sets. `originCode` is the insecure snippet the prompt was derived from
 * (no fixed counterpart exists). Evaluation data: never copy these into training data (DESIGN §9).
 */
export const PromptSchema = z
  .object({
    /** `prompt-` + 16 hex of the hash of variant, language, cwe and prompt text */
    id: z.string().regex(/^prompt-[0-9a-f]{16}$/),
    source: z.string().min(1),
    /** `instruct` (natural-language instruction) or `autocomplete` (code prefix to continue) */
    variant: z.string().min(1),
    /** the file the record came from, without extension: `instruct`, `instruct-v2`, `autocomplete` */
    split: z.string().min(1),
    /** one of LANGUAGES or another language string (`java`, `csharp`, `php`, `rust`) */
    language: z.string().min(1),
    cwe: CweSchema,
    prompt: z.string().min(1),
    originCode: z.string(),
    /** the Insecure Code Detector rule that flagged the origin code */
    patternId: z.string(),
    patternDescription: z.string(),
    repo: z.string(),
    origin: z.object({ file: z.string(), line: z.number().int().min(1) }).strict(),
  })
  .strict();
export type Prompt = z.infer<typeof PromptSchema>;

const RawCyberSecEvalSchema = z.object({
  prompt_id: z.number().int(),
  cwe_identifier: z.string(),
  pattern_desc: z.string(),
  pattern_id: z.string(),
  test_case_prompt: z.string().min(1),
  origin_code: z.string(),
  language: z.string(),
  variant: z.string(),
  repo: z.string(),
});

export interface PromptContext {
  readonly source: string;
  readonly split: string;
  readonly place: Place & { readonly line: number };
  readonly originFile: string;
}

export function toPrompt(raw: unknown, ctx: PromptContext): Prompt | DataError {
  const parsed = RawCyberSecEvalSchema.safeParse(raw);
  if (!parsed.success) return dataErrorFromZod(parsed.error, ctx.place, 'CyberSecEval prompt');
  const r = parsed.data;
  const cwe = normalizeCwe(r.cwe_identifier);
  if (cwe === undefined)
    return dataError(ctx.place, `'${r.cwe_identifier}' is not a CWE id`, 'cwe_identifier');
  const language = CYBERSECEVAL_LANGUAGE[r.language];
  if (language === undefined)
    return dataError(
      ctx.place,
      `unknown language '${r.language}'`,
      'language',
      `known: ${Object.keys(CYBERSECEVAL_LANGUAGE).join(', ')}`,
    );
  const h = contentHash({ variant: r.variant, language, cwe, prompt: r.test_case_prompt });
  return {
    id: `prompt-${h.slice(0, 16)}`,
    source: ctx.source,
    variant: r.variant,
    split: ctx.split,
    language,
    cwe,
    prompt: r.test_case_prompt,
    originCode: r.origin_code,
    patternId: r.pattern_id,
    patternDescription: r.pattern_desc,
    repo: r.repo,
    origin: { file: ctx.originFile, line: ctx.place.line },
  };
}
