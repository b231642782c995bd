import { describe, expect, it } from 'vitest';
import { SandboxUnavailableError } from '../../core/errors.js';
import { BwrapSandbox, checkSandboxAvailable, sandboxArgv, TOOLS } from './bwrap.js';
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

describe('refusal without bwrap or without root', () => {
  it('refuses without root (no uid to drop to), naming the reason', () => {
    expect(() => checkSandboxAvailable({ uid: 1000, tools: TOOLS })).toThrow(SandboxUnavailableError);
    expect(() => checkSandboxAvailable({ uid: 1000, tools: TOOLS })).toThrow(/must run as root/);
    expect(() => checkSandboxAvailable({ uid: undefined, tools: TOOLS })).toThrow(/must run as root/);
  });

  it('refuses when a tool is missing, naming it', () => {
    const tools = { ...TOOLS, bwrap: '/nonexistent/bwrap' };
    expect(() => checkSandboxAvailable({ uid: 0, tools })).toThrow(/missing bwrap \(\/nonexistent\/bwrap\)/);
  });

  it('accepts this machine as root with every tool, and the error exits with the environment code', () => {
    expect(() => checkSandboxAvailable({ uid: 0, tools: TOOLS })).not.toThrow();
    expect(new SandboxUnavailableError('x').exitCode).toBe(4);
    expect(new SandboxUnavailableError('x').code).toBe('E_SANDBOX_UNAVAILABLE');
  });
});
