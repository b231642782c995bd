import { createHash } from 'node:crypto';

/** sha256 of bytes or a UTF-8 string, lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * JSON with object keys sorted recursively: equal values give equal strings, so the result can be
 * hashed for content-addressed caches (verdicts, completions) and stable ids.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Content hash of any JSON-serialisable value. */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

/**
 * A number in [0, 1) derived from a key by hashing: the basis of deterministic splits that stay
 * stable when records are appended (each record's side depends only on its own key).
 */
export function hashUnit(key: string, salt = ''): number {
  const digest = createHash('sha256').update(salt).update('\u0000').update(key).digest();
  // 48 bits are plenty and fit exactly in a double
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
