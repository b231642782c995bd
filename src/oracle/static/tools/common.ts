import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cwe, Finding, Language, Severity } from '../../../core/records.js';
import { LANGUAGE_EXTENSION, normalizeCwe } from '../../../core/records.js';
import type { AnalysisNote, AnalysisResult, Analyzer, Availability, SourceFile } from '../analyzer.js';
import { LineIndex, toUtf16Column, type ColumnUnit } from '../columns.js';
import { C_STANDARDS } from '../../../lang/spec.js';
import { describeFailure, runTool, tail, type RunResult } from './proc.js';

/**
 * Shared machinery of the external-tool adapters: run-time options, version probing (cached),
 * staging files in a private temp directory, batching, and turning tool coordinates into secplay
 * findings. Each tool module supplies only its command line, its output parser and its tables.
 */
export interface ToolOptions {
  /** the executable to run (default: the tool's usual name on PATH) */
  readonly binary?: string;
  /** wall-clock limit per tool process on a batch; past it the process is killed and its files are retried one by one */
  readonly timeoutMs?: number;
  /** wall-clock limit for a file retried alone (capped at timeoutMs); past it the file gets a note */
  readonly fileTimeoutMs?: number;
  /** files per tool process */
  readonly batchSize?: number;
  /** larger files are not handed to the tool (a note says so) */
  readonly maxFileBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_FILE_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What a CWE mapping table row says about one tool rule/checker. */
export interface RuleInfo {
  readonly cwes: readonly Cwe[];
  readonly severity: Severity;
}

/** Canonical CWE list from loose ids (`89`, `CWE-089`); unknown ids are dropped. */
export function cwes(...ids: readonly (string | number)[]): Cwe[] {
  const out: Cwe[] = [];
  for (const id of ids) {
    const c = normalizeCwe(id);
    if (c !== undefined && !out.includes(c)) out.push(c);
  }
  return out;
}

/** All CWEs that appear in a mapping table (an analyzer's `cwes`). */
export function tableCwes(
  ...tables: readonly Readonly<Record<string, { readonly cwes: readonly Cwe[] }>>[]
): Cwe[] {
  const set = new Set<Cwe>();
  for (const t of tables) for (const r of Object.values(t)) for (const c of r.cwes) set.add(c);
  return [...set].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

/** Availability probe: runs `binary args` once, parses a version, caches the answer per binary. */
export class VersionProbe {
  private cached: Promise<Availability> | undefined;

  constructor(
    private readonly tool: string,
    private readonly binary: string,
    private readonly args: readonly string[],
    private readonly pattern: RegExp,
  ) {}

  get(): Promise<Availability> {
    this.cached ??= this.probe();
    return this.cached;
  }

  private async probe(): Promise<Availability> {
    const r = await runTool(this.binary, this.args, { timeoutMs: 15_000, maxOutputBytes: 1 << 16 });
    const failure = describeFailure(r, 15_000);
    if (failure !== undefined)
      return { available: false, reason: `${this.tool} (${this.binary}) ${failure}` };
    const m = this.pattern.exec(`${r.stdout}\n${r.stderr}`);
    if (m === null)
      return {
        available: false,
        reason: `${this.tool} (${this.binary}) printed no recognisable version (exit ${r.code}): ${tail(r.stdout + r.stderr, 120)}`,
      };
    return { available: true, version: m[1] ?? m[0] };
  }
}

/** A source file written into the tool's private temp directory under a safe generated name. */
export interface StagedFile {
  readonly source: SourceFile;
  /** file name inside the temp directory, e.g. `f3.c` */
  readonly name: string;
  readonly path: string;
  readonly lines: LineIndex;
}

/** Write files into a fresh 0700 temp directory, run `fn`, always remove the directory. */
export async function withStagedFiles<T>(
  tool: string,
  files: readonly SourceFile[],
  fn: (dir: string, staged: readonly StagedFile[]) => Promise<T>,
  extension: (lang: Language) => string = (l) => LANGUAGE_EXTENSION[l],
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `secplay-${tool}-`));
  try {
    const staged = files.map((source, i): StagedFile => {
      const name = `f${i}.${extension(source.language)}`;
      const path = join(dir, name);
      writeFileSync(path, source.text, { mode: 0o600 });
      return { source, name, path, lines: new LineIndex(source.text) };
    });
    return await fn(dir, staged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `-std=` for a compiling analyzer (clang, gcc): the standard the harness builds candidates in. */
export function standardFlag(language: Language): string[] {
  return language === 'c' || language === 'cpp' ? [`-std=${C_STANDARDS[language]}`] : [];
}

export function chunks<T>(xs: readonly T[], n: number): T[][] {
  const size = Math.max(1, Math.trunc(n));
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Tool coordinates of one result, before normalisation. */
export interface ToolLocation {
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  /** exclusive end column in the tool's units and base */
  readonly endColumn?: number;
}

/** Build a finding with a span in secplay's units (1-based lines, 1-based UTF-16 columns). */
export function makeFinding(
  analyzer: string,
  file: StagedFile | { readonly source: SourceFile; readonly lines: LineIndex },
  ruleId: string,
  info: RuleInfo,
  message: string,
  loc: ToolLocation,
  unit: ColumnUnit,
  base: 0 | 1,
): Finding {
  const idx = file.lines;
  const startLine = idx.clampLine(loc.line);
  const endLine = Math.max(startLine, idx.clampLine(loc.endLine ?? startLine));
  const startColumn = loc.column === undefined ? 1 : toUtf16Column(idx, startLine, loc.column, unit, base);
  let endColumn =
    loc.endColumn === undefined
      ? idx.line(endLine).length + 1
      : toUtf16Column(idx, endLine, loc.endColumn, unit, base);
  if (endLine === startLine && endColumn <= startColumn)
    endColumn = Math.max(startColumn + 1, idx.line(startLine).length + 1);
  return {
    analyzer,
    ruleId,
    cwes: info.cwes,
    severity: info.severity,
    message: message.trim(),
    file: file.source.path,
    span: { startLine, startColumn, endLine, endColumn },
  };
}

/**
 * Keep only the CWEs an analyzer declares (its `cwes`, which coverage tables and the contract rely
 * on); a finding left with no CWE is dropped, since no verdict could use it.
 */
export function restrictCwes(findings: readonly Finding[], declared: readonly Cwe[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const kept = f.cwes.filter((c) => declared.includes(c));
    if (kept.length === 0) continue;
    out.push(kept.length === f.cwes.length ? f : { ...f, cwes: kept });
  }
  return out;
}

/** What a tool's parser made of one process run. */
export interface ParsedRun {
  readonly findings: Finding[];
  readonly notes: AnalysisNote[];
  /** false when the output could not be understood at all (garbage): the batch is split and retried */
  readonly understood: boolean;
}

/** One external tool run on batches of files in a temp directory. */
export interface BatchToolSpec {
  readonly id: string;
  readonly languages: readonly Language[];
  readonly cwes: readonly Cwe[];
  readonly defaultBinary: string;
  readonly versionArgs: readonly string[];
  readonly versionPattern: RegExp;
  readonly defaultBatchSize: number;
  /** the tool relates the files of one run (whole-program analysis); see Analyzer.crossFile */
  readonly crossFile?: boolean;
  /**
   * arguments for one run over `staged` (paths relative to `dir`, the working directory), all
   * files of one `language`
   */
  args(staged: readonly StagedFile[], dir: string, language: Language): string[];
  /** turn the run's output into findings; may read files the tool wrote into `dir` */
  parse(run: RunResult, staged: readonly StagedFile[], dir: string): ParsedRun;
}

/** An Analyzer over a BatchToolSpec. */
export class BatchToolAnalyzer implements Analyzer {
  readonly id: string;
  readonly languages: readonly Language[];
  readonly cwes: readonly Cwe[];
  readonly crossFile: boolean;
  private readonly probe: VersionProbe;
  private readonly binary: string;
  private readonly timeoutMs: number;
  private readonly fileTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxFileBytes: number;

  constructor(
    private readonly spec: BatchToolSpec,
    opts: ToolOptions = {},
  ) {
    this.id = spec.id;
    this.languages = spec.languages;
    this.cwes = spec.cwes;
    this.crossFile = spec.crossFile ?? false;
    this.binary = opts.binary ?? spec.defaultBinary;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fileTimeoutMs = Math.min(this.timeoutMs, opts.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS);
    this.batchSize = opts.batchSize ?? spec.defaultBatchSize;
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.probe = new VersionProbe(spec.id, this.binary, spec.versionArgs, spec.versionPattern);
  }

  availability(): Promise<Availability> {
    return this.probe.get();
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
    if (todo.length === 0) return { findings, notes };
    await withStagedFiles(this.id, todo, async (dir, staged) => {
      // one language per run: a language standard flag (-std=gnu11) is an error for the other one
      for (const language of this.languages) {
        const mine = staged.filter((s) => s.source.language === language);
        for (const batch of chunks(mine, this.batchSize))
          await this.runWithFallback(batch, dir, findings, notes);
      }
    });
    return { findings, notes };
  }

  /**
   * Run a batch; if the tool hangs, crashes or prints garbage on it, run each of its files alone
   * (with the per-file limit), so one bad file costs one batch timeout plus its own, and the other
   * files are still analysed. (Halving the batch instead costs a full batch timeout per level.)
   */
  private async runWithFallback(
    batch: readonly StagedFile[],
    dir: string,
    findings: Finding[],
    notes: AnalysisNote[],
  ): Promise<void> {
    const r = await this.runBatch(batch, dir, this.timeoutMs);
    if (!r.failed || batch.length === 1 || r.unrecoverable) {
      findings.push(...r.findings);
      notes.push(...r.notes);
      return;
    }
    for (const one of batch) {
      const single = await this.runBatch([one], dir, this.fileTimeoutMs);
      findings.push(...single.findings);
      notes.push(...single.notes);
    }
  }

  private async runBatch(
    batch: readonly StagedFile[],
    dir: string,
    timeoutMs: number,
  ): Promise<{ findings: Finding[]; notes: AnalysisNote[]; failed: boolean; unrecoverable?: boolean }> {
    const language = batch[0]?.source.language ?? (this.languages[0] as Language);
    const run = await runTool(this.binary, this.spec.args(batch, dir, language), {
      cwd: dir,
      timeoutMs,
    });
    const failure = describeFailure(run, timeoutMs);
    const fileNotes = (why: string, failed = true): AnalysisNote[] =>
      batch.map((f) => ({
        analyzer: this.id,
        file: f.source.path,
        message: why,
        ...(failed ? { failed: true as const } : {}),
      }));
    if (failure !== undefined) {
      return {
        findings: [],
        notes: fileNotes(`${this.id} ${failure}; no findings from it for this file${tailOf(run)}`),
        failed: true,
        // a tool that cannot even start will not start for half the files either
        unrecoverable: run.spawnError !== undefined,
      };
    }
    let parsed: ParsedRun;
    try {
      parsed = this.spec.parse(run, batch, dir);
    } catch (e) {
      parsed = {
        findings: [],
        notes: [
          {
            analyzer: this.id,
            message: `output not understood: ${e instanceof Error ? e.message : String(e)}`,
          },
        ],
        understood: false,
      };
    }
    if (!parsed.understood) {
      return {
        findings: [],
        notes: [
          ...parsed.notes,
          ...fileNotes(`${this.id} gave output that could not be parsed (exit ${run.code})${tailOf(run)}`),
        ],
        failed: true,
      };
    }
    if (run.truncated)
      parsed.notes.push(
        ...fileNotes(`${this.id} printed more output than secplay keeps; findings may be missing`, false),
      );
    return { findings: restrictCwes(parsed.findings, this.cwes), notes: parsed.notes, failed: false };
  }
}

function tailOf(run: RunResult): string {
  const t = tail(run.stderr, 200);
  return t === '' ? '' : `: ${t}`;
}

/** Keep the files this analyzer can read; notes for files too large for it. */
export function selectFiles(
  analyzer: string,
  files: readonly SourceFile[],
  languages: readonly Language[],
  maxFileBytes: number,
  notes: AnalysisNote[],
): SourceFile[] {
  const out: SourceFile[] = [];
  for (const f of files) {
    if (!languages.includes(f.language)) continue;
    const bytes = Buffer.byteLength(f.text, 'utf8');
    if (bytes > maxFileBytes) {
      notes.push({
        analyzer,
        file: f.path,
        message: `not analysed by ${analyzer}: ${bytes} bytes is over its limit of ${maxFileBytes} bytes`,
      });
      continue;
    }
    out.push(f);
  }
  return out;
}

/** Map a staged file name (as the tool printed it, maybe with a directory) back to the staged file. */
export function stagedByName(staged: readonly StagedFile[]): (printed: string) => StagedFile | undefined {
  const byName = new Map(staged.map((s) => [s.name, s]));
  return (printed) => {
    const clean = printed.replace(/^file:\/\//, '');
    const base = clean.slice(clean.lastIndexOf('/') + 1);
    return byName.get(decodeURIComponentSafe(base));
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** JSON.parse that returns undefined for malformed text (a tool printing garbage is not an exception). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
