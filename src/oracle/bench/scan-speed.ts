import type { Language } from '../../core/records.js';
import type { SourceFile } from '../static/analyzer.js';
import { ANALYZER_IDS, runAnalyzers } from '../static/registry.js';

/**
 * How long a full scan (every available analyzer) takes per small file: in batch mode (many files
 * per call, persistent workers warm), amortised per file, and one file at a time once warm. Used by
 * bench/static.ts; the target for one small Python file is ≤ 50 ms amortised in batch mode.
 */
export interface ScanSpeed {
  readonly language: Language;
  readonly files: number;
  /** analyzers that ran, with their share of the time (ms per file) */
  readonly perAnalyzerMsPerFile: Readonly<Record<string, number>>;
  readonly missing: readonly string[];
  /** wall ms per file in one batch call */
  readonly batchMsPerFile: number;
  /** median wall ms of a one-file scan, warm */
  readonly singleFileMs: number;
  readonly warmupMs: number;
}

/** Small, varied files per language: a vulnerable and a safe variant, numbered so nothing is cached. */
const TEMPLATES: Readonly<Record<Language, readonly string[]>> = {
  py: [
    'import sqlite3\n\ndef find_user(conn, name):\n    cur = conn.cursor()\n    cur.execute("SELECT email FROM users WHERE name = \'%s\'" % name)\n    return cur.fetchone()\n',
    'import subprocess\n\ndef compress(path):\n    return subprocess.run(["gzip", "-k", path], check=True).returncode\n',
  ],
  js: [
    "const { exec } = require('child_process');\nfunction compress(path, cb) {\n  exec('gzip -k ' + path, cb);\n}\nmodule.exports = { compress };\n",
    'async function findUser(db, name) {\n  const r = await db.query("SELECT email FROM users WHERE name = $1", [name]);\n  return r.rows[0] ? r.rows[0].email : null;\n}\n',
  ],
  c: [
    '#include <string.h>\nvoid copy_name(char *dst, const char *src) {\n    char buf[16];\n    strcpy(buf, src);\n    strcpy(dst, buf);\n}\n',
    '#include <stdio.h>\nvoid copy_name(char *dst, size_t n, const char *src) {\n    snprintf(dst, n, "%s", src);\n}\n',
  ],
  cpp: [
    '#include <cstring>\nvoid copy_name(char *dst, const char *src) {\n    char buf[16];\n    std::strcpy(buf, src);\n    std::strcpy(dst, buf);\n}\n',
    '#include <string>\nstd::string copy_name(const std::string &src) {\n    return src.substr(0, 15);\n}\n',
  ],
  go: [
    'package main\n\nimport (\n\t"database/sql"\n\t"fmt"\n)\n\nfunc find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query(fmt.Sprintf("SELECT email FROM users WHERE name = \'%s\'", name))\n}\n',
    'package main\n\nimport "database/sql"\n\nfunc find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query("SELECT email FROM users WHERE name = ?", name)\n}\n',
  ],
};

const COMMENT: Readonly<Record<Language, string>> = { py: '#', js: '//', c: '//', cpp: '//', go: '//' };

export function speedFiles(language: Language, n: number): SourceFile[] {
  const t = TEMPLATES[language];
  const ext = language === 'cpp' ? 'cpp' : language;
  return Array.from({ length: n }, (_, i) => ({
    path: `speed/${language}/f${i}.${ext}`,
    language,
    text: `${COMMENT[language]} file ${i}\n${t[i % t.length] ?? ''}`,
  }));
}

export async function measureScanSpeed(language: Language, n: number, singleRuns = 9): Promise<ScanSpeed> {
  const analyzers = [...ANALYZER_IDS];
  const t0 = performance.now();
  await runAnalyzers(speedFiles(language, 4), { analyzers }); // start workers, load grammars and ESLint
  const warmupMs = performance.now() - t0;
  const files = speedFiles(language, n);
  const t1 = performance.now();
  const batch = await runAnalyzers(files, { analyzers });
  const batchMs = performance.now() - t1;
  const single: number[] = [];
  for (let i = 0; i < singleRuns; i++) {
    const one = files[i % files.length];
    if (one === undefined) break;
    const s = performance.now();
    await runAnalyzers([one], { analyzers });
    single.push(performance.now() - s);
  }
  single.sort((a, b) => a - b);
  return {
    language,
    files: n,
    perAnalyzerMsPerFile: Object.fromEntries(Object.entries(batch.timings).map(([id, ms]) => [id, ms / n])),
    missing: batch.missing,
    batchMsPerFile: batchMs / n,
    singleFileMs: single[Math.floor(single.length / 2)] ?? 0,
    warmupMs,
  };
}
