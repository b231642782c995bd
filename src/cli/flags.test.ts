import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { addSchemaOptions, kebab, readSchemaOptions } from './flags.js';

const schema = z
  .object({
    maxSteps: z.number().int().default(10).describe('training steps'),
    name: z.string().optional().describe('run name'),
    method: z.enum(['sft', 'dpo', 'tsp']).default('tsp').describe('method'),
    strict: z.boolean().default(false).describe('fail fast'),
    cache: z.boolean().default(true).describe('use the cache'),
    languages: z.array(z.string()).default([]).describe('languages'),
    weights: z.record(z.string(), z.number()).optional().describe('per-CWE weights'),
    mode: z.literal('fast').optional(),
    internal: z.string().optional(),
  })
  .strict();

function parse(argv: string[]): Record<string, unknown> {
  const cmd = new Command('t')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  addSchemaOptions(cmd, schema, { skip: ['internal'] });
  cmd.parse(argv, { from: 'user' });
  return readSchemaOptions(schema, cmd.opts());
}

describe('addSchemaOptions', () => {
  it('adds one kebab-case flag per key with its description and default, skipping what is asked', () => {
    const cmd = new Command('t');
    addSchemaOptions(cmd, schema, { skip: ['internal'] });
    const flags = cmd.options.map((o) => o.flags);
    expect(flags).toEqual([
      '--max-steps <n>',
      '--name <value>',
      '--method <value>',
      '--strict',
      '--cache',
      '--no-cache',
      '--languages <list>',
      '--weights <value>',
      '--mode <value>',
    ]);
    expect(cmd.options[0]?.description).toBe('training steps (default: 10)');
    expect(cmd.options[2]?.argChoices).toEqual(['sft', 'dpo', 'tsp']);
    expect(cmd.options[8]?.argChoices).toEqual(['fast']);
  });

  it('parses numbers, enums, booleans, comma lists (repeatable) and JSON values', () => {
    expect(
      parse([
        '--max-steps',
        '25',
        '--method',
        'dpo',
        '--strict',
        '--no-cache',
        '--languages',
        'c, cpp',
        '--languages',
        'py',
        '--weights',
        '{"CWE-89":2}',
      ]),
    ).toEqual({
      maxSteps: 25,
      method: 'dpo',
      strict: true,
      cache: false,
      languages: ['c', 'cpp', 'py'],
      weights: { 'CWE-89': 2 },
    });
  });

  it('leaves unset flags out, so schema defaults and presets apply', () => {
    expect(parse([])).toEqual({});
  });

  it('rejects a non-number and bad JSON with a ConfigError naming the flag', () => {
    expect(() => parse(['--max-steps', 'ten'])).toThrow(ConfigError);
    expect(() => parse(['--max-steps', 'ten'])).toThrow("--max-steps expects a number, got 'ten'");
    expect(() => parse(['--max-steps', ''])).toThrow(/expects a number/);
    expect(() => parse(['--weights', '{bad'])).toThrow("--weights expects a JSON value, got '{bad'");
  });

  it('rejects a value outside an enum (commander choices)', () => {
    expect(() => parse(['--method', 'rlhf'])).toThrow(/Allowed choices are sft, dpo, tsp/);
  });
});

describe('kebab', () => {
  it('turns camelCase keys into flag names', () => {
    expect(kebab('heldOutCwes')).toBe('held-out-cwes');
    expect(kebab('out')).toBe('out');
  });
});
