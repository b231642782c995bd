'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node inside the sandbox */
/* global require, process, __dirname, setTimeout, clearTimeout */
/*
 * secplay's JavaScript judging worker: runs INSIDE the bubblewrap sandbox (src/oracle/sandbox) as
 * the sandbox's unprivileged uid and judges many candidates per sandbox start.
 *
 * Protocol: one JSON request per line on stdin, one JSON reply per line on stdout (same as the
 * Python worker, src/lang/worker/worker.py):
 *   {"id", "nonce", "op": "js", "files": {...}, "solution": "solution.js", "testFile": "solution.test.js",
 *    "tests": [names], "timeout_ms", "job_timeout_ms", "heap_mb", "output_cap", "hard_output_cap"}
 *
 * Isolation (measured and chosen for throughput; see src/oracle/harness/js.ts): each candidate runs
 * in fresh worker threads (own V8 isolate, own module cache and globals, heap limit), not in a new
 * node process (node starts in ~40 ms; a worker thread in a few ms). A test that exceeds its wall
 * limit, exhausts its heap or kills its thread is recorded and the remaining tests continue in a
 * new thread. After each candidate every other process in the sandbox is killed and the job
 * directory and /tmp are emptied. The solution is compiled (not run) first: a syntax error is a
 * compile error.
 */
const { Worker } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const vm = require('node:vm');
const crypto = require('node:crypto');

const JOBS = '/box/jobs';
const THREAD = path.join(__dirname, 'thread.cjs');
const out = (obj) => fs.writeSync(1, JSON.stringify(obj) + '\n');

function writeFiles(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const p = path.normalize(path.join(root, name));
    if (!p.startsWith(root + '/')) throw new Error('file name escapes the job dir: ' + name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

function cleanSlate() {
  try {
    process.kill(-1, 'SIGKILL');
  } catch {
    // nothing else runs
  }
  for (const root of [JOBS, '/tmp']) {
    let names;
    try {
      names = fs.readdirSync(root);
    } catch {
      continue;
    }
    for (const n of names) fs.rmSync(path.join(root, n), { recursive: true, force: true });
  }
}

function compileCheck(source) {
  try {
    vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], {
      filename: 'solution.js',
    });
    return undefined;
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}

/** A clean idle test thread kept for the next candidate (see thread.cjs on reuse). */
let spare;
const MAX_USES = 200;

function startThread(heapMb) {
  return new Promise((resolve, reject) => {
    const w = new Worker(THREAD, {
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    const onMessage = (m) => {
      if (m && m.ready) {
        w.off('message', onMessage);
        w.off('error', reject);
        resolve({ w, heapMb, uses: 0 });
      }
    };
    w.on('message', onMessage);
    w.on('error', reject);
  });
}

async function takeThread(heapMb) {
  const t = spare;
  spare = undefined;
  if (t !== undefined && t.heapMb === heapMb) return t;
  if (t !== undefined) await t.w.terminate();
  return startThread(heapMb);
}

/** Run the candidate's tests in a test thread; a new thread after a timeout, a crash or a dirty finish. */
function runTests(req, dir) {
  const results = new Map();
  const deadline = Date.now() + (req.job_timeout_ms || 20000);
  const heapMb = req.heap_mb || 256;
  const reuse = req.reuse !== false;
  let output = '';
  let outputBytes = 0;
  let names = req.tests.slice();
  let threads = 0;
  let reused = 0;
  let dirty;
  return new Promise((resolve) => {
    let loadError;
    const finish = () => {
      for (const n of names)
        if (!results.has(n))
          results.set(n, { name: n, status: 'error', detail: loadError || 'the test did not run', ms: 0 });
      resolve({
        compiled: true,
        tests: [...results.values()],
        output: output.slice(-2000),
        output_bytes: outputBytes,
        threads,
        reused,
        ...(dirty === undefined ? {} : { dirty }),
      });
    };
    const next = async () => {
      if (Date.now() >= deadline) {
        for (const n of names)
          if (!results.has(n))
            results.set(n, { name: n, status: 'timeout', detail: 'job time limit', ms: 0 });
        return finish();
      }
      let t;
      try {
        t = await takeThread(heapMb);
      } catch (e) {
        loadError = `cannot start a test thread: ${e && e.message}`;
        return finish();
      }
      threads++;
      if (t.uses > 0) reused++;
      t.uses++;
      const w = t.w;
      let current;
      let timer;
      let ended = false;
      let phase = 'running';
      const arm = (ms, onFire) => {
        clearTimeout(timer);
        timer = setTimeout(onFire, Math.max(1, Math.min(ms, deadline - Date.now())));
      };
      const detach = () => {
        clearTimeout(timer);
        w.removeAllListeners('message');
        w.removeAllListeners('error');
        w.removeAllListeners('exit');
        w.stdout.removeAllListeners('data');
        w.stderr.removeAllListeners('data');
      };
      // the thread is dead or dirty: record the running test, drop the thread, go on in a new one
      const end = (why) => {
        if (ended) return;
        ended = true;
        detach();
        if (current !== undefined && !results.has(current.name))
          results.set(current.name, { name: current.name, ms: Date.now() - current.t0, ...why });
        w.terminate().finally(() => {
          const left = names.filter((n) => !results.has(n));
          if (why.fatal || left.length === 0 || current === undefined) finish();
          else next();
        });
      };
      const onOutput = (b) => {
        outputBytes += b.length;
        if (output.length < (req.output_cap || 2000)) output += b.toString('utf8');
        if (outputBytes > (req.hard_output_cap || 1 << 20))
          end({
            status: 'error',
            detail: `output limit: more than ${req.hard_output_cap || 1 << 20} bytes`,
            fatal: true,
          });
      };
      w.stdout.on('data', onOutput);
      w.stderr.on('data', onOutput);
      // loading the test file and the solution has the same wall limit as one test
      arm(req.timeout_ms, () => {
        if (current === undefined) {
          loadError = 'loading the solution did not finish in time';
          for (const n of names)
            if (!results.has(n)) results.set(n, { name: n, status: 'timeout', detail: loadError, ms: 0 });
          end({ fatal: true });
        } else end({ status: 'timeout', detail: `wall limit of ${req.timeout_ms} ms` });
      });
      w.on('message', (m) => {
        if (m.loadError !== undefined) {
          loadError = m.loadError;
          for (const n of names)
            if (!results.has(n)) results.set(n, { name: n, status: 'error', detail: m.loadError, ms: 0 });
          phase = 'checking';
          arm(req.timeout_ms, () => end({ fatal: true }));
        } else if (m.start !== undefined) {
          current = { name: m.start, t0: Date.now() };
          arm(req.timeout_ms, () => end({ status: 'timeout', detail: `wall limit of ${req.timeout_ms} ms` }));
        } else if (m.result !== undefined) {
          results.set(m.result.name, m.result);
          if (!names.includes(m.result.name)) names.push(m.result.name);
          current = undefined;
          clearTimeout(timer);
        } else if (m.done) {
          for (const n of m.names) if (!names.includes(n)) names.push(n);
          names = names.filter((n) => m.names.includes(n) || results.has(n));
          phase = 'checking';
          // the clean-up check must not take long either
          arm(req.timeout_ms, () => end({ fatal: true }));
        } else if (m.idle) {
          if (phase !== 'checking' || ended) return;
          ended = true;
          detach();
          if (reuse && m.clean && t.uses < MAX_USES) spare = t;
          else w.terminate();
          if (!m.clean) dirty = m.reasons;
          finish();
        }
      });
      w.on('error', (e) => {
        const oom = e && e.code === 'ERR_WORKER_OUT_OF_MEMORY';
        end({
          status: 'error',
          detail: oom
            ? 'ERR_WORKER_OUT_OF_MEMORY: heap out of memory'
            : `uncaught: ${e && e.name}: ${String(e && e.message).slice(0, 500)}`,
        });
      });
      w.on('exit', (code) =>
        end({ status: 'fail', detail: `the test thread exited (code ${code}) before the test finished` }),
      );
      w.postMessage({ dir, testFile: req.testFile, skip: [...results.keys()] });
    };
    next();
  });
}

async function handle(req) {
  const dir = path.join(JOBS, `j-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  writeFiles(dir, req.files || {});
  const source = fs.readFileSync(path.join(dir, req.solution), 'utf8');
  const err = compileCheck(source);
  if (err !== undefined) return { compiled: false, detail: err, tests: [] };
  return runTests(req, dir);
}

async function main() {
  fs.mkdirSync(JOBS, { recursive: true });
  out({ ready: true, pid: process.pid });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      out({ id: null, error: `bad request: ${e.message}` });
      continue;
    }
    if (req.op === 'ping') {
      out({ id: req.id, nonce: req.nonce, pong: true });
      continue;
    }
    if (req.op !== 'js') {
      out({ id: req.id, nonce: req.nonce, error: `unknown op ${req.op}` });
      continue;
    }
    const t0 = Date.now();
    try {
      const res = await handle(req);
      out({ ...res, id: req.id, nonce: req.nonce, ms: Date.now() - t0 });
    } catch (e) {
      out({ id: req.id, nonce: req.nonce, error: `${e.name}: ${e.message}` });
    } finally {
      cleanSlate();
    }
  }
}

main();
