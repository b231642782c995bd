import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

/**
 * Validation against the SARIF 2.1.0 JSON schema, for tests only (dev dependencies).
 *
 * The schema file is the one Microsoft's SARIF team ships in the npm package
 * `@microsoft/jest-sarif` (MIT): `lib/schemas/sarif-2.1.0-rtm.5.json`, the 2.1.0 schema as
 * published on schemastore.org (draft-04, like the OASIS `sarif-schema-2.1.0.json`). Read from
 * node_modules at test time, not copied into the repository.
 */
const require = createRequire(import.meta.url);
export const SARIF_SCHEMA_PATH = join(
  dirname(require.resolve('@microsoft/jest-sarif')),
  'schemas',
  'sarif-2.1.0-rtm.5.json',
);

// both are CommonJS modules whose `exports.default` is the class/plugin
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

/** The schema's errors for `log` (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate === undefined) {
    const schema: unknown = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8'));
    // unicodeRegExp: false — the schema's `language` pattern has a stray `]`, invalid under the u flag
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    if (typeof schema !== 'object' || schema === null)
      throw new Error(`${SARIF_SCHEMA_PATH} is not a JSON schema`);
    validate = ajv.compile(schema);
  }
  const v = validate;
  if (v(log)) return [];
  const errors = v.errors;
  return Array.isArray(errors)
    ? errors.map(
        (e: { instancePath?: string; message?: string }) => `${e.instancePath ?? ''} ${e.message ?? ''}`,
      )
    : ['invalid'];
}
