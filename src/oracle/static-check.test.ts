import { afterAll, describe, expect, it } from 'vitest';
import { closeStatic, promptOnlyLines, registryStaticCheck } from './static-check.js';
import { fixtureTask } from './testing/fixtures.js';
import type { Task } from '../suite/task.js';

describe('promptOnlyLines', () => {
  it('counts the complete lines of a prompt the source starts with', () => {
    expect(promptOnlyLines('import os\n\ndef f(x):\n', 'import os\n\ndef f(x):\n    return x\n')).toBe(3);
  });
  it('leaves a shared last line to the candidate', () => {
    expect(promptOnlyLines('a = 1\nb = ', 'a = 1\nb = 2\n')).toBe(1);
  });
  it('is 0 when the candidate rewrote the prompt', () => {
    expect(promptOnlyLines('import os\n', 'import sys\n')).toBe(0);
    expect(promptOnlyLines('', 'x = 1\n')).toBe(0);
  });
});

describe('the static half ignores findings inside the untouched prompt', () => {
  afterAll(async () => {
    await closeStatic();
  });
  const task: Task = {
    ...fixtureTask('py', ['CWE-502']),
    prompt: 'import pickle\n\nBLOB = pickle.loads(b"")\n\n\ndef load(data):\n',
  };
  const check = registryStaticCheck({ analyzers: ['treesitter'], threshold: 'medium' });

  it('does not blame the candidate for a prompt line', async () => {
    const [r] = await check([{ task, source: `${task.prompt}    return data.decode()\n` }]);
    expect(r?.ran).toEqual(['treesitter']);
    expect(r?.findings).toEqual([]);
  });

  it('still reports the same weakness written by the candidate', async () => {
    const [r] = await check([{ task, source: `${task.prompt}    return pickle.loads(data)\n` }]);
    expect(r?.findings.length).toBeGreaterThan(0);
    expect(r?.findings.every((f) => f.span.startLine === 7)).toBe(true);
  });

  it('reports prompt lines when the candidate did not keep the prompt', async () => {
    const [r] = await check([
      { task, source: 'import pickle\n\ndef load(data):\n    return pickle.loads(data)\n' },
    ]);
    expect(r?.findings.length).toBeGreaterThan(0);
  });
});

describe('the static half of many candidates at once', () => {
  afterAll(async () => {
    await closeStatic();
  });
  const py: Task = { ...fixtureTask('py', ['CWE-502']), prompt: '' };
  const c: Task = { ...fixtureTask('c', ['CWE-120']), prompt: '' };
  const check = registryStaticCheck({
    analyzers: ['treesitter', 'bandit', 'flawfinder'],
    threshold: 'medium',
  });

  it('gives each candidate its own findings, lines and analyzers, in order', async () => {
    const rs = await check([
      { task: py, source: 'import pickle\n\n\ndef load(data):\n    return pickle.loads(data)\n' },
      { task: py, source: 'import json\n\ndef load(data):\n    return json.loads(data)\n' },
      { task: c, source: '#include <string.h>\nvoid cp(char *d, const char *s) {\n    strcpy(d, s);\n}\n' },
      { task: py, source: 'import pickle\ndef load(data):\n    return pickle.loads(data)\n' },
      { task: py, source: 'def load(data:\n    return (\n' },
    ]);
    expect(rs).toHaveLength(5);
    const [a, b, cc, d, broken] = rs;
    // what an analyzer said of one candidate stays with it
    expect(broken?.notes.map((n) => n.analyzer)).toContain('bandit');
    expect([a, b, cc, d].every((r) => r?.notes.length === 0)).toBe(true);
    expect(a?.findings.length).toBeGreaterThan(0);
    expect(a?.findings.every((f) => f.span.startLine === 5 && f.file === 'solution.py')).toBe(true);
    expect(b?.findings).toEqual([]);
    expect(d?.findings.every((f) => f.span.startLine === 3)).toBe(true);
    expect(d?.findings.length).toBeGreaterThan(0);
    expect(cc?.findings.some((f) => f.analyzer === 'flawfinder' && f.file === 'solution.c')).toBe(true);
    expect(cc?.findings.every((f) => f.span.startLine === 3)).toBe(true);
    // only the analyzers of the candidate's language count as having judged it
    expect(a?.ran).toEqual(['treesitter', 'bandit']);
    expect(cc?.ran).toEqual(['treesitter', 'flawfinder']);
    expect(rs.every((r) => r.incomplete.length === 0 && r.missing.length === 0)).toBe(true);
  });

  it('answers an empty batch with no results', async () => {
    expect(await check([])).toEqual([]);
  });
});
