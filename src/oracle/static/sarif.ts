import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Log, Notification, Region, ReportingDescriptor, Result, Run } from 'sarif';
import {
  normalizeCwe,
  SEVERITIES,
  type Cwe,
  type Finding,
  type Severity,
  type Span,
} from '../../core/records.js';
import type { AnalysisNote } from './analyzer.js';

/**
 * SARIF 2.1.0 in and out. Findings map 1:1 to results; one run per analyzer; CWE ids become rule
 * tags `external/cwe/cwe-89` (the convention GitHub code scanning and bandit use); columns are
 * UTF-16 code units (`columnKind: utf16CodeUnits`, SARIF's default and ours).
 */
export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** secplay severity → SARIF level (the closest of error / warning / note). */
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  note: 'note',
};

/** secplay severity → GitHub's numeric `security-severity` (CVSS-like, 0–10). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  note: '1.0',
};

/** SARIF level → secplay severity, for SARIF that carries no severity of ours. */
const SEVERITY_OF_LEVEL: Readonly<Record<string, Severity>> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'note',
};

export interface SarifToolInfo {
  readonly id: string;
  readonly version?: string;
  /** false for an analyzer that was requested but could not run */
  readonly executionSuccessful?: boolean;
  /** rule id → help text (defaults to the first finding's message) */
  readonly ruleHelp?: Readonly<Record<string, string>>;
}

export interface ToSarifOptions {
  /** every analyzer that ran (a run is emitted even with no findings, so the log says what ran) */
  readonly tools?: readonly SarifToolInfo[];
  readonly notes?: readonly AnalysisNote[];
}

export function cweTag(c: Cwe): string {
  return `external/cwe/${c.toLowerCase()}`;
}

/** A path as a SARIF uri-reference: absolute paths become file:// URIs, relative ones are %-encoded. */
export function pathToUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return decodeURIComponentSafe(uri.replace(/^file:\/*/, '/'));
    }
  }
  return decodeURIComponentSafe(uri);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Findings (and notes) → one SARIF 2.1.0 log. */
export function toSarif(findings: readonly Finding[], options: ToSarifOptions = {}): Log {
  const ids = [...new Set([...(options.tools ?? []).map((t) => t.id), ...findings.map((f) => f.analyzer)])];
  const runs: Run[] = ids.map((id) => {
    const info = options.tools?.find((t) => t.id === id);
    const mine = findings.filter((f) => f.analyzer === id);
    const rules: ReportingDescriptor[] = [];
    const ruleIndex = new Map<string, number>();
    for (const f of mine) {
      if (ruleIndex.has(f.ruleId)) continue;
      ruleIndex.set(f.ruleId, rules.length);
      rules.push({
        id: f.ruleId,
        shortDescription: { text: info?.ruleHelp?.[f.ruleId] ?? f.message },
        defaultConfiguration: { level: LEVEL[f.severity] },
        properties: {
          tags: ['security', ...f.cwes.map(cweTag)],
          'security-severity': SECURITY_SEVERITY[f.severity],
        },
      });
    }
    const results: Result[] = mine.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(f.file) },
            region: { ...f.span },
          },
        },
      ],
      properties: { cwes: [...f.cwes], severity: f.severity },
    }));
    const notes = (options.notes ?? []).filter((n) => n.analyzer === id);
    const notifications: Notification[] = notes.map((n) => ({
      level: 'warning',
      message: { text: n.message },
      ...(n.file === undefined
        ? {}
        : { locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(n.file) } } }] }),
    }));
    return {
      tool: {
        driver: {
          name: id,
          ...(info?.version === undefined ? {} : { version: info.version }),
          informationUri: 'https://cwe.mitre.org/',
          rules,
        },
      },
      invocations: [
        { executionSuccessful: info?.executionSuccessful ?? true, toolExecutionNotifications: notifications },
      ],
      columnKind: 'utf16CodeUnits',
      results,
    };
  });
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs };
}

export interface FromSarifOptions {
  /** analyzer id for the findings (default: the run's driver name) */
  readonly analyzer?: string;
  /** CWE ids for a rule when the SARIF carries none (a per-tool mapping table) */
  readonly cweOf?: (ruleId: string, rule: ReportingDescriptor | undefined, result: Result) => readonly Cwe[];
  /** severity for a result (default: our `properties.severity`, else from the SARIF level) */
  readonly severityOf?: (result: Result, rule: ReportingDescriptor | undefined) => Severity;
  /** map a result's URI back to the path the analyzer was given */
  readonly fileOf?: (uri: string) => string;
  /** source text per file, to convert `unicodeCodePoints` columns to UTF-16 */
  readonly texts?: ReadonlyMap<string, string>;
}

/** CWE ids a SARIF rule or result carries: tags `external/cwe/cwe-N`, relationships to CWE, properties.cwes. */
export function cwesOf(rule: ReportingDescriptor | undefined, result: Result): Cwe[] {
  const out: Cwe[] = [];
  const add = (raw: unknown): void => {
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const c = normalizeCwe(String(raw).replace(/^external\/cwe\//i, ''));
    if (c !== undefined && !out.includes(c)) out.push(c);
  };
  const props = result.properties;
  const ours = props === undefined ? undefined : props['cwes'];
  if (Array.isArray(ours)) ours.forEach(add);
  for (const tag of [...(rule?.properties?.tags ?? []), ...(props?.tags ?? [])])
    if (/^external\/cwe\/cwe-\d+$/i.test(tag)) add(tag);
  for (const rel of rule?.relationships ?? [])
    if (/cwe/i.test(rel.target.toolComponent?.name ?? '') || /^CWE-\d+$/i.test(rel.target.id ?? ''))
      add(rel.target.id);
  for (const t of result.taxa ?? []) if (/cwe/i.test(t.toolComponent?.name ?? '')) add(t.id);
  return out;
}

/** A SARIF log (e.g. from flawfinder, clang, bandit) → findings. Results without a location are skipped. */
export function fromSarif(log: Log, options: FromSarifOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const run of log.runs ?? []) {
    const driver = run.tool.driver;
    const analyzer = options.analyzer ?? driver.name;
    const rules = driver.rules ?? [];
    for (const result of run.results ?? []) {
      const ruleId = result.ruleId ?? result.rule?.id ?? 'unknown';
      const idx = result.ruleIndex ?? result.rule?.index;
      const rule =
        (idx !== undefined && idx >= 0 ? rules[idx] : undefined) ?? rules.find((r) => r.id === ruleId);
      const loc = result.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri;
      if (uri === undefined) continue;
      const file = options.fileOf === undefined ? uriToPath(uri) : options.fileOf(uri);
      const cwes = cwesOf(rule, result);
      const mapped = cwes.length > 0 ? cwes : [...(options.cweOf?.(ruleId, rule, result) ?? [])];
      if (mapped.length === 0) continue;
      const span = spanOf(loc?.region, run.columnKind, options.texts?.get(file));
      out.push({
        analyzer,
        ruleId,
        cwes: mapped,
        severity: options.severityOf?.(result, rule) ?? severityOf(result, rule),
        message: result.message.text ?? result.message.markdown ?? rule?.shortDescription?.text ?? ruleId,
        file,
        span,
      });
    }
  }
  return out;
}

function severityOf(result: Result, rule: ReportingDescriptor | undefined): Severity {
  const ours = result.properties?.['severity'];
  if (typeof ours === 'string') {
    const s = SEVERITIES.find((x) => x === ours);
    if (s !== undefined) return s;
  }
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  return SEVERITY_OF_LEVEL[level] ?? 'medium';
}

function spanOf(region: Region | undefined, columnKind: string | undefined, text: string | undefined): Span {
  const startLine = Math.max(1, region?.startLine ?? 1);
  const endLine = Math.max(startLine, region?.endLine ?? startLine);
  let startColumn = Math.max(1, region?.startColumn ?? 1);
  let endColumn = Math.max(1, region?.endColumn ?? startColumn);
  if (columnKind === 'unicodeCodePoints' && text !== undefined) {
    const lines = text.split(/\r\n|\r|\n/);
    startColumn = codePointToUtf16(lines[startLine - 1] ?? '', startColumn);
    endColumn = codePointToUtf16(lines[endLine - 1] ?? '', endColumn);
  }
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  return { startLine, startColumn, endLine, endColumn };
}

/** 1-based code-point column → 1-based UTF-16 column on `line`. */
function codePointToUtf16(line: string, col: number): number {
  let units = 0;
  let points = 1;
  for (const ch of line) {
    if (points >= col) break;
    units += ch.length;
    points++;
  }
  return units + 1 + Math.max(0, col - points);
}
