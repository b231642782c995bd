import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { selectPairs, writePairsJsonl } from './export.js';
import { loadPairs, loadPairsJsonl } from './load.js';
import { GOOD } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'secplay-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('selectPairs', () => {
  it('drops identical and duplicate pairs by default and counts them', async () => {
    const { records } = await loadPairs(GOOD, ['sven', 'safecoder', 'safecoder-sec-desc']);
    const r = selectPairs(records, {});
    expect(r.dropped).toEqual({ identical: 1, duplicates: 3, filtered: 0 });
    expect(r.selected).toHaveLength(records.length - 4);
    const all = selectPairs(records, { keepIdentical: true, keepDuplicates: true });
    expect(all.selected).toHaveLength(records.length);
  });

  it('filters by split, language and CWE', async () => {
    const { records } = await loadPairs(GOOD, ['sven', 'safecoder']);
    expect(selectPairs(records, { splits: ['val'] }).selected.every((p) => p.split === 'val')).toBe(true);
    const c = selectPairs(records, { languages: ['c', 'cpp'] });
    expect(c.selected.map((p) => p.language).sort()).toEqual(['c', 'cpp']);
    const sqli = selectPairs(records, { cwes: ['cwe-089'] });
    expect(new Set(sqli.selected.map((p) => p.cwe))).toEqual(new Set(['CWE-89']));
    expect(() => selectPairs(records, { cwes: ['sqli'] })).toThrow(ConfigError);
  });
});

describe('our own JSONL', () => {
  it('round-trips: export then load gives the same records', async () => {
    const { records } = await loadPairs(GOOD, ['sven', 'safecoder']);
    const out = join(dir, 'pairs.jsonl');
    writePairsJsonl(out, records);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(records.length + 1);
    const back = await loadPairsJsonl(out, { strict: true });
    expect(back.records).toEqual(records);
  });

  it('validates every record and names the field of a bad one', async () => {
    const { records } = await loadPairs(GOOD, ['sven']);
    const good = JSON.stringify(records[0]);
    const bad = JSON.stringify({ ...records[1], cwe: 'CWE-089' });
    const extra = JSON.stringify({ ...records[2], surprise: true });
    const out = join(dir, 'bad.jsonl');
    writeFileSync(out, `${good}\n${bad}\n${extra}\n`);
    const r = await loadPairsJsonl(out);
    expect(r.records).toHaveLength(1);
    expect(r.issues.map((e) => [e.line, e.field])).toEqual([
      [2, 'cwe'],
      [3, undefined],
    ]);
    expect(r.issues[1]?.message).toMatch(/surprise/);
    await expect(loadPairsJsonl(out, { strict: true })).rejects.toMatchObject({ line: 2, field: 'cwe' });
  });

  it('refuses to write a record that is not a valid Pair', async () => {
    const { records } = await loadPairs(GOOD, ['sven']);
    const first = records[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(() => writePairsJsonl(join(dir, 'x.jsonl'), [{ ...first, id: 'not-an-id' }])).toThrow();
  });
});
