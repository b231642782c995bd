import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { MODEL_PRESETS, resolveModelConfig } from './config.js';
import { gptLayout } from './params.js';

describe('model config', () => {
  it('presets resolve; demo is the reference size (0.94 M parameters)', () => {
    const demo = resolveModelConfig('demo');
    expect(demo).toMatchObject({
      vocabSize: 512,
      contextLength: 128,
      dModel: 128,
      nLayers: 4,
      nHeads: 4,
      tiedHead: false,
    });
    expect(gptLayout(demo).count).toBe(940_800);
    expect(Object.isFrozen(demo)).toBe(true);
    expect(Object.keys(MODEL_PRESETS)).toEqual(['tiny', 'demo']);
  });
  it('rejects unknown keys, bad values and unknown presets with a ConfigError naming them', () => {
    expect(() => resolveModelConfig('tiny', { nLayer: 3 })).toThrow(/nLayer/);
    expect(() => resolveModelConfig('tiny', { nHeads: 3 })).toThrow(/divisible/);
    expect(() => resolveModelConfig('tiny', { dModel: -1 })).toThrow(ConfigError);
    expect(() => resolveModelConfig('huge')).toThrow(/unknown model preset 'huge'/);
  });
  it('a tied head drops head.weight', () => {
    const names = gptLayout(resolveModelConfig('tiny', { tiedHead: true })).specs.map((s) => s.name);
    expect(names).not.toContain('head.weight');
    expect(names).toContain('wte.weight');
  });
});
