import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFamily, type Family } from './load.js';
import { countInstances, generateInstances, instanceAt, instanceCount } from './generate.js';

function makeFamily(id: string): Family {
  const root = mkdtempSync(join(tmpdir(), 'secplay-gen-'));
  const dir = join(root, id);
  mkdirSync(join(dir, 'py'), { recursive: true });
  writeFileSync(
    join(dir, 'family.yaml'),
    `id: ${id}
title: T
cwes: [CWE-22]
description: d
instructions: ["A $[entry]", "B $[entry]", "C $[entry]"]
vars:
  fn: [read file, load file, open file, fetch file]
  base: [data, files, static]
  sig: [{ p: "a, b" }, { p: "b, a" }]
languages:
  py: { entry: "$[fn|snake]" }
`,
  );
  const body = 'def $[fn|snake]($[sig.p]):\n';
  writeFileSync(join(dir, 'py', 'prompt.py'), body);
  writeFileSync(join(dir, 'py', 'secure.py'), `${body}    return "$[base]"\n`);
  writeFileSync(join(dir, 'py', 'vulnerable.py'), `${body}    return 1\n`);
  writeFileSync(join(dir, 'py', 'test.py'), 'def test_func_a():\n    pass\n\ndef test_sec_b():\n    pass\n');
  return loadFamily(dir);
}

describe('instance generation', () => {
  const fams = [makeFamily('fam-one'), makeFamily('fam-two')];
  const t = fams[0]!.languages.get('py')!;

  it('counts the product of choices and phrasings', () => {
    expect(instanceCount(t)).toBe(4 * 3 * 2 * 3);
  });

  it('decodes every instance number to a distinct binding', () => {
    const keys = new Set<string>();
    for (let k = 0; k < instanceCount(t); k++) keys.add(JSON.stringify(instanceAt(t, k)));
    expect(keys.size).toBe(instanceCount(t));
  });

  it('is deterministic by seed and differs across seeds', () => {
    const a = generateInstances(fams, { split: 'train', seed: 7, perTask: 10 }).map((x) => x.id);
    const b = generateInstances(fams, { split: 'train', seed: 7, perTask: 10 }).map((x) => x.id);
    const c = generateInstances(fams, { split: 'train', seed: 8, perTask: 10 }).map((x) => x.id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toHaveLength(20);
  });

  it('keeps train and eval disjoint, whatever the seeds, with canonical tasks on the eval side', () => {
    const train = new Set(generateInstances(fams, { split: 'train', seed: 1 }).map((x) => x.id));
    const evalIds = generateInstances(fams, { split: 'eval', seed: 99 }).map((x) => x.id);
    expect(evalIds.length).toBeGreaterThan(0);
    for (const id of evalIds) expect(train.has(id)).toBe(false);
    expect(evalIds).toContain('fam-one/py');
    expect(train.size + evalIds.length).toBe(2 * instanceCount(t));
  });

  it('holds out whole families', () => {
    const train = generateInstances(fams, { split: 'train', seed: 1, holdOutFamilies: ['fam-two'] });
    expect(train.every((x) => x.family === 'fam-one')).toBe(true);
    const counts = countInstances(fams, { holdOutFamilies: ['fam-two'] });
    expect(counts.total).toBe(144);
    expect(counts.train).toBe(train.length);
    expect(counts.eval).toBe(144 - train.length);
  });

  it('puts roughly the requested fraction on the eval side', () => {
    const { total, eval: ev } = countInstances(fams, { evalFraction: 0.25 });
    expect(ev / total).toBeGreaterThan(0.12);
    expect(ev / total).toBeLessThan(0.4);
  });
});
