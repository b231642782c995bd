import type { Verdict } from '../core/records.js';
import { lintTask } from '../suite/load.js';
import type { Task } from '../suite/task.js';
import type { Judge } from './judge.js';

/**
 * `suite check`: every secure reference must be functional and secure; every vulnerable reference
 * must be functional and fail at least one security test.
 */
export interface TaskCheck {
  readonly taskId: string;
  readonly family: string;
  readonly language: string;
  readonly cwes: readonly string[];
  readonly tests: { readonly functional: number; readonly security: number };
  readonly secure: {
    readonly functional: boolean;
    readonly secure: boolean;
    readonly failed: readonly string[];
  };
  readonly vulnerable: {
    readonly functional: boolean;
    readonly failedSecurity: readonly string[];
    readonly failedFunctional: readonly string[];
  };
  readonly violations: readonly string[];
  readonly ok: boolean;
  readonly ms: number;
}

export interface SuiteCheckResult {
  readonly ok: boolean;
  readonly tasks: readonly TaskCheck[];
  readonly violations: number;
  /**
   * static analyzers that ran on at least one reference, those requested but unavailable, and those
   * that failed (timed out, crashed) on at least one reference
   */
  readonly analyzers: {
    readonly ran: readonly string[];
    readonly missing: readonly string[];
    readonly incomplete: readonly string[];
  };
  readonly ms: number;
}

export async function checkSuite(judge: Judge, tasks: readonly Task[]): Promise<SuiteCheckResult> {
  const t0 = performance.now();
  const items = tasks.flatMap((task) => [
    { task, source: task.secureReference },
    { task, source: task.vulnerableReference },
  ]);
  const verdicts = await judge.judgeMany(items);
  const checks = tasks.map((task, i) =>
    checkTask(task, verdicts[2 * i] as Verdict, verdicts[2 * i + 1] as Verdict),
  );
  const violations = checks.filter((c) => !c.ok).length;
  const ran = new Set(verdicts.flatMap((v) => v.analyzers.ran));
  const missing = new Set(verdicts.flatMap((v) => v.analyzers.missing));
  const incomplete = new Set(verdicts.flatMap((v) => v.analyzers.incomplete));
  return {
    ok: violations === 0,
    tasks: checks,
    violations,
    analyzers: { ran: [...ran].sort(), missing: [...missing].sort(), incomplete: [...incomplete].sort() },
    ms: performance.now() - t0,
  };
}

const failing = (v: Verdict, kind: 'functional' | 'security'): string[] =>
  v.tests
    .filter((t) => t.kind === kind && t.status !== 'pass')
    .map((t) => `${t.name} (${t.status}${t.detail === undefined ? '' : `: ${t.detail.slice(0, 160)}`})`);

export function checkTask(task: Task, sec: Verdict, vul: Verdict): TaskCheck {
  const violations: string[] = [...lintTask(task)];
  for (const p of sec.problems) violations.push(`secure reference: ${p.kind}: ${p.detail.slice(0, 300)}`);
  if (!sec.functional)
    violations.push(
      `secure reference is not functional: ${failing(sec, 'functional').join('; ') || 'does not compile'}`,
    );
  if (!sec.secure)
    violations.push(
      `secure reference is not secure: ${[...failing(sec, 'security'), ...sec.findings.map((f) => `${f.analyzer}/${f.ruleId} line ${f.span.startLine}`)].join('; ') || 'does not compile'}`,
    );
  // "secure" rests on the analyzers too: one that failed on the reference may have missed a finding
  if (sec.analyzers.incomplete.length > 0)
    violations.push(
      `secure reference: static analysis incomplete (${sec.analyzers.incomplete.join(', ')} failed on it)`,
    );
  // every analyzer must read both references whole (clang once read C++17 as C++14 and saw nothing)
  for (const [which, v] of [
    ['secure', sec],
    ['vulnerable', vul],
  ] as const)
    for (const n of v.analyzers.notes)
      if (n.failed !== true)
        violations.push(
          `${which} reference: ${n.analyzer} could not read it whole: ${n.message.slice(0, 200)}`,
        );
  if (!vul.compiles)
    violations.push(
      `vulnerable reference does not compile: ${vul.problems.map((p) => p.detail.slice(0, 300)).join('; ')}`,
    );
  if (!vul.functional)
    violations.push(`vulnerable reference is not functional: ${failing(vul, 'functional').join('; ')}`);
  const failedSecurity = vul.tests
    .filter((t) => t.kind === 'security' && t.status !== 'pass')
    .map((t) => t.name);
  if (failedSecurity.length === 0) violations.push('vulnerable reference passes every security test');
  return {
    taskId: task.id,
    family: task.family,
    language: task.language,
    cwes: task.cwes,
    tests: {
      functional: task.tests.filter((t) => t.kind === 'functional').length,
      security: task.tests.filter((t) => t.kind === 'security').length,
    },
    secure: {
      functional: sec.functional,
      secure: sec.secure,
      failed: sec.tests.filter((t) => t.status !== 'pass').map((t) => t.name),
    },
    vulnerable: {
      functional: vul.functional,
      failedSecurity,
      failedFunctional: vul.tests
        .filter((t) => t.kind === 'functional' && t.status !== 'pass')
        .map((t) => t.name),
    },
    violations,
    ok: violations.length === 0,
    ms: (sec.timings['testsMs'] ?? 0) + (vul.timings['testsMs'] ?? 0),
  };
}

/** The table `suite check` prints. */
export function renderSuiteCheck(r: SuiteCheckResult): string {
  const rows = r.tasks.map((c) => [
    c.ok ? 'ok' : 'FAIL',
    c.taskId,
    c.cwes.join(','),
    `${c.tests.functional}/${c.tests.security}`,
    `${c.secure.functional ? 'func' : '-'} ${c.secure.secure ? 'sec' : '-'}`,
    `${c.vulnerable.functional ? 'func' : '-'} fails ${c.vulnerable.failedSecurity.length}/${c.tests.security}`,
    `${Math.round(c.ms)}`,
  ]);
  const head = ['', 'task', 'CWE', 'tests f/s', 'secure ref', 'vulnerable ref', 'ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  out.push(
    '',
    `static analyzers: ${r.analyzers.ran.length === 0 ? 'none (tests only)' : r.analyzers.ran.join(', ')}` +
      (r.analyzers.missing.length === 0 ? '' : `; unavailable: ${r.analyzers.missing.join(', ')}`) +
      (r.analyzers.incomplete.length === 0
        ? ''
        : `; failed on some input: ${r.analyzers.incomplete.join(', ')}`),
  );
  const bad = r.tasks.filter((c) => !c.ok);
  if (bad.length > 0) {
    out.push('', 'violations:');
    for (const c of bad) for (const v of c.violations) out.push(`  ${c.taskId}: ${v}`);
  }
  out.push(
    '',
    `${r.tasks.length - r.violations} of ${r.tasks.length} tasks ok, ${r.violations} with violations (${(r.ms / 1000).toFixed(1)} s)`,
  );
  return out.join('\n');
}
