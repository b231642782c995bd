import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { IoError } from '../../core/errors.js';
import type { Verdict } from '../../core/records.js';
import { resolveConfig } from '../../config/resolve.js';
import { JUDGE } from '../../oracle/config.js';
import { sha256 } from '../../core/hash.js';
import { Judge, rejectedVerdict } from '../../oracle/judge.js';
import { resolveStaticConfig } from '../../oracle/static-check.js';
import { loadFamilies } from '../../suite/load.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';
import { findTask } from './tasks.js';

/** `secplay judge --task ID --file solution.ext`: the verdict of one candidate. */
export const judgeCommand: CliCommand = {
  name: 'judge',
  register(program, ctx) {
    const cmd = program
      .command('judge')
      .description(
        'judge one candidate file for a built-in task in the sandbox: functional, secure, per-test outcomes, timings',
      );
    addSchemaOptions(cmd, JUDGE.schema);
    cmd.action(async (opts: Record<string, unknown>) => {
      const cfg = resolveConfig(JUDGE, undefined, readSchemaOptions(JUDGE.schema, opts));
      const task = findTask(loadFamilies(cfg.familiesDir), cfg.task);
      const path = resolve(cfg.file);
      let bytes: Uint8Array;
      let size: number;
      try {
        size = statSync(path).size;
        // never read much past the limit: a verdict only needs to know that the file is too large
        bytes = size > cfg.maxSourceBytes ? readPrefix(path, cfg.maxSourceBytes + 1) : readFileSync(path);
      } catch (cause) {
        throw new IoError(`cannot read the candidate file ${path}`, {
          file: path,
          cause,
          hint: 'check the path given to --file',
        });
      }
      if (size > cfg.maxSourceBytes) {
        const verdict = rejectedVerdict(
          task,
          sha256(bytes),
          'too_large',
          `${size} bytes; the limit is ${cfg.maxSourceBytes}`,
        );
        ctx().print(verdict, renderVerdict);
        return;
      }
      const judge = new Judge({
        cache: cfg.cache,
        maxSourceBytes: cfg.maxSourceBytes,
        harness: { testTimeoutMs: cfg.testTimeoutMs, jobTimeoutMs: cfg.jobTimeoutMs },
        static: resolveStaticConfig(cfg.analyzers, cfg.severityThreshold),
        workers: cfg.workers ?? 1,
      });
      try {
        const verdict = await judge.judge(task, bytes);
        ctx().print(verdict, renderVerdict);
      } finally {
        await judge.close();
      }
    });
  },
};

/** The first `n` bytes of a file. */
function readPrefix(path: string, n: number): Uint8Array {
  const buf = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < n) {
      const got = readSync(fd, buf, off, n - off, off);
      if (got === 0) break;
      off += got;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

export function renderVerdict(v: Verdict): string {
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const lines = [
    `task ${v.taskId}  candidate ${v.candidateHash.slice(0, 12)}`,
    `compiles ${yes(v.compiles)}  functional ${yes(v.functional)}  secure ${yes(v.secure)}  reward ${v.reward}`,
  ];
  for (const p of v.problems) lines.push(`problem: ${p.kind}: ${p.detail}`);
  for (const t of v.tests)
    lines.push(
      `  ${t.status.padEnd(7)} ${t.kind === 'security' ? 'sec ' : 'func'} ${t.name}${t.detail === undefined || t.status === 'pass' ? '' : `  — ${t.detail.split('\n')[0]?.slice(0, 200)}`}`,
    );
  for (const n of v.analyzers.notes)
    lines.push(`  note ${n.analyzer}: ${n.message.split('\n')[0]?.slice(0, 200)}`);
  for (const f of v.findings)
    lines.push(
      `  finding ${f.analyzer}/${f.ruleId} ${f.cwes.join(',')} ${f.severity} line ${f.span.startLine}: ${f.message}`,
    );
  lines.push(
    `analyzers ran: ${v.analyzers.ran.join(', ') || 'none'}${v.analyzers.missing.length > 0 ? `; missing: ${v.analyzers.missing.join(', ')}` : ''}${v.analyzers.incomplete.length > 0 ? `; failed on this file (findings may be missing): ${v.analyzers.incomplete.join(', ')}` : ''}`,
  );
  lines.push(
    `timings: ${Object.entries(v.timings)
      .map(([k, ms]) => `${k} ${Math.round(ms)}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}
