import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { Cwe, Finding, Severity } from '../../../core/records.js';
import type { AnalysisNote } from '../analyzer.js';
import {
  BatchToolAnalyzer,
  cwes,
  makeFinding,
  stagedByName,
  tableCwes,
  type BatchToolSpec,
  type ParsedRun,
  type ToolOptions,
} from './common.js';

/**
 * cppcheck (C/C++): flow-sensitive checks for memory errors. Run on batches with
 * `--xml --xml-version=2` (cppcheck 2.10 has no SARIF); each error carries a `cwe` attribute.
 * Columns are 1-based UTF-8 bytes.
 */

/** cppcheck severity → severity (an `error` is a definite bug). */
export const CPPCHECK_SEVERITY: Readonly<Record<string, Severity>> = {
  error: 'high',
  warning: 'medium',
  style: 'low',
  portability: 'low',
  performance: 'note',
  information: 'note',
};

/**
 * CWEs added by check id where cppcheck's own CWE is a neighbour of the one benchmarks use
 * (e.g. arrayIndexOutOfBounds is CWE-788, SVEN files it as CWE-787/125).
 */
export const CPPCHECK_EXTRA_CWES: Readonly<Record<string, readonly Cwe[]>> = {
  arrayIndexOutOfBounds: cwes(787, 125),
  arrayIndexOutOfBoundsCond: cwes(787, 125),
  bufferAccessOutOfBounds: cwes(787, 125),
  outOfBounds: cwes(787, 125),
  negativeIndex: cwes(787, 125),
  pointerOutOfBounds: cwes(787, 125),
  deallocuse: cwes(416),
  useAfterFree: cwes(416),
  doubleFree: cwes(415),
  nullPointer: cwes(476),
  nullPointerRedundantCheck: cwes(476),
  nullPointerArithmetic: cwes(476),
  ctunullpointer: cwes(476),
  integerOverflow: cwes(190),
  getsCalled: cwes(242, 787),
  invalidScanfFormatWidth: cwes(787),
  wrongPrintfScanfArgNum: cwes(685),
  memleak: cwes(401),
  resourceLeak: cwes(775),
  uninitvar: cwes(457),
};

/** checks that are not security evidence and only add noise */
const IGNORED = new Set([
  'missingInclude',
  'missingIncludeSystem',
  'unmatchedSuppression',
  'checkersReport',
  'toomanyconfigs',
]);

/** The 55 CWEs cppcheck 2.10 can report (`cppcheck --errorlist`) plus the extras above. */
export const CPPCHECK_CWES: readonly Cwe[] = tableCwes(
  {
    own: {
      cwes: cwes(
        119,
        128,
        131,
        190,
        195,
        197,
        252,
        362,
        369,
        391,
        398,
        401,
        404,
        415,
        416,
        457,
        467,
        475,
        476,
        480,
        561,
        562,
        563,
        570,
        571,
        587,
        590,
        595,
        597,
        628,
        664,
        665,
        667,
        672,
        682,
        683,
        685,
        686,
        687,
        688,
        703,
        704,
        758,
        762,
        768,
        771,
        772,
        775,
        783,
        786,
        788,
        825,
        833,
        834,
        910,
      ),
    },
  },
  Object.fromEntries(Object.entries(CPPCHECK_EXTRA_CWES).map(([k, v]) => [k, { cwes: v }])),
);

const Location = z.object({
  file: z.string(),
  line: z.coerce.number(),
  column: z.coerce.number().optional(),
});
const ErrorEntry = z.object({
  id: z.string(),
  severity: z.string(),
  msg: z.string().default(''),
  cwe: z.coerce.number().optional(),
  location: z.array(Location).default([]),
});
const Results = z.object({
  results: z.object({
    errors: z.union([z.literal(''), z.object({ error: z.array(ErrorEntry).default([]) })]).optional(),
  }),
});

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'error' || name === 'location',
  parseAttributeValue: false,
});

export function cppcheckSpec(): BatchToolSpec {
  return {
    id: 'cppcheck',
    languages: ['c', 'cpp'],
    cwes: CPPCHECK_CWES,
    defaultBinary: 'cppcheck',
    versionArgs: ['--version'],
    versionPattern: /Cppcheck\s+(\d+\.\d+(?:\.\d+)?)/,
    defaultBatchSize: 100,
    // ctu* checks (ctunullpointer, ctuArrayIndex) follow calls from one file into another
    crossFile: true,
    args: (staged) => [
      '--enable=warning,style,portability',
      '--inconclusive',
      // one preprocessor configuration: real functions with many #ifdefs otherwise take minutes each
      '--max-configs=1',
      '--xml',
      '--xml-version=2',
      '--quiet',
      '--error-exitcode=0',
      ...staged.map((s) => s.name),
    ],
    parse(run, staged): ParsedRun {
      const findings: Finding[] = [];
      const notes: AnalysisNote[] = [];
      let tree: unknown;
      try {
        tree = xml.parse(run.stderr);
      } catch {
        return { findings, notes, understood: false };
      }
      const doc = Results.safeParse(tree);
      if (!doc.success) return { findings, notes, understood: false };
      const errors = doc.data.results.errors;
      const list = errors === undefined || errors === '' ? [] : errors.error;
      const lookup = stagedByName(staged);
      for (const e of list) {
        if (IGNORED.has(e.id)) continue;
        const loc = e.location[0];
        if (loc === undefined) continue;
        const file = lookup(loc.file);
        if (file === undefined) continue;
        if (e.id === 'syntaxError' || e.id === 'internalAstError' || e.id === 'cppcheckError') {
          notes.push({
            analyzer: 'cppcheck',
            file: file.source.path,
            message: `cppcheck could not parse it: ${e.msg}`,
          });
          continue;
        }
        const ids = cwes(...(e.cwe === undefined ? [] : [e.cwe]), ...(CPPCHECK_EXTRA_CWES[e.id] ?? []));
        findings.push(
          makeFinding(
            'cppcheck',
            file,
            e.id,
            { cwes: ids, severity: CPPCHECK_SEVERITY[e.severity] ?? 'low' },
            e.msg,
            { line: loc.line, ...(loc.column === undefined || loc.column < 1 ? {} : { column: loc.column }) },
            'utf8',
            1,
          ),
        );
      }
      return { findings, notes, understood: true };
    },
  };
}

export function createCppcheck(opts: ToolOptions = {}): BatchToolAnalyzer {
  return new BatchToolAnalyzer(cppcheckSpec(), opts);
}
