import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SandboxUnavailableError } from '../../core/errors.js';
import { BwrapSandbox, sandboxArgv, TOOLS } from './bwrap.js';
import { DEFAULT_LIMITS } from './sandbox.js';
import { sandboxContract } from './sandbox.contract.js';

sandboxContract('bwrap', () => new BwrapSandbox());

describe('bwrap command line', () => {
  const base = {
    uid: 60123,
    limits: DEFAULT_LIMITS,
    workDir: '/w',
    binds: [],
    env: {},
    argv: ['x'],
    cgroupProcs: [],
    worker: false,
  };

  it('drops to the uid before setting limits and entering bwrap', () => {
    const a = sandboxArgv(base);
    expect(a[0]).toBe(TOOLS.setpriv);
    expect(a).toContain('--reuid=60123');
    expect(a.indexOf(TOOLS.prlimit)).toBeLessThan(a.indexOf(TOOLS.bwrap));
    expect(a).toContain(`--as=${DEFAULT_LIMITS.addressSpaceBytes}`);
    expect(a).toContain('--cpu=5:6');
    expect(a).toContain('--disable-userns');
    expect(a.slice(-2)).toEqual(['--', 'x']);
  });

  it('joins the cgroup first, drops RLIMIT_AS on request and keeps extra binds before --remount-ro', () => {
    const a = sandboxArgv({
      ...base,
      cgroupProcs: ['/cg/procs'],
      limits: { ...DEFAULT_LIMITS, addressSpaceBytes: null },
      binds: [{ host: '/h', inside: '/opt/h' }],
      worker: true,
    });
    expect(a[0]).toBe(TOOLS.sh);
    expect(a.some((x) => x.startsWith('--as='))).toBe(false);
    expect(a.some((x) => x.startsWith('--cpu='))).toBe(false);
    expect(a.indexOf('/opt/h')).toBeLessThan(a.indexOf('--remount-ro'));
  });

  it('refuses bind targets that would shadow the system or the work dir', () => {
    expect(() => sandboxArgv({ ...base, binds: [{ host: '/h', inside: '/usr/lib' }] })).toThrow(
      /invalid sandbox bind/,
    );
    expect(() => sandboxArgv({ ...base, binds: [{ host: '/h', inside: '/' }] })).toThrow(
      /invalid sandbox bind/,
    );
  });
});

describe('refusal without root', () => {
  it('a non-root process gets SandboxUnavailableError, and nothing runs', () => {
    const script = `
      import { BwrapSandbox } from './src/oracle/sandbox/bwrap.ts';
      try { new BwrapSandbox(); console.log('RAN'); } catch (e) { console.log(e.code + ' ' + e.message); }
    `;
    const r = spawnSync(
      TOOLS.setpriv,
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/tmp' },
        timeout: 60_000,
      },
    );
    expect(r.stdout).toMatch(/^E_SANDBOX_UNAVAILABLE .*must run as root/m);
    expect(r.stdout).not.toMatch(/RAN/);
  });

  it('SandboxUnavailableError exits with the environment code', () => {
    expect(new SandboxUnavailableError('x').exitCode).toBe(4);
  });
});
