import { accessSync, constants, openSync, readSync, closeSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Cwe, Finding, Language, Severity } from '../../../core/records.js';
import type { AnalysisNote, AnalysisResult, Analyzer, Availability, SourceFile } from '../analyzer.js';
import { LineIndex } from '../columns.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_TIMEOUT_MS,
  chunks,
  cwes,
  makeFinding,
  restrictCwes,
  selectFiles,
  tableCwes,
  type RuleInfo,
  type ToolOptions,
} from './common.js';
import { JsonLineWorker } from './worker.js';

/**
 * bandit (Python) through a persistent worker: `bandit_worker.py` imports bandit once (~0.3 s) and
 * then analyses files sent over stdin, about 1 ms per small file, instead of ~400 ms per bandit
 * process. Needs bandit ≥ 1.7: Debian bookworm's 1.6.2 silently misses every string-based check
 * (B608 SQL, B105, B104, B108) on Python 3.8+ and reports neither CWE ids nor columns, so it is
 * reported as unavailable rather than trusted. Columns are 0-based UTF-8 byte offsets (Python's ast).
 */

/** bandit severity → severity */
export const BANDIT_SEVERITY: Readonly<Record<string, Severity>> = {
  UNDEFINED: 'note',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
};

/**
 * CWE mapping by bandit test id; it replaces bandit's own CWE, some of which are not the weakness
 * benchmarks file them under (eval is tagged CWE-78, yaml.load CWE-20). Tests not listed keep
 * bandit's CWE. Severity, when set, overrides bandit's.
 */
export const BANDIT_TESTS: Readonly<Record<string, Partial<RuleInfo> & { readonly cwes: readonly Cwe[] }>> = {
  B102: { cwes: cwes(95) }, // exec_used
  B104: { cwes: cwes(605) }, // hardcoded_bind_all_interfaces
  B105: { cwes: cwes(798, 259) }, // hardcoded_password_string
  B106: { cwes: cwes(798, 259) },
  B107: { cwes: cwes(798, 259) },
  B108: { cwes: cwes(377) }, // hardcoded_tmp_directory
  B201: { cwes: cwes(94, 215) }, // flask debug=True
  B301: { cwes: cwes(502) }, // pickle
  B302: { cwes: cwes(502) }, // marshal
  B303: { cwes: cwes(327, 328) }, // md5/sha1
  B304: { cwes: cwes(327) }, // insecure cipher
  B305: { cwes: cwes(327) }, // insecure cipher mode
  B306: { cwes: cwes(377) }, // mktemp
  B307: { cwes: cwes(95) }, // eval
  B308: { cwes: cwes(79) }, // mark_safe
  B310: { cwes: cwes(22, 918) }, // urllib urlopen
  B311: { cwes: cwes(338, 330) }, // random
  B312: { cwes: cwes(319) }, // telnetlib
  B313: { cwes: cwes(611) }, // xml
  B314: { cwes: cwes(611) },
  B315: { cwes: cwes(611) },
  B316: { cwes: cwes(611) },
  B317: { cwes: cwes(611) },
  B318: { cwes: cwes(611) },
  B319: { cwes: cwes(611) },
  B320: { cwes: cwes(611) },
  B321: { cwes: cwes(319) }, // ftplib
  B323: { cwes: cwes(295) }, // unverified ssl context
  B324: { cwes: cwes(327, 328, 916) }, // hashlib md5/sha1
  B501: { cwes: cwes(295) }, // requests verify=False
  B502: { cwes: cwes(326, 327) },
  B503: { cwes: cwes(326, 327) },
  B504: { cwes: cwes(326, 327) },
  B505: { cwes: cwes(326) }, // weak key
  B506: { cwes: cwes(502, 20) }, // yaml.load
  B507: { cwes: cwes(295) }, // ssh no host key verification
  B601: { cwes: cwes(78) }, // paramiko
  B602: { cwes: cwes(78) }, // subprocess shell=True
  B603: { cwes: cwes(78), severity: 'note' }, // subprocess without shell: noise for security verdicts
  B604: { cwes: cwes(78) },
  B605: { cwes: cwes(78) }, // os.system
  B606: { cwes: cwes(78), severity: 'note' },
  B607: { cwes: cwes(78), severity: 'note' }, // partial path
  // SQL string building: a sink pattern with no data flow, so an allow-listed identifier or a
  // parameterised fragment is flagged too (oracle bench on the SVEN/SafeCoder Python pairs: 14 %
  // false alarms on the fixed versions, against 2 % for the built-in data-flow rules at about the
  // same recall). Kept as a low-severity hint; the built-in py-sql rules decide CWE-89 verdicts.
  B608: { cwes: cwes(89), severity: 'low' },
  B609: { cwes: cwes(78) }, // wildcard injection
  B610: { cwes: cwes(89) }, // django extra
  B611: { cwes: cwes(89) }, // django RawSQL
  B612: { cwes: cwes(94) }, // logging.config.listen
  B701: { cwes: cwes(79, 94) }, // jinja2 autoescape=False
  B702: { cwes: cwes(79) }, // mako
  B703: { cwes: cwes(79) }, // django mark_safe
};

/** CWEs bandit 1.7.10 itself can put on an issue (its 40 plugin tests and 35 blacklist entries). */
export const BANDIT_OWN_CWES: readonly Cwe[] = cwes(
  20,
  22,
  78,
  79,
  80,
  89,
  94,
  155,
  259,
  284,
  295,
  319,
  326,
  327,
  330,
  377,
  400,
  502,
  605,
  703,
  732,
  838,
);

/** The import-only blacklist hits (B401–B415) are kept at note severity: an import is not a flaw. */
function isImportCheck(testId: string): boolean {
  return /^B4\d\d$/.test(testId);
}

const Issue = z.object({
  test_id: z.string(),
  test_name: z.string().nullable().optional(),
  severity: z.string(),
  confidence: z.string().nullable().optional(),
  cwe: z.number().nullable().optional(),
  text: z.string(),
  line: z.number(),
  line_range: z.array(z.number()).nullable().optional(),
  col_offset: z.number().nullable().optional(),
  end_col_offset: z.number().nullable().optional(),
});
const Reply = z.object({
  id: z.number(),
  results: z.array(z.object({ name: z.string(), issues: z.array(Issue), skipped: z.string().nullable() })),
});
const Greeting = z.union([
  z.object({ ready: z.literal(true), version: z.string() }),
  z.object({ fatal: z.string() }),
]);

export interface BanditOptions extends ToolOptions {
  /** the Python interpreter that can import bandit (default: the one in the `bandit` script's #! line) */
  readonly python?: string;
  /** the worker script (tests point this at a fake to simulate crashes and hangs) */
  readonly workerScript?: string;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./bandit_worker.py', import.meta.url));

/** Find `bandit` on PATH and read its #! line: that interpreter has bandit importable. */
export function banditInterpreter(): string {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, 'bandit');
    try {
      accessSync(p, constants.X_OK);
      const fd = openSync(p, 'r');
      const buf = Buffer.alloc(256);
      const n = readSync(fd, buf, 0, 256, 0);
      closeSync(fd);
      const first = buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
      if (m === null) continue;
      // `#!/usr/bin/env python3` → python3
      if (m[1]?.endsWith('/env') === true && m[2] !== undefined) return m[2];
      if (m[1] !== undefined) return m[1];
    } catch {
      // not here
    }
  }
  return 'python3';
}

export class BanditAnalyzer implements Analyzer {
  readonly id = 'bandit';
  readonly languages: readonly Language[] = ['py'];
  readonly cwes: readonly Cwe[] = tableCwes(BANDIT_TESTS, { own: { cwes: BANDIT_OWN_CWES } });
  private readonly worker: JsonLineWorker;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly maxFileBytes: number;
  private avail: Promise<Availability> | undefined;
  private nextId = 1;

  constructor(opts: BanditOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.batchSize = opts.batchSize ?? 50;
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.worker = new JsonLineWorker({
      command: opts.python ?? opts.binary ?? banditInterpreter(),
      args: [opts.workerScript ?? WORKER_SCRIPT],
      startTimeoutMs: 20_000,
    });
  }

  availability(): Promise<Availability> {
    this.avail ??= this.probe();
    return this.avail;
  }

  private async probe(): Promise<Availability> {
    const first = await this.worker.start();
    if (!first.ok) return { available: false, reason: `bandit worker ${first.reason}` };
    const g = Greeting.safeParse(first.value);
    if (!g.success) {
      this.worker.kill();
      return { available: false, reason: 'bandit worker did not say it was ready' };
    }
    if ('fatal' in g.data) {
      this.worker.kill();
      return { available: false, reason: `${g.data.fatal} (install bandit >= 1.7: bash scripts/setup.sh)` };
    }
    const [major = 0, minor = 0] = g.data.version.split('.').map(Number);
    if (major < 1 || (major === 1 && minor < 7)) {
      this.worker.kill();
      return {
        available: false,
        reason: `bandit ${g.data.version} is too old: before 1.7 it misses every string-based check (SQL injection B608 included) on Python 3.8+; install 1.7.10 with bash scripts/setup.sh`,
      };
    }
    return { available: true, version: g.data.version };
  }

  async analyze(files: readonly SourceFile[]): Promise<AnalysisResult> {
    const findings: Finding[] = [];
    const notes: AnalysisNote[] = [];
    const avail = await this.availability();
    if (!avail.available) {
      notes.push({ analyzer: this.id, message: `not run: ${avail.reason}` });
      return { findings, notes };
    }
    const todo = selectFiles(this.id, files, this.languages, this.maxFileBytes, notes);
    for (const batch of chunks(todo, this.batchSize)) {
      const names = batch.map((_, i) => `f${i}.py`);
      const id = this.nextId++;
      const reply = await this.worker.request(
        { id, files: batch.map((f, i) => ({ name: names[i], text: f.text })) },
        this.timeoutMs,
      );
      const parsed = reply.ok ? Reply.safeParse(reply.value) : undefined;
      if (!reply.ok || parsed === undefined || !parsed.success || parsed.data.id !== id) {
        const why = reply.ok
          ? 'bandit worker gave an answer secplay does not understand'
          : `bandit worker ${reply.reason}`;
        this.worker.kill();
        for (const f of batch)
          notes.push({
            analyzer: this.id,
            file: f.path,
            message: `${why}; no bandit findings for this file`,
            failed: true,
          });
        continue;
      }
      parsed.data.results.forEach((res, i) => {
        const file = batch[i];
        if (file === undefined) return;
        if (res.skipped !== null) {
          notes.push({ analyzer: this.id, file: file.path, message: `bandit skipped it: ${res.skipped}` });
          return;
        }
        const lines = new LineIndex(file.text);
        const mine = res.issues.map((issue) => toFinding(issue, { source: file, lines }));
        findings.push(...restrictCwes(mine, this.cwes));
      });
    }
    return { findings, notes };
  }

  async close(): Promise<void> {
    await this.worker.close();
    this.avail = undefined;
  }
}

function toFinding(issue: z.infer<typeof Issue>, file: { source: SourceFile; lines: LineIndex }): Finding {
  const row = BANDIT_TESTS[issue.test_id];
  const severity: Severity = isImportCheck(issue.test_id)
    ? 'note'
    : (row?.severity ?? BANDIT_SEVERITY[issue.severity.toUpperCase()] ?? 'low');
  const own = issue.cwe === null || issue.cwe === undefined ? [] : [issue.cwe];
  const ids = row === undefined ? cwes(...own) : row.cwes;
  const range = issue.line_range ?? [issue.line];
  const endLine = Math.max(issue.line, ...range);
  const col = issue.col_offset ?? -1;
  const endCol = issue.end_col_offset ?? -1;
  const conf =
    issue.confidence === null || issue.confidence === undefined
      ? ''
      : ` (confidence ${issue.confidence.toLowerCase()})`;
  return makeFinding(
    'bandit',
    file,
    issue.test_id,
    { cwes: ids, severity },
    `${issue.text}${conf}`,
    {
      line: issue.line,
      ...(col >= 0 ? { column: col } : {}),
      endLine,
      ...(endCol > 0 ? { endColumn: endCol } : {}),
    },
    'utf8',
    0,
  );
}

export function createBandit(opts: BanditOptions = {}): BanditAnalyzer {
  return new BanditAnalyzer(opts);
}
