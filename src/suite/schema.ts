import { z } from 'zod';
import { LANGUAGES } from '../core/records.js';

const cwe = z.string().regex(/^CWE-[1-9]\d*$/, 'must be a canonical CWE id like CWE-89');
const choice = z.union([z.string(), z.record(z.string(), z.string())]);
const vars = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names are identifiers'),
  z.array(choice).min(1, 'a variable needs at least one choice'),
);

export const languageEntrySchema = z.strictObject({
  /** the entry point's name (templated) */
  entry: z.string().min(1),
  /** per-language variables, replacing family variables of the same name */
  vars: vars.optional(),
  /** per-language instructions, replacing the family's */
  instructions: z.array(z.string().min(1)).min(1).optional(),
});

/** family.yaml (src/suite/FORMAT.md) */
export const familySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by dashes'),
  title: z.string().min(1),
  cwes: z.array(cwe).min(1),
  description: z.string().min(1),
  instructions: z.array(z.string().min(1)).min(1),
  vars: vars.default({}),
  languages: z.partialRecord(z.enum(LANGUAGES), languageEntrySchema),
  /** free-form tags: `memory-safety`, `injection`, `crypto`, … */
  tags: z.array(z.string()).default([]),
});

export type FamilySpec = z.output<typeof familySchema>;
export type LanguageEntry = z.output<typeof languageEntrySchema>;
