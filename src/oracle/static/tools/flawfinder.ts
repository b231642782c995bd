import { z } from 'zod';
import type { Cwe, Finding, Severity } from '../../../core/records.js';
import {
  BatchToolAnalyzer,
  cwes,
  makeFinding,
  parseJson,
  stagedByName,
  tableCwes,
  type BatchToolSpec,
  type ParsedRun,
  type ToolOptions,
} from './common.js';
import type { AnalysisNote } from '../analyzer.js';

/**
 * flawfinder (C/C++): lexical scan for risky library calls. Run on batches with `--sarif`; the SARIF
 * output ignores `--minlevel` (it includes level-0 notes), so results are filtered on `rank` (=
 * level/5) here. flawfinder names CWEs itself ("(CWE-119!/CWE-120)"); columns are 1-based code points.
 */

/** flawfinder risk level (0–5) → severity. */
export const FLAWFINDER_SEVERITY: Readonly<Record<number, Severity>> = {
  0: 'note',
  1: 'low',
  2: 'low',
  3: 'medium',
  4: 'high',
  5: 'critical',
};

/**
 * Rules whose hits are mostly the safe form, kept as low-severity hints:
 * - the exec* family takes an argument vector (no shell), which is the fix for CWE-78, yet flawfinder
 *   rates it level 4;
 * - the v*printf family only appears inside variadic wrappers that forward their own format
 *   parameter (`log_msg(const char *fmt, ...)`); the format-string bug, if any, is at the wrapper's
 *   call site, which flawfinder's lexical scan cannot judge (direct printf(user) stays level 4).
 */
export const FLAWFINDER_SEVERITY_OVERRIDES: Readonly<Record<string, Severity>> = {
  'shell/execl': 'low',
  'shell/execlp': 'low',
  'shell/execle': 'low',
  'shell/execv': 'low',
  'shell/execvp': 'low',
  'shell/execve': 'low',
  'shell/execvpe': 'low',
  'format/vprintf': 'low',
  'format/vfprintf': 'low',
  'format/vsnprintf': 'low',
  'format/vwprintf': 'low',
  'format/vfwprintf': 'low',
  'format/vswprintf': 'low',
};

/**
 * CWEs added to flawfinder's own by rule name: where the CWE that the weakness is usually filed
 * under in benchmarks (SVEN, CyberSecEval) is not among those flawfinder prints.
 */
export const FLAWFINDER_EXTRA_CWES: Readonly<Record<string, readonly Cwe[]>> = {
  'buffer/gets': cwes(242, 787),
  'buffer/strcpy': cwes(787),
  'buffer/strcat': cwes(787),
  'buffer/sprintf': cwes(787),
  'buffer/vsprintf': cwes(787),
  'buffer/scanf': cwes(787),
  'buffer/memcpy': cwes(787),
  'buffer/char': cwes(787),
  'integer/atoi': cwes(190),
  'integer/atol': cwes(190),
  'tmpfile/tmpnam': cwes(377),
  'tmpfile/mktemp': cwes(377),
  'shell/system': cwes(78),
  'shell/popen': cwes(78),
  'random/rand': cwes(338),
  'random/srand': cwes(338),
};

/** CWEs flawfinder 2.0.19 can report (`flawfinder --listrules`) plus the extras above. */
export const FLAWFINDER_CWES: readonly Cwe[] = tableCwes(
  {
    own: {
      cwes: cwes(20, 22, 78, 119, 120, 126, 134, 190, 250, 327, 362, 367, 377, 676, 732, 785, 807, 829),
    },
  },
  Object.fromEntries(Object.entries(FLAWFINDER_EXTRA_CWES).map(([k, v]) => [k, { cwes: v }])),
);

const SarifOutput = z.object({
  runs: z.array(
    z.object({
      results: z
        .array(
          z.object({
            ruleId: z.string().optional(),
            message: z.object({ text: z.string().optional() }).optional(),
            rank: z.number().optional(),
            locations: z
              .array(
                z.object({
                  physicalLocation: z
                    .object({
                      artifactLocation: z.object({ uri: z.string().optional() }).optional(),
                      region: z
                        .object({ startLine: z.number().optional(), startColumn: z.number().optional() })
                        .optional(),
                    })
                    .optional(),
                }),
              )
              .optional(),
          }),
        )
        .default([]),
    }),
  ),
});

export interface FlawfinderOptions extends ToolOptions {
  /** lowest flawfinder level reported (0–5; default 1) */
  readonly minLevel?: number;
}

export function flawfinderSpec(minLevel = 1): BatchToolSpec {
  return {
    id: 'flawfinder',
    languages: ['c', 'cpp'],
    cwes: FLAWFINDER_CWES,
    defaultBinary: 'flawfinder',
    versionArgs: ['--version'],
    versionPattern: /^(\d+\.\d+(?:\.\d+)?)/m,
    defaultBatchSize: 200,
    args: (staged) => ['--sarif', '--quiet', '--dataonly', ...staged.map((s) => s.name)],
    parse(run, staged): ParsedRun {
      const findings: Finding[] = [];
      const notes: AnalysisNote[] = [];
      const doc = SarifOutput.safeParse(parseJson(run.stdout));
      if (!doc.success) return { findings, notes, understood: false };
      const results = doc.data.runs.flatMap((r) => r.results);
      const lookup = stagedByName(staged);
      for (const r of results) {
        const level = Math.round((r.rank ?? 0) * 5);
        if (level < minLevel) continue;
        const loc = r.locations?.[0]?.physicalLocation;
        const file = lookup(loc?.artifactLocation?.uri ?? '');
        if (file === undefined || loc?.region?.startLine === undefined) continue;
        const text = r.message?.text ?? '';
        const slash = text.indexOf(':');
        const name = slash > 0 ? text.slice(0, slash) : (r.ruleId ?? 'flawfinder');
        const own = [...text.matchAll(/CWE-(\d+)/g)].map((m) => m[1] as string);
        const ids = cwes(...own, ...(FLAWFINDER_EXTRA_CWES[name] ?? []));
        findings.push(
          makeFinding(
            'flawfinder',
            file,
            name,
            {
              cwes: ids,
              severity: FLAWFINDER_SEVERITY_OVERRIDES[name] ?? FLAWFINDER_SEVERITY[level] ?? 'low',
            },
            slash > 0 ? text.slice(slash + 1) : text,
            {
              line: loc.region.startLine,
              ...(loc.region.startColumn === undefined ? {} : { column: loc.region.startColumn }),
            },
            'codepoint',
            1,
          ),
        );
      }
      return { findings, notes, understood: true };
    },
  };
}

export function createFlawfinder(opts: FlawfinderOptions = {}): BatchToolAnalyzer {
  return new BatchToolAnalyzer(flawfinderSpec(opts.minLevel ?? 1), opts);
}
