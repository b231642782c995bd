import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, IoError, ConfigError } from '../core/errors.js';
import { loadPairs, loadPrompts, markDuplicates } from './load.js';
import { PairSchema, pairId, spanText } from './pair.js';
import { PromptSchema } from './prompt.js';
import { BAD, GOOD, SVEN_089, scratchDataDir } from './testing.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function withFile(rel: string, content: string | Uint8Array): string {
  const s = scratchDataDir({ [rel]: content });
  cleanups.push(s.cleanup);
  return s.dir;
}

function badFixture(name: string): Buffer {
  return readFileSync(join(BAD, name));
}

describe('loadPairs on the good fixtures', () => {
  it('loads every source and split, in registry order, with valid Pair records', async () => {
    const r = await loadPairs(GOOD, ['safecoder-sec-desc', 'sven', 'safecoder']);
    expect(r.issues).toEqual([]);
    expect(r.records.map((p) => `${p.source}/${p.split}`)).toEqual([
      'sven/train',
      'sven/train',
      'sven/train',
      'sven/train',
      'sven/val',
      'sven/val',
      'safecoder/train',
      'safecoder/train',
      'safecoder/train',
      'safecoder/val',
      'safecoder-sec-desc/val',
      'safecoder-sec-desc/val',
    ]);
    for (const p of r.records) expect(PairSchema.safeParse(p).success).toBe(true);
    expect(r.files.map((f) => [f.file, f.records, f.skipped])).toContainEqual([
      'sven/data_train_val/train/cwe-089.jsonl',
      2,
      0,
    ]);
  });

  it('derives language from the extension and normalises the CWE', async () => {
    const r = await loadPairs(GOOD, ['sven', 'safecoder']);
    const byFunc = new Map(r.records.map((p) => [`${p.fileName}`, p]));
    expect(byFunc.get('app/db.py')).toMatchObject({ language: 'py', cwe: 'CWE-89', funcName: 'get_user' });
    expect(byFunc.get('src/name.c')).toMatchObject({ language: 'c', cwe: 'CWE-787' });
    expect(byFunc.get('src/vec.cc')?.language).toBe('cpp');
    expect(byFunc.get('ui/show.jsx')?.language).toBe('js');
    expect(byFunc.get('store/find.go')?.language).toBe('go');
    // Ruby is counted under its own language string, not forced into one of the five
    expect(byFunc.get('app/models/user.rb')?.language).toBe('rb');
    expect(byFunc.get('ui/show.jsx')?.description).toBe(
      'Write a JavaScript function that shows text in an element.',
    );
  });

  it('flags identical pairs instead of silently keeping them', async () => {
    const r = await loadPairs(GOOD, ['sven']);
    const identical = r.records.filter((p) => p.flags.includes('identical'));
    expect(identical.map((p) => p.funcName)).toEqual(['noop']);
    expect(identical[0]?.before).toBe(identical[0]?.after);
    expect(identical[0]?.diff).toEqual({ deleted: [], added: [], deletedLines: [], addedLines: [] });
  });

  it('keeps the dataset diff spans and converts code-point offsets to UTF-16', async () => {
    const r = await loadPairs(GOOD, ['sven']);
    const db = r.records.find((p) => p.funcName === 'get_user');
    expect(db?.flags).toEqual([]);
    expect(db?.diff.deletedLines).toEqual([3]);
    expect(db?.diff.addedLines).toEqual([3]);
    const greet = r.records.find((p) => p.funcName === 'greet');
    // the line holds an astral emoji before the change: UTF-16 offsets are one larger than Python's
    expect(greet?.diff.added.map((s) => spanText(greet.after, s)).join('')).toBe('escape()');
    expect(greet?.diff.added[0]?.start).toBe(greet?.after.indexOf('escape'));
  });

  it('computes diff spans from the texts when the record has none', async () => {
    const r = await loadPairs(GOOD, ['safecoder']);
    const go = r.records.find((p) => p.language === 'go');
    expect(go?.flags).toEqual(['diff-computed']);
    expect(go?.diff.deletedLines).toEqual([2]);
    expect(go?.diff.addedLines).toEqual([2]);
    const removed = go?.diff.deleted.map((s) => spanText(go.before, s)).join('');
    const added = go?.diff.added.map((s) => spanText(go.after, s)).join('');
    expect(removed).toContain('+');
    expect(added).toContain('?');
  });

  it('gives stable, content-derived ids', async () => {
    const a = await loadPairs(GOOD, ['sven']);
    const b = await loadPairs(GOOD, ['sven']);
    expect(a.records.map((p) => p.id)).toEqual(b.records.map((p) => p.id));
    const p = a.records[0];
    expect(p).toBeDefined();
    if (p === undefined) return;
    expect(p.id).toBe(pairId(p));
    expect(pairId({ ...p, after: `${p.after} ` })).not.toBe(p.id);
    expect(new Set(a.records.map((x) => x.id)).size).toBe(a.records.length);
  });

  it('flags SafeCoder sec-desc as duplicates of SVEN val and never double counts them', async () => {
    const r = await loadPairs(GOOD, ['sven', 'safecoder', 'safecoder-sec-desc']);
    const secDesc = r.records.filter((p) => p.source === 'safecoder-sec-desc');
    expect(secDesc).toHaveLength(2);
    for (const p of secDesc) {
      expect(p.flags).toContain('duplicate');
      const original = r.records.find((x) => x.id === p.duplicateOf);
      expect(original?.source).toBe('sven');
      expect(original?.before).toBe(p.before);
    }
    // the same code under other metadata (SafeCoder val run() vs SVEN val run()) is a duplicate too
    const scVal = r.records.find((p) => p.source === 'safecoder' && p.split === 'val');
    expect(scVal?.flags).toContain('duplicate');
    expect(r.records.filter((p) => !p.flags.includes('duplicate'))).toHaveLength(9);
  });

  it('markDuplicates keeps the first occurrence and is idempotent', async () => {
    const r = await loadPairs(GOOD, ['sven', 'safecoder-sec-desc']);
    const again = markDuplicates(r.records);
    expect(again).toEqual(r.records);
    const reversed = markDuplicates([...r.records].reverse());
    expect(
      reversed.find((p) => p.source === 'safecoder-sec-desc' && p.funcName === 'run')?.flags,
    ).not.toContain('duplicate');
  });

  it('rejects unknown source ids with a hint', async () => {
    await expect(loadPairs(GOOD, ['svn'])).rejects.toThrow(ConfigError);
    await expect(loadPairs(GOOD, ['cyberseceval'])).rejects.toThrow(/unknown pairs source 'cyberseceval'/);
  });
});

describe('loadPrompts', () => {
  it('loads CyberSecEval prompts with language, CWE, prompt text, origin code and line', async () => {
    const r = await loadPrompts(GOOD, ['cyberseceval']);
    expect(r.issues).toEqual([]);
    expect(r.records.map((p) => [p.split, p.language, p.cwe])).toEqual([
      ['instruct', 'c', 'CWE-120'],
      ['instruct', 'py', 'CWE-78'],
      ['instruct', 'rust', 'CWE-338'],
      ['autocomplete', 'js', 'CWE-79'],
    ]);
    for (const p of r.records) expect(PromptSchema.safeParse(p).success).toBe(true);
    const c = r.records.find((p) => p.language === 'c');
    expect(c?.prompt).toBe('Write a C function that copies a name.');
    expect(c?.originCode).toBe('strcpy(a, b);');
    // elements of the pretty-printed array start on lines 2, 18, 34
    expect(r.records.filter((p) => p.split === 'instruct').map((p) => p.origin.line)).toEqual([2, 18, 34]);
  });

  it('reports a truncated JSON array and a non-array with file and line', async () => {
    const rel = 'purplellama/CybersecurityBenchmarks/datasets/instruct/instruct.json';
    const dir = withFile(rel, badFixture('truncated-array.json'));
    const r = await loadPrompts(dir, ['cyberseceval']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.file).toBe(join(dir, rel));
    expect(r.issues[0]?.message).toMatch(/malformed JSON/);
    expect(r.issues[0]?.line).toBeGreaterThanOrEqual(3);
    const dir2 = withFile(rel, badFixture('not-an-array.json'));
    await expect(loadPrompts(dir2, ['cyberseceval'], { strict: true })).rejects.toThrow(
      /expected a JSON array of records, got an object/,
    );
  });

  it('reports a wrong field type of one prompt with its line and field', async () => {
    const rel = 'purplellama/CybersecurityBenchmarks/datasets/autocomplete/autocomplete.json';
    const dir = withFile(
      rel,
      JSON.stringify(
        [
          {
            prompt_id: 0,
            cwe_identifier: 'CWE-79',
            pattern_desc: '',
            pattern_id: 'x',
            test_case_prompt: 'p',
            origin_code: '',
            language: 'javascript',
            variant: 'autocomplete',
            repo: 'r',
          },
          {
            prompt_id: 1,
            cwe_identifier: 'CWE-79',
            pattern_desc: '',
            pattern_id: 'x',
            test_case_prompt: 7,
            origin_code: '',
            language: 'javascript',
            variant: 'autocomplete',
            repo: 'r',
          },
          {
            prompt_id: 2,
            cwe_identifier: 'CWE-79',
            pattern_desc: '',
            pattern_id: 'x',
            test_case_prompt: 'p',
            origin_code: '',
            language: 'cobol',
            variant: 'autocomplete',
            repo: 'r',
          },
        ],
        null,
        1,
      ),
    );
    const r = await loadPrompts(dir, ['cyberseceval']);
    expect(r.records.filter((p) => p.split === 'autocomplete')).toHaveLength(1);
    expect(r.issues.map((e) => [e.line, e.field])).toEqual([
      [13, 'test_case_prompt'],
      [24, 'language'],
    ]);
  });
});

describe('malformed dataset files', () => {
  it('truncated JSON line: reported with file and line, the other lines load', async () => {
    const dir = withFile(SVEN_089, badFixture('truncated.jsonl'));
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues).toHaveLength(1);
    const e = r.issues[0];
    expect(e).toBeInstanceOf(DataError);
    expect(e?.file).toBe(join(dir, SVEN_089));
    expect(e?.line).toBe(2);
    expect(e?.message).toMatch(/malformed JSON/);
    expect(r.files.find((f) => f.file === SVEN_089)).toMatchObject({ records: 2, skipped: 1 });
    await expect(loadPairs(dir, ['sven'], { strict: true })).rejects.toMatchObject({
      code: 'E_DATA',
      line: 2,
      file: join(dir, SVEN_089),
    });
  });

  it('wrong field types: reported with line and field path', async () => {
    const dir = withFile(SVEN_089, badFixture('wrong-types.jsonl'));
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues.map((e) => [e.line, e.field])).toEqual([
      [2, 'func_src_before'],
      [3, 'line_changes.deleted[0].line_no'],
    ]);
    expect(r.issues[0]?.message).toMatch(/expected string, received number/);
    expect(r.issues[0]?.hint).toMatch(/--strict/);
  });

  it('unknown language: names the file_name field and lists the known extensions', async () => {
    const dir = withFile(SVEN_089, badFixture('unknown-language.jsonl'));
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 1, field: 'file_name' });
    expect(r.issues[0]?.message).toMatch(/unknown language.*app\/db\.pyx/);
    expect(r.issues[0]?.hint).toMatch(/py/);
  });

  it('a CWE that is not a CWE id and a span that does not hold its chars are bad records', async () => {
    const r1 = await loadPairs(withFile(SVEN_089, badFixture('bad-cwe.jsonl')), ['sven']);
    expect(r1.issues[0]).toMatchObject({ line: 1, field: 'vul_type' });
    const r2 = await loadPairs(withFile(SVEN_089, badFixture('bad-span.jsonl')), ['sven']);
    expect(r2.issues[0]).toMatchObject({ line: 2, field: 'char_changes.deleted[0]' });
  });

  it('invalid UTF-8: reported with line and byte, nothing crashes', async () => {
    const good = readFileSync(join(GOOD, SVEN_089));
    const bad = Buffer.concat([good, Buffer.from('{"func_name": "x\xff\xfe"}\n', 'latin1'), good]);
    const dir = withFile(SVEN_089, bad);
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.line).toBe(3);
    expect(r.issues[0]?.message).toMatch(/invalid UTF-8 at byte 16 of the line/);
    expect(r.records.filter((p) => p.origin.file === SVEN_089)).toHaveLength(4);
  });

  it('a 10 MB line: rejected by the record size limit with its line, later lines still load', async () => {
    const huge = JSON.stringify({ func_name: 'x', func_src_before: 'a'.repeat(10 * 1024 * 1024) });
    const good = readFileSync(join(GOOD, SVEN_089), 'utf8');
    const dir = withFile(SVEN_089, `${huge}\n${good}`);
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 1, file: join(dir, SVEN_089) });
    expect(r.issues[0]?.message).toMatch(/longer than 4194304 bytes/);
    expect(r.records.filter((p) => p.origin.file === SVEN_089).map((p) => p.origin.line)).toEqual([2, 3]);
    // with a larger limit the line is read and judged on its fields
    const r2 = await loadPairs(dir, ['sven'], { maxRecordBytes: 16 * 1024 * 1024 });
    expect(r2.issues[0]).toMatchObject({ line: 1, field: 'func_src_after' });
  });

  it('an empty file: reported as empty, with its path', async () => {
    const dir = withFile(SVEN_089, badFixture('empty.jsonl'));
    const r = await loadPairs(dir, ['sven']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.file).toBe(join(dir, SVEN_089));
    expect(r.issues[0]?.message).toMatch(/file is empty/);
    await expect(loadPairs(dir, ['sven'], { strict: true })).rejects.toThrow(/file is empty/);
  });

  it('a file of blank lines counts as empty', async () => {
    const r = await loadPairs(withFile(SVEN_089, '\n\n  \n'), ['sven']);
    expect(r.issues.map((e) => e.message)).toEqual(['file is empty: it holds no records']);
  });

  it('a missing directory: IoError naming the directory and how to fix it', async () => {
    const s = scratchDataDir();
    cleanups.push(s.cleanup);
    rmSync(join(s.dir, 'sven/data_train_val/val'), { recursive: true });
    const err = await loadPairs(s.dir, ['sven']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect(err).toMatchObject({
      file: join(s.dir, 'sven/data_train_val/val'),
      hint: expect.stringMatching(/--data-dir|SECPLAY_DATA_DIR/),
    });
    await expect(loadPairs(join(s.dir, 'nowhere'), ['safecoder'])).rejects.toThrow(/dataset file not found/);
  });

  it('a directory without data files is an error, not zero pairs', async () => {
    const s = scratchDataDir();
    cleanups.push(s.cleanup);
    const dir = join(s.dir, 'sven/data_train_val/train');
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'README'), 'x');
    await expect(loadPairs(s.dir, ['sven'])).rejects.toThrow(/no dataset files matching/);
  });
});
