import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataError,
  EXIT,
  EnvironmentError,
  InternalError,
  IoError,
  NotFoundError,
  RunDirError,
  SandboxUnavailableError,
  ToolError,
  formatError,
  isSecplayError,
} from './errors.js';

describe('SecplayError', () => {
  it('has stable codes and exit codes per class', () => {
    const table = [
      [new ConfigError('x'), 'E_CONFIG', EXIT.usage],
      [new DataError('x'), 'E_DATA', EXIT.data],
      [new IoError('x'), 'E_IO', EXIT.data],
      [new EnvironmentError('x'), 'E_ENV', EXIT.environment],
      [new SandboxUnavailableError('x'), 'E_SANDBOX_UNAVAILABLE', EXIT.environment],
      [new ToolError('x'), 'E_TOOL', EXIT.environment],
      [new RunDirError('x'), 'E_RUNDIR', EXIT.usage],
      [new NotFoundError('x'), 'E_NOT_FOUND', EXIT.usage],
      [new InternalError('x'), 'E_INTERNAL', EXIT.internal],
    ] as const;
    for (const [e, code, exit] of table) {
      expect(e.code).toBe(code);
      expect(e.exitCode).toBe(exit);
      expect(e.name).toBe(e.constructor.name);
      expect(isSecplayError(e)).toBe(true);
      expect(e).toBeInstanceOf(Error);
    }
    expect(new Set(table.map(([, c]) => c)).size).toBe(table.length);
    expect(isSecplayError(new Error('plain'))).toBe(false);
  });

  it('formats the place first, like a compiler, then the hint', () => {
    const e = new DataError('expected string, received number', {
      file: 'data/x.jsonl',
      line: 12,
      field: 'func_src_before',
      hint: 'fix the record',
    });
    expect(e.where).toBe("data/x.jsonl:12: field 'func_src_before'");
    expect(formatError(e)).toBe(
      "error E_DATA: data/x.jsonl:12: field 'func_src_before': expected string, received number\n  hint: fix the record",
    );
  });

  it('formats partial places and no place', () => {
    expect(formatError(new IoError('file not found', { file: 'a.json' }))).toBe(
      'error E_IO: a.json: file not found',
    );
    expect(formatError(new ConfigError('bad', { field: 'lr' }))).toBe("error E_CONFIG: field 'lr': bad");
    expect(formatError(new ConfigError('bad'))).toBe('error E_CONFIG: bad');
  });

  it('serialises to JSON with only the parts it has, and keeps the cause', () => {
    const cause = new Error('ENOENT');
    const e = new IoError('cannot read', { file: 'f', cause, hint: 'h' });
    expect(e.toJSON()).toEqual({ error: 'E_IO', message: 'cannot read', hint: 'h', file: 'f' });
    expect(e.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(new DataError('m', { line: 3 })))).toEqual({
      error: 'E_DATA',
      message: 'm',
      line: 3,
    });
  });
});
