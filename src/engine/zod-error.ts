import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';

/**
 * A ConfigError naming every bad path and value (engine may import only core, so this mirrors the
 * formatting of src/config/resolve.ts).
 */
export function configErrorFromZodLike(error: z.ZodError, input: unknown, source: string): ConfigError {
  const lines = error.issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    let cur: unknown = input;
    for (const k of issue.path)
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[k] : undefined;
    return `${path}: ${issue.message}${cur === undefined ? '' : ` (got ${JSON.stringify(cur)})`}`;
  });
  const first = error.issues[0];
  return new ConfigError(`invalid ${source}: ${lines.join('; ')}`, {
    ...(first === undefined ? {} : { field: first.path.map(String).join('.') }),
    hint: 'fix the named keys; unknown keys are rejected',
  });
}
