import { atLeast, type Cwe, type Finding, type Language, type Severity } from '../../core/records.js';
import type { Analyzer } from '../static/analyzer.js';
import { nearChange } from './changed.js';

/** Whether a finding's CWE counts as evidence of the target CWE (exact, or the same family). */
export type CweMatcher = (found: Cwe, target: Cwe) => boolean;

export const exactCwe: CweMatcher = (found, target) => found === target;

export interface MatchRule {
  readonly matches: CweMatcher;
  readonly minSeverity: Severity;
}

/** Findings in `file` of a matching CWE at or above the threshold. */
export function relevant(
  findings: readonly Finding[],
  file: string,
  targets: readonly Cwe[],
  rule: MatchRule,
): Finding[] {
  return findings.filter(
    (f) =>
      f.file === file &&
      atLeast(f.severity, rule.minSeverity) &&
      f.cwes.some((c) => targets.some((t) => rule.matches(c, t))),
  );
}

/** Whether any relevant finding lies on or within `radius` lines of a changed line. */
export function flaggedNear(
  findings: readonly Finding[],
  file: string,
  targets: readonly Cwe[],
  changed: readonly number[],
  radius: number,
  rule: MatchRule,
): boolean {
  return relevant(findings, file, targets, rule).some((f) =>
    nearChange(f.span.startLine, f.span.endLine, changed, radius),
  );
}

/** Whether an analyzer can report `cwe` (or one of its family) for `language` at all. */
export function covers(a: Analyzer, language: Language, cwe: Cwe, matches: CweMatcher): boolean {
  if (!a.languages.includes(language)) return false;
  const own = a.cwesFor === undefined ? a.cwes : a.cwesFor(language);
  return own.some((c) => matches(c, cwe));
}
