import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Cwe, Finding } from '../../../core/records.js';
import type { AnalysisNote } from '../analyzer.js';
import {
  BatchToolAnalyzer,
  cwes,
  makeFinding,
  parseJson,
  tableCwes,
  type BatchToolSpec,
  type ParsedRun,
  type RuleInfo,
  type ToolOptions,
  standardFlag,
} from './common.js';

/**
 * clang static analyzer (C/C++): path-sensitive checks. `clang --analyze --analyzer-output sarif` on
 * several files writes one SARIF document per input as `<name>.plist` in the working directory
 * (tested with clang 14). The SARIF has no CWE ids, so checkers map to CWEs here. Its SARIF columns
 * are 1-based code points (the text diagnostics use bytes).
 */
export const CLANG_CHECKERS: Readonly<Record<string, RuleInfo>> = {
  'core.NullDereference': { cwes: cwes(476), severity: 'medium' },
  'core.NonNullParamChecker': { cwes: cwes(476), severity: 'medium' },
  'core.CallAndMessage': { cwes: cwes(457, 476), severity: 'medium' },
  'core.DivideZero': { cwes: cwes(369), severity: 'medium' },
  'core.UndefinedBinaryOperatorResult': { cwes: cwes(457), severity: 'low' },
  'core.uninitialized.Assign': { cwes: cwes(457), severity: 'low' },
  'core.uninitialized.Branch': { cwes: cwes(457), severity: 'low' },
  'core.uninitialized.ArraySubscript': { cwes: cwes(457), severity: 'low' },
  'core.uninitialized.UndefReturn': { cwes: cwes(457), severity: 'low' },
  'core.StackAddressEscape': { cwes: cwes(562), severity: 'medium' },
  'core.VLASize': { cwes: cwes(129, 789), severity: 'medium' },
  'unix.Malloc': { cwes: cwes(416, 415, 401, 590, 762), severity: 'high' },
  'unix.MallocSizeof': { cwes: cwes(131), severity: 'medium' },
  'unix.MismatchedDeallocator': { cwes: cwes(762), severity: 'medium' },
  'unix.cstring.NullArg': { cwes: cwes(476), severity: 'medium' },
  'unix.cstring.BadSizeArg': { cwes: cwes(131, 787), severity: 'medium' },
  'unix.API': { cwes: cwes(687), severity: 'low' },
  'cplusplus.NewDelete': { cwes: cwes(416, 415, 590), severity: 'high' },
  'cplusplus.NewDeleteLeaks': { cwes: cwes(401), severity: 'low' },
  'security.insecureAPI.strcpy': { cwes: cwes(120, 787), severity: 'medium' },
  'security.insecureAPI.gets': { cwes: cwes(242, 787), severity: 'high' },
  'security.insecureAPI.getpw': { cwes: cwes(477, 787), severity: 'medium' },
  'security.insecureAPI.mktemp': { cwes: cwes(377), severity: 'medium' },
  'security.insecureAPI.mkstemp': { cwes: cwes(377), severity: 'low' },
  'security.insecureAPI.rand': { cwes: cwes(338), severity: 'low' },
  'security.insecureAPI.vfork': { cwes: cwes(662), severity: 'low' },
  'security.insecureAPI.UncheckedReturn': { cwes: cwes(252), severity: 'low' },
  'security.FloatLoopCounter': { cwes: cwes(1339), severity: 'low' },
  'alpha.security.ArrayBound': { cwes: cwes(787, 125), severity: 'high' },
  'alpha.security.ArrayBoundV2': { cwes: cwes(787, 125), severity: 'high' },
  'alpha.security.MallocOverflow': { cwes: cwes(190, 680), severity: 'medium' },
  'alpha.security.ReturnPtrRange': { cwes: cwes(466), severity: 'medium' },
  'alpha.security.MmapWriteExec': { cwes: cwes(276), severity: 'medium' },
  'alpha.security.taint.TaintPropagation': { cwes: cwes(20, 134, 78), severity: 'medium' },
  'alpha.security.cert.env.InvalidPtr': { cwes: cwes(416), severity: 'medium' },
  'alpha.security.cert.pos.34c': { cwes: cwes(686), severity: 'low' },
};

/** where the message names the weakness more precisely than the checker, its CWEs replace the checker's */
const MESSAGE_CWES: readonly { readonly re: RegExp; readonly cwes: readonly Cwe[] }[] = [
  { re: /use of memory after it is freed/i, cwes: cwes(416) },
  { re: /attempt to free released memory/i, cwes: cwes(415) },
  { re: /potential leak of memory/i, cwes: cwes(401) },
  { re: /out-of-bound/i, cwes: cwes(787, 125) },
];

const CHECKERS = [
  'core',
  'unix',
  'cplusplus',
  'security',
  'alpha.security.ArrayBoundV2',
  'alpha.security.MallocOverflow',
  'alpha.security.ReturnPtrRange',
  'alpha.security.taint',
].join(',');

const Sarif = z.object({
  runs: z.array(
    z.object({
      results: z
        .array(
          z.object({
            ruleId: z.string().default('clang'),
            message: z.object({ text: z.string().default('') }).default({ text: '' }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    region: z.object({
                      startLine: z.number(),
                      startColumn: z.number().optional(),
                      endLine: z.number().optional(),
                      endColumn: z.number().optional(),
                    }),
                  }),
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    }),
  ),
});

export function clangSpec(): BatchToolSpec {
  return {
    id: 'clang',
    languages: ['c', 'cpp'],
    cwes: tableCwes(CLANG_CHECKERS),
    defaultBinary: 'clang',
    versionArgs: ['--version'],
    versionPattern: /clang version\s+(\d+\.\d+(?:\.\d+)?)/,
    defaultBatchSize: 50,
    args: (staged, _dir, language) => [
      '--analyze',
      // the harness's standard (clang 14 alone reads C++ as gnu++14: no std::string_view, no <filesystem>)
      ...standardFlag(language),
      '-Xclang',
      `-analyzer-checker=${CHECKERS}`,
      '-Xclang',
      '-analyzer-disable-checker=security.insecureAPI.DeprecatedOrUnsafeBufferHandling',
      '--analyzer-output',
      'sarif',
      '-w', // compiler warnings are gcc's job here
      // typo correction is quadratic in identifier length: a 200 kB identifier takes minutes without this
      '-fno-spell-checking',
      ...staged.map((s) => s.name),
    ],
    parse(run, staged, dir): ParsedRun {
      const findings: Finding[] = [];
      const notes: AnalysisNote[] = [];
      for (const file of staged) {
        const out = join(dir, file.name.replace(/\.[^.]+$/, '.plist'));
        if (!existsSync(out)) {
          // clang writes no report for a file it could not compile
          const errs = run.stderr
            .split('\n')
            .filter((l) => l.startsWith(`${file.name}:`) && l.includes('error:'));
          if (errs.length > 0)
            notes.push({
              analyzer: 'clang',
              file: file.source.path,
              message: `clang could not compile it, so it was not analysed (${errs.length} errors, first: ${errs[0]?.slice(file.name.length + 1).trim()})`,
            });
          continue;
        }
        const doc = Sarif.safeParse(parseJson(readFileSync(out, 'utf8')));
        if (!doc.success) {
          notes.push({
            analyzer: 'clang',
            file: file.source.path,
            message: 'clang wrote a report that is not SARIF',
          });
          continue;
        }
        for (const r of doc.data.runs.flatMap((x) => x.results)) {
          const region = r.locations[0]?.physicalLocation.region;
          if (region === undefined) continue;
          const base = CLANG_CHECKERS[r.ruleId] ?? { cwes: [], severity: 'low' as const };
          const byMessage = MESSAGE_CWES.find((m) => m.re.test(r.message.text));
          const info = byMessage === undefined ? base : { ...base, cwes: byMessage.cwes };
          findings.push(
            makeFinding(
              'clang',
              file,
              r.ruleId,
              info,
              r.message.text,
              {
                line: region.startLine,
                ...(region.startColumn === undefined ? {} : { column: region.startColumn }),
                ...(region.endLine === undefined ? {} : { endLine: region.endLine }),
                ...(region.endColumn === undefined ? {} : { endColumn: region.endColumn }),
              },
              'codepoint',
              1,
            ),
          );
        }
      }
      return { findings, notes, understood: true };
    },
  };
}

export function createClang(opts: ToolOptions = {}): BatchToolAnalyzer {
  return new BatchToolAnalyzer(clangSpec(), opts);
}
