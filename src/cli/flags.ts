import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';

/**
 * Derive commander options from a zod object schema: one flag per top-level key, kebab-cased,
 * typed by the schema (boolean → --x / --no-x, number → parsed, enum → choices, array → comma list),
 * described by the schema's `.describe()`. Values are validated by the schema afterwards, never here.
 */
interface FieldInfo {
  readonly kind: 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'other';
  readonly choices?: readonly string[];
  readonly defaultValue?: unknown;
  readonly description: string;
}

type AnyDef = {
  type: string;
  innerType?: ZodLike;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  element?: ZodLike;
  values?: unknown[];
  in?: ZodLike;
};
interface ZodLike {
  readonly description?: string | undefined;
  readonly _zod: { readonly def: unknown };
}

function inspect(schema: ZodLike): FieldInfo {
  let s: ZodLike = schema;
  let description = schema.description ?? '';
  let defaultValue: unknown;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def as AnyDef;
    if (description === '' && s.description !== undefined) description = s.description;
    if (def.type === 'default' || def.type === 'prefault') {
      defaultValue =
        typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      s = def.innerType as ZodLike;
    } else if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') {
      s = def.innerType as ZodLike;
    } else if (def.type === 'pipe' && def.in !== undefined) {
      s = def.in;
    } else {
      break;
    }
  }
  const def = s._zod.def as AnyDef;
  if (description === '' && s.description !== undefined) description = s.description;
  const base = { description, ...(defaultValue === undefined ? {} : { defaultValue }) };
  switch (def.type) {
    case 'string':
      return { kind: 'string', ...base };
    case 'number':
    case 'int':
      return { kind: 'number', ...base };
    case 'boolean':
      return { kind: 'boolean', ...base };
    case 'enum':
      return { kind: 'enum', choices: Object.values(def.entries ?? {}), ...base };
    case 'literal':
      return { kind: 'enum', choices: (def.values ?? []).map(String), ...base };
    case 'array':
      return { kind: 'array', ...base };
    default:
      return { kind: 'other', ...base };
  }
}

export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export interface SchemaFlagOptions {
  /** keys not exposed as flags (set by positional arguments or computed) */
  readonly skip?: readonly string[];
}

/** Add one option per schema key to `cmd`. */
export function addSchemaOptions(cmd: Command, schema: z.ZodObject, opts: SchemaFlagOptions = {}): Command {
  for (const [key, field] of Object.entries(schema.shape as Record<string, ZodLike>)) {
    if (opts.skip?.includes(key)) continue;
    const info = inspect(field);
    const flag = kebab(key);
    const desc =
      info.description +
      (info.defaultValue === undefined ? '' : ` (default: ${JSON.stringify(info.defaultValue)})`);
    if (info.kind === 'boolean') {
      cmd.addOption(new Option(`--${flag}`, desc));
      if (info.defaultValue === true) cmd.addOption(new Option(`--no-${flag}`, `turn off --${flag}`));
      continue;
    }
    const option = new Option(
      `--${flag} <${info.kind === 'array' ? 'list' : info.kind === 'number' ? 'n' : 'value'}>`,
      desc,
    );
    if (info.kind === 'enum' && info.choices !== undefined) option.choices(info.choices);
    if (info.kind === 'number') option.argParser((v: string) => parseNumberFlag(flag, v));
    if (info.kind === 'array')
      option.argParser((v: string, prev: unknown) => [
        ...(Array.isArray(prev) ? (prev as string[]) : []),
        ...v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      ]);
    if (info.kind === 'other') option.argParser((v: string) => parseJsonFlag(flag, v));
    cmd.addOption(option);
  }
  return cmd;
}

/** Pick the schema keys out of commander's parsed options (commander camel-cases flags back). */
export function readSchemaOptions(
  schema: z.ZodObject,
  parsed: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    if (parsed[key] !== undefined) out[key] = parsed[key];
  }
  return out;
}

function parseNumberFlag(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new ConfigError(`--${flag} expects a number, got '${v}'`, { field: flag });
  return n;
}

function parseJsonFlag(flag: string, v: string): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw new ConfigError(`--${flag} expects a JSON value, got '${v}'`, { field: flag });
  }
}
