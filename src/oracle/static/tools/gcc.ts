import { z } from 'zod';
import type { Finding } from '../../../core/records.js';
import type { AnalysisNote } from '../analyzer.js';
import {
  BatchToolAnalyzer,
  cwes,
  makeFinding,
  parseJson,
  stagedByName,
  standardFlag,
  tableCwes,
  type BatchToolSpec,
  type ParsedRun,
  type RuleInfo,
  type ToolOptions,
} from './common.js';

/**
 * gcc 12 `-fanalyzer` plus security-relevant warnings (C/C++). `-fdiagnostics-format=json` prints
 * one JSON array per translation unit on stderr; analyzer warnings carry `metadata.cwe`, other
 * warnings are mapped by their option here. Columns are taken from `byte-column` (1-based UTF-8
 * bytes); `finish` is inclusive. Object files go to the private temp directory and are discarded.
 */
export const GCC_OPTIONS: Readonly<Record<string, RuleInfo>> = {
  '-Wanalyzer-double-free': { cwes: cwes(415), severity: 'high' },
  '-Wanalyzer-use-after-free': { cwes: cwes(416), severity: 'high' },
  '-Wanalyzer-null-dereference': { cwes: cwes(476), severity: 'medium' },
  '-Wanalyzer-possible-null-dereference': { cwes: cwes(476), severity: 'medium' },
  '-Wanalyzer-null-argument': { cwes: cwes(476), severity: 'medium' },
  '-Wanalyzer-possible-null-argument': { cwes: cwes(476), severity: 'low' },
  '-Wanalyzer-malloc-leak': { cwes: cwes(401), severity: 'low' },
  '-Wanalyzer-file-leak': { cwes: cwes(775), severity: 'low' },
  '-Wanalyzer-fd-leak': { cwes: cwes(775), severity: 'low' },
  '-Wanalyzer-free-of-non-heap': { cwes: cwes(590), severity: 'high' },
  '-Wanalyzer-mismatching-deallocation': { cwes: cwes(762), severity: 'medium' },
  '-Wanalyzer-use-of-uninitialized-value': { cwes: cwes(457), severity: 'medium' },
  '-Wanalyzer-use-of-pointer-in-stale-stack-frame': { cwes: cwes(562), severity: 'high' },
  '-Wanalyzer-out-of-bounds': { cwes: cwes(787, 125), severity: 'high' },
  '-Wanalyzer-tainted-array-index': { cwes: cwes(129, 125, 787), severity: 'high' },
  '-Wanalyzer-tainted-allocation-size': { cwes: cwes(789, 190), severity: 'medium' },
  '-Wanalyzer-tainted-size': { cwes: cwes(129), severity: 'medium' },
  '-Wanalyzer-tainted-divisor': { cwes: cwes(369), severity: 'medium' },
  '-Wanalyzer-shift-count-overflow': { cwes: cwes(190), severity: 'low' },
  '-Wanalyzer-write-to-const': { cwes: cwes(787), severity: 'medium' },
  '-Wanalyzer-write-to-string-literal': { cwes: cwes(787), severity: 'medium' },
  '-Wanalyzer-unsafe-call-within-signal-handler': { cwes: cwes(479), severity: 'medium' },
  '-Wanalyzer-exposure-through-output-file': { cwes: cwes(532), severity: 'low' },
  '-Wuse-after-free': { cwes: cwes(416), severity: 'high' },
  '-Wfree-nonheap-object': { cwes: cwes(590), severity: 'high' },
  '-Wmismatched-dealloc': { cwes: cwes(762), severity: 'medium' },
  '-Wformat-security': { cwes: cwes(134), severity: 'high' },
  '-Wformat-nonliteral': { cwes: cwes(134), severity: 'medium' },
  '-Wformat-overflow=': { cwes: cwes(787, 120), severity: 'high' },
  '-Wformat-truncation=': { cwes: cwes(170), severity: 'low' },
  '-Wstringop-overflow=': { cwes: cwes(787, 120), severity: 'high' },
  '-Wstringop-overread': { cwes: cwes(125), severity: 'high' },
  '-Wstringop-truncation': { cwes: cwes(170), severity: 'low' },
  '-Warray-bounds': { cwes: cwes(787, 125), severity: 'high' },
  '-Warray-bounds=': { cwes: cwes(787, 125), severity: 'high' },
  '-Wreturn-local-addr': { cwes: cwes(562), severity: 'high' },
  '-Wimplicit-function-declaration': { cwes: cwes(477), severity: 'note' },
  '-Wsign-compare': { cwes: cwes(195), severity: 'note' },
  '-Wmaybe-uninitialized': { cwes: cwes(457), severity: 'low' },
  '-Wuninitialized': { cwes: cwes(457), severity: 'medium' },
};

/** gcc prints option names with the level after '=' ("-Wformat-overflow=1"); the table keys end in '='. */
function lookupOption(option: string): RuleInfo | undefined {
  const direct = GCC_OPTIONS[option];
  if (direct !== undefined) return direct;
  const eq = option.indexOf('=');
  return eq === -1 ? undefined : GCC_OPTIONS[option.slice(0, eq + 1)];
}

const Pos = z.object({ file: z.string(), line: z.number(), 'byte-column': z.number().optional() });
const Diagnostic = z.object({
  kind: z.string(),
  message: z.string(),
  option: z.string().optional(),
  metadata: z.object({ cwe: z.number().optional() }).optional(),
  locations: z.array(z.object({ caret: Pos, finish: Pos.optional() })).default([]),
});
const Output = z.array(Diagnostic);

/** CWEs gcc 12's analyzer puts in `metadata.cwe` (from its warning documentation), beyond the table. */
const GCC_ANALYZER_CWES = cwes(
  131,
  401,
  415,
  416,
  457,
  476,
  479,
  532,
  562,
  590,
  690,
  695,
  775,
  789,
  823,
  1341,
);

export function gccSpec(): BatchToolSpec {
  return {
    id: 'gcc',
    languages: ['c', 'cpp'],
    cwes: tableCwes(GCC_OPTIONS, { analyzer: { cwes: GCC_ANALYZER_CWES } }),
    defaultBinary: 'gcc',
    versionArgs: ['-dumpfullversion'],
    versionPattern: /^(\d+\.\d+(?:\.\d+)?)/m,
    defaultBatchSize: 50,
    args: (staged, _dir, language) => [
      '-c',
      '-fanalyzer',
      ...standardFlag(language),
      '-Wall',
      '-Wextra',
      '-Wformat=2',
      '-Wformat-security',
      '-fdiagnostics-format=json',
      '-fmax-errors=20',
      ...staged.map((s) => s.name),
    ],
    parse(run, staged): ParsedRun {
      const findings: Finding[] = [];
      const notes: AnalysisNote[] = [];
      const lookup = stagedByName(staged);
      const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
      let understood = lines.length > 0 || run.code === 0;
      const errorsByFile = new Map<string, string[]>();
      for (const line of lines) {
        const doc = Output.safeParse(parseJson(line));
        if (!doc.success) {
          understood = false;
          continue;
        }
        for (const d of doc.data) {
          const loc = d.locations[0];
          if (loc === undefined) continue;
          const file = lookup(loc.caret.file);
          if (file === undefined) continue;
          if (d.kind === 'error' || d.kind === 'fatal error') {
            const list = errorsByFile.get(file.name) ?? [];
            list.push(d.message);
            errorsByFile.set(file.name, list);
            continue;
          }
          if (d.kind !== 'warning' || d.option === undefined) continue;
          const mapped = lookupOption(d.option);
          const meta = d.metadata?.cwe;
          if (mapped === undefined && meta === undefined) continue;
          const info: RuleInfo = {
            cwes: cwes(...(meta === undefined ? [] : [meta]), ...(mapped?.cwes ?? [])),
            severity: mapped?.severity ?? 'medium',
          };
          const end = loc.finish ?? loc.caret;
          findings.push(
            makeFinding(
              'gcc',
              file,
              d.option.replace(/^-W/, ''),
              info,
              d.message,
              {
                line: loc.caret.line,
                ...(loc.caret['byte-column'] === undefined ? {} : { column: loc.caret['byte-column'] }),
                endLine: end.line,
                ...(end['byte-column'] === undefined ? {} : { endColumn: end['byte-column'] + 1 }),
              },
              'utf8',
              1,
            ),
          );
        }
      }
      for (const file of staged) {
        const errs = errorsByFile.get(file.name);
        if (errs !== undefined)
          notes.push({
            analyzer: 'gcc',
            file: file.source.path,
            message: `gcc could not compile it; the analyzer saw only part of it (${errs.length} errors, first: ${errs[0]})`,
          });
      }
      return { findings, notes, understood };
    },
  };
}

export function createGcc(opts: ToolOptions = {}): BatchToolAnalyzer {
  return new BatchToolAnalyzer(gccSpec(), opts);
}
