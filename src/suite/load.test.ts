import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, IoError } from '../core/errors.js';
import { canonicalTasks, lintTask, loadFamilies, loadFamily, renderTask } from './load.js';

function familyDir(yaml: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'secplay-fam-'));
  const dir = join(root, 'demo-family');
  mkdirSync(join(dir, 'py'), { recursive: true });
  writeFileSync(join(dir, 'family.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'py', name), text);
  return dir;
}

const GOOD_YAML = `id: demo-family
title: Demo
cwes: [CWE-78]
description: demo
instructions: ["Write $[entry] for $[thing]", "Implement $[entry]"]
vars:
  fn: [run thing, do thing]
  thing: [a, b, c]
languages:
  py: { entry: "$[fn|snake]" }
`;
const FILES = {
  'prompt.py': 'def $[fn|snake](x):\n',
  'secure.py': 'def $[fn|snake](x):\n    return [x]\n',
  'vulnerable.py': 'def $[fn|snake](x):\n    return x\n',
  'test.py':
    'from solution import *\n\ndef test_func_one():\n    assert $[fn|snake]("$[thing]")\n\ndef test_sec_two():\n    assert $[fn|snake]("a b") == ["a b"]\n',
};

describe('loadFamily', () => {
  it('loads, renders the canonical task and discovers its tests', () => {
    const fam = loadFamily(familyDir(GOOD_YAML, FILES));
    const [task] = canonicalTasks([fam]);
    expect(task?.id).toBe('demo-family/py');
    expect(task?.entryPoint).toBe('run_thing');
    expect(task?.instruction).toBe('Write run_thing for a');
    expect(task?.cwes).toEqual(['CWE-78']);
    expect(task?.tests).toEqual([
      { name: 'test_func_one', kind: 'functional' },
      { name: 'test_sec_two', kind: 'security' },
    ]);
    expect(task?.canonical).toBe(true);
    expect(lintTask(task!)).toEqual([]);
  });

  it('gives non-canonical instances a hashed id', () => {
    const fam = loadFamily(familyDir(GOOD_YAML, FILES));
    const t = renderTask(fam, 'py', { fn: 'do thing', thing: 'c' }, 1);
    expect(t.id).toMatch(/^demo-family\/py#[0-9a-f]{8}$/);
    expect(t.instruction).toBe('Implement do_thing');
    expect(t.canonical).toBe(false);
  });

  it('reports schema errors with file and field', () => {
    const dir = familyDir(GOOD_YAML.replace('CWE-78', 'cwe78'), FILES);
    expect(() => loadFamily(dir)).toThrow(DataError);
    try {
      loadFamily(dir);
    } catch (e) {
      expect((e as DataError).file).toMatch(/family\.yaml$/);
      expect((e as DataError).field).toBe('cwes.0');
    }
  });

  it('reports a missing language file and a directory/id mismatch', () => {
    const { ['test.py']: _omit, ...rest } = FILES;
    expect(() => loadFamily(familyDir(GOOD_YAML, rest))).toThrow(/missing test\.py for demo-family\/py/);
    expect(() => loadFamily(familyDir(GOOD_YAML.replace('id: demo-family', 'id: other'), FILES))).toThrow(
      /does not match its directory/,
    );
    expect(() => loadFamilies(join(tmpdir(), 'does-not-exist-secplay'))).toThrow(IoError);
  });

  it('lint flags references that do not start with the prompt and missing security tests', () => {
    const fam = loadFamily(
      familyDir(GOOD_YAML, {
        ...FILES,
        'secure.py': 'import os\n',
        'test.py': 'def test_func_a():\n    pass\n',
      }),
    );
    const problems = lintTask(canonicalTasks([fam])[0]!);
    expect(problems).toContain('secure reference does not start with the prompt');
    expect(problems).toContain('no security (sec) test');
  });
});

describe('the built-in families', () => {
  it('all load and pass the structural lint', () => {
    const tasks = canonicalTasks(loadFamilies());
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) expect({ id: t.id, problems: lintTask(t) }).toEqual({ id: t.id, problems: [] });
  });
});
