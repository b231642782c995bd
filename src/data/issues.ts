import type { z } from 'zod';
import { DataError } from '../core/errors.js';

/**
 * Bad records are reported with file, line and field. In lenient mode (the default) a bad record is
 * skipped and counted; with `strict` the first one is thrown.
 */
export interface Place {
  /** the file as shown to the user (relative to the data directory when it lies inside it) */
  readonly file: string;
  /** 1-based line */
  readonly line?: number;
}

/** `a.b.0.c` → `a.b[0].c`, the way a reader of the JSON names the field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The first issue of a zod error as a DataError naming the place and the field. */
export function dataErrorFromZod(error: z.ZodError, place: Place, what: string): DataError {
  const issue = error.issues[0];
  const field = issue === undefined ? undefined : fieldPath(issue.path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return new DataError(`invalid ${what}: ${issue?.message ?? 'does not match the schema'}${more}`, {
    file: place.file,
    ...(place.line === undefined ? {} : { line: place.line }),
    ...(field === undefined || field === '' ? {} : { field }),
    hint: `fix or remove the record; run without --strict to skip bad records and count them`,
  });
}

/** A DataError at a place. */
export function dataError(place: Place, message: string, field?: string, hint?: string): DataError {
  return new DataError(message, {
    file: place.file,
    ...(place.line === undefined ? {} : { line: place.line }),
    ...(field === undefined ? {} : { field }),
    ...(hint === undefined ? {} : { hint }),
  });
}

/** Collects the bad records of a load: throws the first in strict mode, else keeps them. */
export class IssueLog {
  readonly issues: DataError[] = [];

  constructor(readonly strict: boolean) {}

  report(e: DataError): void {
    if (this.strict) throw e;
    this.issues.push(e);
  }

  get count(): number {
    return this.issues.length;
  }
}
