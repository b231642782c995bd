'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node inside the sandbox */
/* global require, process, performance, setImmediate */
/*
 * A test thread of secplay's sandboxed JS judging worker (worker.cjs). It runs candidates' tests
 * on request: the task's test file is loaded with CommonJS require, and its
 * `require('node:test')` gets this small runner (test/it with sync, async and callback-style
 * functions), which runs the tests in order and reports each to the parent: {start}, then
 * {result}. The parent enforces time limits (a sync infinite loop cannot be stopped from inside)
 * by terminating the thread.
 *
 * Reuse: starting a thread costs about as much CPU as judging a typical candidate, so after a
 * candidate the thread checks that nothing it can observe was left changed: the global object,
 * the intrinsics and their prototypes, the exports of the built-in modules, the environment, and
 * no timers, handles or late errors pending. Only a thread that reports itself clean is given the
 * next candidate; anything else is terminated and replaced (see src/oracle/harness/js.ts).
 */
const { parentPort } = require('node:worker_threads');
const Module = require('node:module');
const path = require('node:path');

let tests = [];
function register(name, opts, fn) {
  if (typeof opts === 'function') {
    fn = opts;
    opts = {};
  }
  tests.push({ name: String(name), fn, skip: Boolean(opts && (opts.skip || opts.todo)) });
}
const test = (name, opts, fn) => register(name, opts, fn);
test.skip = (name, opts, fn) => register(name, { skip: true }, typeof opts === 'function' ? opts : fn);
test.todo = test.skip;
test.only = test;
const shim = { test, it: test, default: test };
shim.test.test = test;

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'node:test' || request === 'test') return shim;
  return load.call(this, request, parent, isMain);
};

// ---- pollution check -------------------------------------------------------------------------
const BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'crypto',
  'child_process',
  'os',
  'util',
  'url',
  'querystring',
  'zlib',
  'events',
  'stream',
  'buffer',
  'assert',
  'assert/strict',
  'vm',
  'http',
  'https',
  'net',
  'string_decoder',
  'timers',
  'readline',
  'worker_threads',
  'module',
];
const INTRINSICS = [
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Function',
  'RegExp',
  'Promise',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Date',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'Symbol',
  'JSON',
  'Math',
  'Reflect',
  'BigInt',
  'Buffer',
  'Uint8Array',
  'ArrayBuffer',
  'DataView',
  'Proxy',
  'Intl',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'console',
  'AbortController',
  'EventTarget',
];
// properties of `process` that change by themselves while tests run
const PROCESS_VOLATILE = new Set([
  '_events',
  '_eventsCount',
  'exitCode',
  '_exiting',
  'domain',
  '_tickCallback',
  'mainModule',
]);

function snapshotOf(label, obj, into) {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return;
  for (const k of Reflect.ownKeys(obj)) {
    if (label === 'process' && PROCESS_VOLATILE.has(k)) continue;
    let d;
    try {
      d = Object.getOwnPropertyDescriptor(obj, k);
    } catch {
      continue;
    }
    if (d === undefined) continue;
    into.set(`${label}.${String(k)}`, 'value' in d ? d.value : d.get);
  }
  into.set(`${label}#proto`, Object.getPrototypeOf(obj));
  into.set(`${label}#frozen`, Object.isFrozen(obj));
}

function snapshot() {
  const m = new Map();
  snapshotOf('globalThis', globalThis, m);
  for (const name of INTRINSICS) {
    const v = globalThis[name];
    snapshotOf(name, v, m);
    if (v && typeof v === 'function' && v.prototype) snapshotOf(`${name}.prototype`, v.prototype, m);
  }
  snapshotOf('TypedArray.prototype', Object.getPrototypeOf(Uint8Array.prototype), m);
  snapshotOf('process', process, m);
  for (const b of BUILTINS) {
    const exp = require(b);
    snapshotOf(`require(${b})`, exp, m);
    if (exp && exp.promises) snapshotOf(`require(${b}).promises`, exp.promises, m);
  }
  return m;
}

function resources() {
  const counts = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] || 0) + 1;
  return counts;
}

// touch every global once: some are lazy getters that replace themselves on first access
for (const k of Reflect.ownKeys(globalThis)) {
  try {
    void globalThis[k];
  } catch {
    // a getter that throws stays a getter
  }
}
const ENV = { ...process.env };
const BASE = snapshot();
let BASE_RESOURCES = {};
let lateError;
process.on('unhandledRejection', (e) => {
  lateError = `unhandled rejection: ${String(e && e.message ? e.message : e).slice(0, 200)}`;
});
process.on('uncaughtException', (e) => {
  lateError = `uncaught exception: ${String(e && e.message ? e.message : e).slice(0, 200)}`;
});

function pollution() {
  const reasons = [];
  if (lateError !== undefined) reasons.push(lateError);
  const now = snapshot();
  for (const [k, v] of now) if (!BASE.has(k) || !Object.is(BASE.get(k), v)) reasons.push(`changed ${k}`);
  for (const k of BASE.keys()) if (!now.has(k)) reasons.push(`removed ${k}`);
  const res = resources();
  for (const [k, n] of Object.entries(res))
    if (n > (BASE_RESOURCES[k] || 0)) reasons.push(`pending ${k} x${n - (BASE_RESOURCES[k] || 0)}`);
  return reasons.slice(0, 5);
}

function restoreEnv() {
  for (const k of Object.keys(process.env)) if (!(k in ENV)) delete process.env[k];
  for (const [k, v] of Object.entries(ENV)) if (process.env[k] !== v) process.env[k] = v;
}

function forget(dir) {
  for (const k of Object.keys(require.cache)) if (k.startsWith(dir + path.sep)) delete require.cache[k];
}

// ---- running ---------------------------------------------------------------------------------
function describeError(e) {
  if (e && typeof e === 'object') {
    const msg = String(e.message || e)
      .split('\n')
      .slice(0, 6)
      .join(' | ');
    return {
      assertion: e.code === 'ERR_ASSERTION' || e.name === 'AssertionError',
      detail: `${e.name || 'Error'}: ${msg}`.slice(0, 1500),
    };
  }
  return { assertion: false, detail: `thrown: ${String(e).slice(0, 500)}` };
}

function invoke(fn) {
  const ctx = { name: '', diagnostic() {}, skip() {}, todo() {}, plan() {}, mock: undefined };
  if (fn.length >= 2) {
    return new Promise((resolve, reject) => {
      try {
        fn(ctx, (err) => (err ? reject(err) : resolve()));
      } catch (e) {
        reject(e);
      }
    });
  }
  return Promise.resolve().then(() => fn(ctx));
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function run(job) {
  const { dir, testFile, skip } = job;
  tests = [];
  try {
    require(path.join(dir, testFile));
  } catch (e) {
    parentPort.postMessage({ loadError: describeError(e).detail });
    return;
  }
  for (const t of tests) {
    if (skip.includes(t.name)) continue;
    if (t.skip) {
      parentPort.postMessage({ result: { name: t.name, status: 'skipped', ms: 0 } });
      continue;
    }
    parentPort.postMessage({ start: t.name });
    const t0 = performance.now();
    try {
      await invoke(t.fn);
      parentPort.postMessage({ result: { name: t.name, status: 'pass', ms: performance.now() - t0 } });
    } catch (e) {
      const d = describeError(e);
      parentPort.postMessage({
        result: {
          name: t.name,
          status: d.assertion ? 'fail' : 'error',
          detail: d.detail,
          ms: performance.now() - t0,
        },
      });
    }
  }
  parentPort.postMessage({ done: true, names: tests.map((t) => t.name) });
}

parentPort.on('message', async (job) => {
  await run(job);
  tests = [];
  forget(job.dir);
  restoreEnv();
  // let late rejections and just-expired timers surface before judging the thread clean
  await tick();
  await tick();
  const reasons = pollution();
  parentPort.postMessage({ idle: true, clean: reasons.length === 0, reasons });
});
// the listener above makes the port an active resource: the baseline includes it
BASE_RESOURCES = resources();
parentPort.postMessage({ ready: true });
