import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { configErrorFromZod, deepFreeze, defineConfig, resolveConfig } from './resolve.js';

const spec = defineConfig({
  schema: z
    .object({
      steps: z.number().int().positive().default(100),
      lr: z.number().positive().default(0.001),
      method: z.enum(['sft', 'dpo', 'tsp']).default('tsp'),
      langs: z.array(z.string()).default(['py']),
      model: z.object({ layers: z.number().int(), dim: z.number().int() }).default({ layers: 4, dim: 128 }),
    })
    .strict(),
  presets: {
    tiny: { steps: 5, model: { layers: 1, dim: 16 } },
    paper: { steps: 10_000, lr: 0.0002 },
  },
});

describe('resolveConfig', () => {
  it('fills defaults when no preset is named and there is no default preset', () => {
    expect(resolveConfig(spec, undefined, {})).toEqual({
      steps: 100,
      lr: 0.001,
      method: 'tsp',
      langs: ['py'],
      model: { layers: 4, dim: 128 },
    });
  });

  it('applies a preset, then explicit overrides on top; undefined overrides are ignored', () => {
    const c = resolveConfig(spec, 'tiny', { lr: 0.01, steps: undefined });
    expect(c).toMatchObject({ steps: 5, lr: 0.01, model: { layers: 1, dim: 16 } });
  });

  it('applies the `default` preset when there is one and none is named', () => {
    const withDefault = defineConfig({
      schema: spec.schema,
      presets: { default: { method: 'sft' as const } },
    });
    expect(resolveConfig(withDefault, undefined, {}).method).toBe('sft');
    expect(resolveConfig(withDefault, undefined, { method: 'dpo' }).method).toBe('dpo');
  });

  it('rejects an unknown preset and lists the known ones', () => {
    let err: unknown;
    try {
      resolveConfig(spec, 'huge', {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ message: "unknown preset 'huge'", hint: 'choose one of: tiny, paper' });
  });

  it('names every bad value with its path and what it got', () => {
    let err: unknown;
    try {
      resolveConfig(spec, undefined, { steps: -3, method: 'rlhf', model: { layers: 'two', dim: 8 } });
    } catch (e) {
      err = e;
    }
    if (!(err instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(err)}`);
    const e = err;
    expect(e.message).toMatch(/^invalid config: /);
    expect(e.message).toContain('steps: ');
    expect(e.message).toContain('(got -3)');
    expect(e.message).toContain('method: ');
    expect(e.message).toContain('(got "rlhf")');
    expect(e.message).toContain('model.layers: ');
    expect(e.message).toContain('(got "two")');
    expect(e.field).toBe('steps');
    expect(e.exitCode).toBe(2);
  });

  it('rejects unknown keys (strict schemas)', () => {
    expect(() => resolveConfig(spec, undefined, { stepz: 3 })).toThrow(/stepz/);
  });

  it('returns a deeply frozen value', () => {
    const c = resolveConfig(spec, 'tiny', {});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.model)).toBe(true);
    expect(Object.isFrozen(c.langs)).toBe(true);
    expect(() => {
      (c.langs as string[]).push('js');
    }).toThrow(TypeError);
  });
});

describe('configErrorFromZod and deepFreeze', () => {
  it('names the source and the root when the whole value is wrong', () => {
    const r = z.object({ a: z.number() }).safeParse(5);
    if (r.success) throw new Error('expected failure');
    const e = configErrorFromZod(r.error, 5, 'checkpoint config');
    expect(e.message).toMatch(/^invalid checkpoint config: \(root\): /);
    expect(e.field).toBe('');
  });

  it('leaves primitives alone and freezes nested arrays', () => {
    expect(deepFreeze(3)).toBe(3);
    const v = deepFreeze({ a: [{ b: 1 }] });
    expect(Object.isFrozen(v.a[0])).toBe(true);
  });
});
