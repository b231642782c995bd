/**
 * Static-analysis throughput: files per second for the built-in tree-sitter rules over small files
 * (the rules' own example snippets, cycled). Prints a table, or JSON with --json.
 *
 *   npm run bench:static -- [--json] [--files N]
 *
 * Then a full scan (every registered analyzer that is available: tree-sitter, bandit, flawfinder,
 * cppcheck, clang, gcc, ESLint, CyberSecEval's rules) per small file, in batch mode with persistent
 * workers (amortised ms per file; target for Python ≤ 50 ms) and one file at a time once warm.
 * `--scan-files N` files per language (default 100; 0 skips this part).
 */
import { parseArgs } from 'node:util';
import type { Language } from '../src/core/records.js';
import type { SourceFile } from '../src/oracle/static/analyzer.js';
import { TreeSitterAnalyzer } from '../src/oracle/static/treesitter/analyzer.js';
import { RULES } from '../src/oracle/static/treesitter/rules/index.js';
import { measureScanSpeed, type ScanSpeed } from '../src/oracle/bench/scan-speed.js';
import { closeAnalyzers } from '../src/oracle/static/registry.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    files: { type: 'string', default: '2000' },
    'scan-files': { type: 'string', default: '100' },
  },
});
const total = Number(values.files);
if (!Number.isInteger(total) || total < 1) {
  process.stderr.write(`--files expects a positive integer, got '${values.files}'\n`);
  process.exit(2);
}

const snippets: { lang: Language; text: string }[] = RULES.flatMap((r) =>
  r.languages.flatMap((lang) =>
    [...r.examples.vulnerable, ...r.examples.safe].map((text) => ({ lang, text })),
  ),
);
const files: SourceFile[] = Array.from({ length: total }, (_, i) => {
  const s = snippets[i % snippets.length] ?? { lang: 'py' as Language, text: '' };
  // vary the text so no cache could help: a comment line with the file number
  const comment = s.lang === 'py' ? '#' : '//';
  return { path: `f${i}`, language: s.lang, text: `${comment} file ${i}\n${s.text}` };
});

const analyzer = new TreeSitterAnalyzer();
const t0 = performance.now();
// grammar load + query compilation, once per process and language (not part of the per-file rate)
await analyzer.analyze(
  (['py', 'js', 'go', 'c', 'cpp'] as const).flatMap((l) => files.filter((f) => f.language === l).slice(0, 5)),
);
const warmMs = performance.now() - t0;

const perLang: Record<string, { files: number; ms: number }> = {};
const t1 = performance.now();
let findings = 0;
for (const lang of ['py', 'js', 'go', 'c', 'cpp'] as const) {
  const mine = files.filter((f) => f.language === lang);
  const s = performance.now();
  const r = await analyzer.analyze(mine);
  findings += r.findings.length;
  perLang[lang] = { files: mine.length, ms: performance.now() - s };
}
const ms = performance.now() - t1;
const bytes = files.reduce((n, f) => n + f.text.length, 0);
const result = {
  bench: 'static',
  analyzer: 'treesitter',
  rules: RULES.length,
  files: files.length,
  meanFileChars: Math.round(bytes / files.length),
  findings,
  warmupMs: Math.round(warmMs),
  ms: Math.round(ms),
  filesPerSecond: Math.round((files.length / ms) * 1000),
  target: 500,
  perLanguage: Object.fromEntries(
    Object.entries(perLang).map(([l, v]) => [
      l,
      { files: v.files, filesPerSecond: Math.round((v.files / v.ms) * 1000) },
    ]),
  ),
};
const scanFiles = Number(values['scan-files']);
const scan: ScanSpeed[] = [];
if (Number.isInteger(scanFiles) && scanFiles > 0) {
  for (const lang of ['py', 'js', 'go', 'c', 'cpp'] as const)
    scan.push(await measureScanSpeed(lang, scanFiles));
  await closeAnalyzers();
}
const fullScan = { target: { language: 'py', batchMsPerFile: 50 }, languages: scan };
if (values.json) process.stdout.write(`${JSON.stringify({ ...result, fullScan }, null, 2)}\n`);
else {
  process.stdout.write(
    `built-in rules (${result.rules}): ${result.files} files (mean ${result.meanFileChars} chars) in ${result.ms} ms = ${result.filesPerSecond} files/s (target ≥ ${result.target}); warm-up ${result.warmupMs} ms\n`,
  );
  for (const [l, v] of Object.entries(result.perLanguage))
    process.stdout.write(
      `  ${l.padEnd(4)} ${String(v.files).padStart(6)} files  ${v.filesPerSecond} files/s\n`,
    );
}
if (!values.json && scan.length > 0) {
  process.stdout.write(
    `\nfull scan, every available analyzer (${scanFiles} small files per language; target: py ≤ ${fullScan.target.batchMsPerFile} ms/file in batch)\n`,
  );
  for (const r of scan) {
    const parts = Object.entries(r.perAnalyzerMsPerFile)
      .map(([id, ms]) => `${id} ${ms.toFixed(1)}`)
      .join(', ');
    process.stdout.write(
      `  ${r.language.padEnd(4)} batch ${r.batchMsPerFile.toFixed(1).padStart(6)} ms/file  one file warm ${r.singleFileMs.toFixed(0).padStart(5)} ms  warm-up ${r.warmupMs.toFixed(0)} ms  [${parts}]${r.missing.length > 0 ? `  missing: ${r.missing.join(', ')}` : ''}\n`,
    );
  }
}
