import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataError, IoError } from '../../core/errors.js';
import { writeJsonAtomic } from '../../core/fsx.js';
import { ByteBpeTokenizer, type Merge } from './bpe.js';
import { bytesToChars, charsToBytes } from './bytes.js';

/**
 * Save and load in Hugging Face's `tokenizer.json` format (the `tokenizers` library's serialisation):
 * ByteLevel pre-tokenizer and decoder, a BPE model with `vocab` (token → id) and `merges`
 * ("left right", rank order), special tokens as `added_tokens`. Python `tokenizers`,
 * `transformers` and tokenizers.js load the file and give the same ids as `ByteBpeTokenizer`.
 */
const AddedTokenSchema = z.object({
  id: z.number().int().min(0),
  content: z.string().min(1),
  single_word: z.boolean().optional(),
  lstrip: z.boolean().optional(),
  rstrip: z.boolean().optional(),
  normalized: z.boolean().optional(),
  special: z.boolean().optional(),
});

const ByteLevelSchema = z.object({
  type: z.literal('ByteLevel'),
  add_prefix_space: z.literal(false).optional(),
  use_regex: z.literal(true).optional(),
  trim_offsets: z.boolean().optional(),
});

const MergeSchema = z.union([
  z.string().regex(/^\S+ \S+$/, 'a merge is "left right"'),
  z.tuple([z.string().min(1), z.string().min(1)]),
]);

export const HfTokenizerSchema = z.object({
  version: z.string().optional(),
  /** encoding-time settings that do not change the ids of a single text: accepted, not used */
  truncation: z.unknown().optional(),
  padding: z.unknown().optional(),
  post_processor: z.unknown().optional(),
  added_tokens: z.array(AddedTokenSchema).default([]),
  normalizer: z.null().optional(),
  pre_tokenizer: ByteLevelSchema,
  decoder: ByteLevelSchema,
  model: z.object({
    type: z.literal('BPE'),
    dropout: z.null().optional(),
    unk_token: z.null().optional(),
    continuing_subword_prefix: z.union([z.null(), z.literal('')]).optional(),
    end_of_word_suffix: z.union([z.null(), z.literal('')]).optional(),
    fuse_unk: z.boolean().optional(),
    byte_fallback: z.literal(false).optional(),
    ignore_merges: z.literal(false).optional(),
    vocab: z.record(z.string(), z.number().int().min(0)),
    merges: z.array(MergeSchema),
  }),
});
export type HfTokenizerJson = z.input<typeof HfTokenizerSchema>;

/** The tokenizer as a `tokenizer.json` value. */
export function toHuggingFace(tok: ByteBpeTokenizer): HfTokenizerJson {
  const vocab: Record<string, number> = {};
  const name = (id: number): string => bytesToChars(tok.tokenBytes(id));
  for (let id = 0; id < tok.vocabSize; id++) if (!tok.isSpecialId(id)) vocab[name(id)] = id;
  const added = [...tok.specials].map(([content, id]) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  // the special tokens go in the vocab too, as the `tokenizers` library writes them
  for (const a of added) vocab[a.content] = a.id;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: tok.merges.map((m) => `${name(m.left)} ${name(m.right)}`),
    },
  };
}

/** Build a tokenizer from a parsed `tokenizer.json`; every problem names its field. */
export function fromHuggingFace(json: unknown, file?: string): ByteBpeTokenizer {
  const where = file === undefined ? {} : { file };
  const parsed = HfTokenizerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(`not a byte-level BPE tokenizer.json: ${issue?.message ?? 'invalid'}`, {
      ...where,
      ...(issue === undefined ? {} : { field: issue.path.map(String).join('.') }),
      hint: 'secplay reads ByteLevel + BPE tokenizer.json files (GPT-2 style) without normalizer or unk token',
    });
  }
  const { model, added_tokens } = parsed.data;
  const bad = (field: string, message: string): DataError =>
    new DataError(message, { ...where, field, hint: 'the tokenizer.json is inconsistent; export it again' });
  const specialIds = new Map<number, string>(added_tokens.map((a) => [a.id, a.content]));
  const byteIds: number[] = new Array<number>(256).fill(-1);
  for (const [token, id] of Object.entries(model.vocab)) {
    if (specialIds.has(id)) continue;
    const bytes = charsToBytes(token);
    if (bytes === undefined)
      throw bad(`model.vocab.${token}`, `token '${token}' is not in the byte-level alphabet`);
    if (bytes.length === 1) byteIds[bytes[0] as number] = id;
  }
  const missing = byteIds.indexOf(-1);
  if (missing !== -1) throw bad('model.vocab', `byte ${missing} has no token: every byte needs one`);
  const merges: Merge[] = model.merges.map((m, rank) => {
    const [l, r] = typeof m === 'string' ? [m.slice(0, m.indexOf(' ')), m.slice(m.indexOf(' ') + 1)] : m;
    const left = model.vocab[l];
    const right = model.vocab[r];
    const merged = model.vocab[l + r];
    if (left === undefined || right === undefined || merged === undefined)
      throw bad(`model.merges[${rank}]`, `merge '${l} ${r}' uses or makes a token that is not in the vocab`);
    return { left, right, merged };
  });
  const specials = new Map(added_tokens.map((a) => [a.content, a.id]));
  return new ByteBpeTokenizer({ byteIds, merges, specials });
}

export function saveTokenizer(tok: ByteBpeTokenizer, path: string): void {
  writeJsonAtomic(path, toHuggingFace(tok));
}

export function loadTokenizer(path: string): ByteBpeTokenizer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new IoError(`cannot read tokenizer file ${path}`, {
      file: path,
      cause,
      hint: 'train one first, or pass the path of a tokenizer.json',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new DataError(`tokenizer file is not valid JSON (${e instanceof Error ? e.message : String(e)})`, {
      file: path,
    });
  }
  return fromHuggingFace(json, path);
}
