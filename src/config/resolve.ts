import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';

/**
 * A command's configuration: a strict zod object schema (unknown keys rejected) plus named presets.
 * CLI flags are derived from the same schema (src/cli/flags.ts), so docs and flags cannot drift.
 */
export interface ConfigSpec<S extends z.ZodObject> {
  readonly schema: S;
  /** named partial configurations; `default` is applied when no preset is named */
  readonly presets: Readonly<Record<string, Partial<z.input<S>>>>;
}

export function defineConfig<S extends z.ZodObject>(spec: ConfigSpec<S>): ConfigSpec<S> {
  return spec;
}

/**
 * Merge preset (if any) and explicit overrides, validate, and freeze. Every issue is reported with
 * its path, the bad value and what is allowed.
 */
export function resolveConfig<S extends z.ZodObject>(
  spec: ConfigSpec<S>,
  presetName: string | undefined,
  overrides: Record<string, unknown>,
): Readonly<z.output<S>> {
  let base: Record<string, unknown> = {};
  if (presetName !== undefined) {
    const preset = spec.presets[presetName];
    if (preset === undefined) {
      throw new ConfigError(`unknown preset '${presetName}'`, {
        hint: `choose one of: ${Object.keys(spec.presets).join(', ')}`,
      });
    }
    base = { ...preset };
  } else if (spec.presets['default'] !== undefined) {
    base = { ...spec.presets['default'] };
  }
  const merged = { ...base, ...dropUndefined(overrides) };
  const parsed = spec.schema.safeParse(merged);
  if (!parsed.success) throw configErrorFromZod(parsed.error, merged);
  return deepFreeze(parsed.data);
}

export function configErrorFromZod(error: z.ZodError, input: unknown, source = 'config'): ConfigError {
  const lines = error.issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    const got = valueAt(input, issue.path);
    return `${path}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
  });
  const first = error.issues[0];
  return new ConfigError(`invalid ${source}: ${lines.join('; ')}`, {
    ...(first === undefined ? {} : { field: first.path.map(String).join('.') }),
    hint: 'see `secplay <command> --help` for the allowed values',
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
