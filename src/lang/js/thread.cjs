'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node inside the sandbox */
/* global require, performance */
/*
 * One candidate's tests, in a worker thread of secplay's sandboxed JS judging worker (worker.cjs).
 * The task's test file is loaded with CommonJS require; its `require('node:test')` gets this small
 * runner (test/it with sync, async and callback-style functions), which runs the tests in order and
 * reports each to the parent: {start}, then {result}. The parent enforces time limits (a sync
 * infinite loop cannot be stopped from inside) by terminating this thread.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Module = require('node:module');
const path = require('node:path');

const tests = [];
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

async function main() {
  const { dir, testFile, skip } = workerData;
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

main();
