import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BwrapSandbox } from './bwrap.js';

/**
 * Containment: each attack a generated program might make is run in the real bubblewrap sandbox
 * and asserted CONTAINED (DESIGN.md §4, issue 3). Limits are small to keep the suite fast.
 */

/** Host processes running as `uid` (what a sandbox left behind). */
function processesOf(uid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
      if (m !== null && Number(m[1]) === uid) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

async function eventuallyNoProcesses(uid: number): Promise<number[]> {
  let left = processesOf(uid);
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesOf(uid);
  }
  return left;
}

describe('sandbox containment (bubblewrap)', () => {
  let sb: BwrapSandbox;
  let server: Server;
  let port = 0;
  let connections = 0;
  let hostDir: string;

  beforeAll(async () => {
    sb = new BwrapSandbox();
    server = createServer((sock) => {
      connections++;
      sock.end('secret\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    hostDir = mkdtempSync(join(tmpdir(), 'secplay-containment-'));
    writeFileSync(join(hostDir, 'secret.txt'), 'host secret\n');
  });
  afterAll(async () => {
    await sb.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('network: cannot connect to a server on the host loopback', async () => {
    const code = `
import socket
s = socket.socket()
s.settimeout(2)
try:
    s.connect(("127.0.0.1", ${port}))
    print("CONNECTED", s.recv(100))
except OSError as e:
    print("BLOCKED", type(e).__name__)
`;
    const r = await sb.run({ argv: ['/usr/bin/python3', '-c', code] });
    expect(r.stdout).toMatch(/^BLOCKED/);
    expect(connections).toBe(0);
    const ifaces = await sb.run({ argv: ['sh', '-c', 'ls /sys/class/net 2>/dev/null || cat /proc/net/dev'] });
    expect(ifaces.stdout).not.toMatch(/eth|ens|enp|wlan/);
  });

  it('filesystem: writes outside the work dir fail and host files are unchanged', async () => {
    const target = join(hostDir, 'secret.txt');
    const r = await sb.run({
      argv: [
        'sh',
        '-c',
        `for p in /usr/x /x /etc/x /bin/x ${target}; do (echo pwned > $p) 2>/dev/null && echo "WROTE $p"; done; echo ok > /tmp/t && echo TMP_OK; echo ok > /box/w && echo WORK_OK`,
      ],
    });
    expect(r.stdout).not.toMatch(/WROTE/);
    expect(r.stdout).toMatch(/TMP_OK/);
    expect(r.stdout).toMatch(/WORK_OK/);
    expect(readFileSync(target, 'utf8')).toBe('host secret\n');
  });

  it('filesystem: cannot read the host home, other host dirs or /etc/passwd', async () => {
    const home = homedir();
    const r = await sb.run({
      argv: [
        'sh',
        '-c',
        `ls ${home} && echo HOME_LISTED; cat ${join(hostDir, 'secret.txt')} && echo SECRET_READ; cat /etc/passwd && echo PASSWD_READ; true`,
      ],
    });
    expect(r.stdout).not.toMatch(/HOME_LISTED|SECRET_READ|PASSWD_READ|host secret/);
  });

  it('fork bomb: process count is capped and nothing survives the run', async () => {
    const r = await sb.run({
      argv: ['sh', '-c', 'b() { b | b & }; b; sleep 1'],
      limits: { wallMs: 2500, nproc: 32 },
    });
    expect(r.stderr).toMatch(/fork/i);
    expect(await eventuallyNoProcesses(sb.uid)).toEqual([]);
    // the host can still fork
    const after = await sb.run({ argv: ['/bin/true'] });
    expect(after.exitCode).toBe(0);
  });

  it('fork bomb: a forking program hits RLIMIT_NPROC', async () => {
    const code = `
import os, time
n = 0
try:
    for i in range(1000):
        if os.fork() == 0:
            time.sleep(30); os._exit(0)
        n += 1
except OSError as e:
    print("LIMITED", n)
`;
    const r = await sb.run({ argv: ['/usr/bin/python3', '-c', code], limits: { nproc: 40, wallMs: 5000 } });
    const m = /LIMITED (\d+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeLessThan(40);
    expect(await eventuallyNoProcesses(sb.uid)).toEqual([]);
  });

  it('memory bomb: RLIMIT_AS stops a huge allocation', async () => {
    const r = await sb.run({
      argv: ['/usr/bin/python3', '-c', 'x = bytearray(8 * 1024**3); print("ALLOCATED")'],
      limits: { addressSpaceBytes: 512 * 1024 ** 2 },
    });
    expect(r.stdout).not.toMatch(/ALLOCATED/);
    expect(r.stderr).toMatch(/MemoryError/);
  });

  it('memory bomb: the memory cgroup OOM-kills touched memory when RLIMIT_AS is lifted', async () => {
    expect(sb.hasMemoryCgroup).toBe(true);
    expect(sb.cpuTimeMs()).toBeDefined();
    const code =
      'x = []\nwhile True:\n    b = bytearray(64 * 1024**2)\n    b[::4096] = b"a" * len(b[::4096])\n    x.append(b)\n';
    const r = await sb.run({
      argv: ['/usr/bin/python3', '-c', code],
      limits: { addressSpaceBytes: null, memoryBytes: 192 * 1024 ** 2, wallMs: 20_000 },
    });
    expect(r.limit).toBe('memory');
    expect(r.signal).toBe('SIGKILL');
  });

  it('CPU loop: killed by RLIMIT_CPU', async () => {
    const r = await sb.run({
      argv: ['/usr/bin/python3', '-c', 'while True: pass'],
      limits: { cpuSeconds: 1, wallMs: 20_000 },
    });
    expect(r.limit).toBe('cpu');
    expect(r.signal).toBe('SIGXCPU');
  });

  it('sleeping past the wall limit: killed', async () => {
    const t0 = Date.now();
    const r = await sb.run({ argv: ['sleep', '1000'], limits: { wallMs: 500 } });
    expect(r.limit).toBe('wall');
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(await eventuallyNoProcesses(sb.uid)).toEqual([]);
  });

  it('leftover daemon: killed when the command exits, cannot write afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secplay-daemon-'));
    try {
      const r = await sb.run({
        argv: [
          'sh',
          '-c',
          'setsid sh -c "sleep 1; echo late > /box/late.txt" > /dev/null 2>&1 & echo started',
        ],
        workDir: dir,
      });
      expect(r.stdout).toBe('started\n');
      expect(await eventuallyNoProcesses(sb.uid)).toEqual([]);
      await new Promise((res) => setTimeout(res, 1500));
      expect(existsSync(join(dir, 'late.txt'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nested user namespace: refused', async () => {
    const r = await sb.run({ argv: ['sh', '-c', 'unshare -U -r id -u && echo NESTED; true'] });
    expect(r.stdout).not.toMatch(/NESTED/);
  });

  it('host processes: invisible and cannot be signalled', async () => {
    const r = await sb.run({
      argv: ['sh', '-c', `kill -0 ${process.pid} 2>/dev/null && echo VISIBLE; ls /proc | grep -c '^[0-9]'`],
    });
    expect(r.stdout).not.toMatch(/VISIBLE/);
    expect(Number(r.stdout.trim())).toBeLessThan(10);
  });

  it('file size: a write beyond RLIMIT_FSIZE is stopped', async () => {
    const r = await sb.run({
      argv: ['sh', '-c', 'head -c 50000000 /dev/zero > /box/big'],
      limits: { fileSizeBytes: 1024 * 1024 },
    });
    expect(r.limit).toBe('file_size');
  });
});
