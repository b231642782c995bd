/**
 * Engine benchmark (not a test): training tokens/s and achieved GFLOP/s against a GEMM ceiling
 * measured in the same process, decode tokens/s, at the reference size (4 layers, d 128, 4 heads,
 * context 128, vocab 512, batch 16) and at d 256; then one TSP-shaped tree expanded with shared
 * (forked) KV caches and naively (every generation re-encodes its whole prefix), and 16 siblings of
 * a long prompt decoded with and without prefix-shared attention.
 *
 * Decoding steps run on the fused native kernel by default (src/engine/native/step.c); the
 * "steps" section times it against the onnxruntime step graph on the same buffers, and
 * `--step-kernel onnx` runs everything on onnxruntime's steps instead.
 *
 *   npm run bench:engine -- [--json] [--threads 2] [--steps 10] [--quick] [--only all|train|tree|steps]
 *                           [--spinning] [--step-kernel auto|native|onnx]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.js';
import { Decoder, type Generation } from '../src/engine/infer/decoder.js';
import { KvCache } from '../src/engine/infer/kvcache.js';
import { greedy, multinomial } from '../src/engine/infer/sampling.js';
import { resolveModelConfig, type ModelConfig } from '../src/engine/model/config.js';
import { GptModel, type StepKernel } from '../src/engine/model/model.js';
import { randomStepInputs } from '../src/engine/model/random-step.js';
import { nativeStep } from '../src/engine/native/step.js';
import { GraphBuilder } from '../src/engine/onnx/graph.js';
import { Session } from '../src/engine/onnx/runtime.js';
import { OptimizerConfigSchema } from '../src/engine/train/optimizer.js';
import { Trainer } from '../src/engine/train/trainer.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    steps: { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'all' },
    spinning: { type: 'boolean', default: false },
    'step-kernel': { type: 'string', default: 'auto' },
  },
});
const stepKernel = flags['step-kernel'] as StepKernel;
if (!['auto', 'native', 'onnx'].includes(stepKernel))
  throw new Error(`--step-kernel must be auto, native or onnx, got ${stepKernel}`);
const only = flags.only;
if (!['all', 'train', 'tree', 'steps'].includes(only))
  throw new Error(`--only must be all, train, tree or steps, got ${only}`);
const threads = Number(flags.threads);
const steps = flags.quick ? 3 : Number(flags.steps);
const runtime = { threads, device: 'cpu', spinning: flags.spinning } as const;
const say = (s: string) => {
  if (!flags.json) console.log(s);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** MatMul-only FLOPs per trained token (forward ×3 for forward + backward). */
function trainFlopsPerToken(c: ModelConfig): number {
  const C = c.dModel;
  const F = c.mlpRatio * C;
  const perLayer = 2 * (3 * C * C + C * C + 2 * C * F) + 2 * 2 * c.contextLength * C; // weights + QKᵀ and AV
  return 3 * (c.nLayers * perLayer + 2 * C * c.vocabSize);
}

/**
 * GEMM ceiling of onnxruntime on this machine: the best of 40 runs of one MatMul 512³ (the shape of
 * DESIGN.md's table). Best, not median: a ceiling is what the kernels reach when the host lets them.
 */
async function gemmCeilingOnce(spinning: boolean): Promise<number> {
  const M = 512;
  const K = 512;
  const N = 512;
  const g = new GraphBuilder('gemm');
  const a = g.input('a', 'float32', [M, K]);
  const b = g.input('b', 'float32', [K, N]);
  g.output(g.op('MatMul', [a, b], { dtype: 'float32', shape: [M, N] }), 'y');
  const s = await Session.create(g.encode(), { ...runtime, spinning });
  const rng = new Rng(0);
  const feeds = {
    a: { data: Float32Array.from({ length: M * K }, () => rng.next()), dims: [M, K] },
    b: { data: Float32Array.from({ length: K * N }, () => rng.next()), dims: [K, N] },
  };
  const out = { y: { data: new Float32Array(M * N), dims: [M, N] } };
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    await s.run(feeds, ['y'], out);
    times.push(performance.now() - t0);
  }
  await s.release();
  return (2 * M * K * N) / (Math.min(...times) / 1000) / 1e9;
}

async function trainBench(c: ModelConfig, batch: number) {
  const model = new GptModel(c, { runtime, microBatch: batch, stepKernel }).init(1);
  const trainer = new Trainer(model, OptimizerConfigSchema.parse({ lr: 1e-3, warmupSteps: 0 }));
  const rng = new Rng(1);
  const T = c.contextLength;
  const seqs = Array.from({ length: batch }, () => {
    const tokens = Array.from({ length: T + 1 }, () => rng.int(c.vocabSize));
    return { tokens, nll: Float32Array.from(tokens, (_, t) => (t === 0 ? 0 : 1 / (batch * T))) };
  });
  const times: number[] = [];
  const fb: number[] = [];
  let loss = 0;
  for (let i = 0; i < steps + 2; i++) {
    const t0 = performance.now();
    const fwd = await trainer.accumulate(seqs);
    const t1 = performance.now();
    trainer.apply();
    const t2 = performance.now();
    loss = fwd.loss;
    if (i >= 2) {
      times.push(t2 - t0);
      fb.push(t1 - t0);
    }
  }
  const ms = median(times);
  const tokensPerSec = (batch * T) / (ms / 1000);
  const bestTokensPerSec = (batch * T) / (Math.min(...times) / 1000);
  // forward-only scoring (the first pass of DPO-style objectives)
  const scoreTimes: number[] = [];
  for (let i = 0; i < steps + 1; i++) {
    const t0 = performance.now();
    await model.score(seqs);
    if (i > 0) scoreTimes.push(performance.now() - t0);
  }
  // decode: greedy continuation of 1-token prompts up to the context, batch 1 and batch 16
  const dec = new Decoder(model);
  const decode: Record<string, number> = {};
  for (const rows of [1, 16]) {
    const caches = (
      await dec.prefill(
        Array.from({ length: rows }, () => KvCache.empty()),
        Array.from({ length: rows }, (_, i) => [i]),
      )
    ).caches;
    const n = T - 1;
    // untimed: the step graph's session is built (weights pre-packed) on the first generate
    await dec.generate(caches, { maxTokens: 4, rng: new Rng(0), sampler: greedy });
    const t0 = performance.now();
    await dec.generate(caches, { maxTokens: n, rng: new Rng(0), sampler: greedy });
    decode[`batch${rows}`] = (rows * n) / ((performance.now() - t0) / 1000);
  }
  await model.release();
  return {
    params: model.layout.count,
    stepMs: ms,
    forwardBackwardMs: median(fb),
    optimizerMs: ms - median(fb),
    trainTokensPerSec: tokensPerSec,
    gflopsAchieved: (trainFlopsPerToken(c) * tokensPerSec) / 1e9,
    bestStepTrainTokensPerSec: bestTokensPerSec,
    bestStepGflops: (trainFlopsPerToken(c) * bestTokensPerSec) / 1e9,
    scoreTokensPerSec: (batch * T) / (median(scoreTimes) / 1000),
    finalLoss: loss,
    decodeTokensPerSec: decode,
  };
}

interface TreeStats {
  tokenForwards: number;
  wallMs: number;
  sequences: number;
  /** generate's decode steps, and those run with prefix-shared (grouped) attention */
  steps: number;
  groupedSteps: number;
}

type TreeMode = 'shared' | 'naive' | 'naive-sequential';
/**
 * levels: level 1's segments; then level 1's rollouts and level 2's segments as one batch; then
 * level 2's rollouts as one batch. continuous: the same, but each level-2 rollout joins the running
 * batch as soon as its segment is done (Decoder.generate's onFinish), so fewer sequential steps.
 */
type Schedule = 'levels' | 'continuous';

/**
 * One TSP tree: prompt 64 tokens, 4 branches per node, depth 2, 48-token segments, and one rollout
 * from every non-root node completing it to 128 tokens after the prompt (20 rollouts, 40
 * generations), expanded level by level or continuously (see Schedule); both batched modes run
 * exactly the same batches. Modes:
 *   shared            siblings fork their parent's cache; siblings are sampled as one batch, and
 *                     the decoder reads a prefix that rows share once per step where that pays
 *                     (prefix-shared attention)
 *   naive             the same batches, but every generation re-encodes its whole prefix
 *   naive-sequential  one generation at a time, each re-encoding its prefix (a plain generate(prompt) API)
 */
async function treeRun(
  model: GptModel,
  mode: TreeMode,
  seed: number,
  schedule: Schedule = 'levels',
): Promise<TreeStats> {
  const dec = new Decoder(model);
  const rng = new Rng(seed);
  const promptRng = new Rng(99);
  const prompt = Array.from({ length: 64 }, () => promptRng.int(model.config.vocabSize));
  const SEG = 48;
  const COMPLETION = 128;
  const BR = 4;
  const before = model.tokenForwards;
  const t0 = performance.now();
  const fresh = async (caches: KvCache[]): Promise<KvCache[]> =>
    mode === 'shared'
      ? caches
      : (
          await dec.prefill(
            caches.map(() => KvCache.empty()),
            caches.map((c) => c.tokens()),
          )
        ).caches;
  const gen = async (caches: KvCache[], maxTokens: number | number[]) => {
    if (mode !== 'naive-sequential')
      return dec.generate(await fresh(caches), { maxTokens, rng, sampler: multinomial });
    const out = [];
    for (const [i, c] of caches.entries()) {
      const m = typeof maxTokens === 'number' ? maxTokens : (maxTokens[i] as number);
      out.push(...(await dec.generate(await fresh([c]), { maxTokens: m, rng, sampler: multinomial })));
    }
    return out;
  };
  const root =
    mode === 'shared'
      ? ((await dec.prefill([KvCache.empty()], [prompt])).caches[0] as KvCache)
      : KvCache.empty().append(prompt);
  const level1 = await gen(
    Array.from({ length: BR }, () => root.fork()),
    SEG,
  );
  // the frontier after level 1 (its nodes' rollouts and their children's segments) is one batch;
  // a level-2 segment's rollout joins that batch as soon as the segment is done
  const frontier = [
    ...level1.map((g) => g.cache.fork()),
    ...level1.flatMap((g) => Array.from({ length: BR }, () => g.cache.fork())),
  ];
  const budgets = [...level1.map(() => COMPLETION - SEG), ...Array.from({ length: BR * BR }, () => SEG)];
  let roll1: Generation[];
  let roll2: Generation[];
  if (mode === 'naive-sequential' || schedule === 'levels') {
    const out = await gen(frontier, budgets);
    roll1 = out.slice(0, BR);
    roll2 = await gen(
      out.slice(BR).map((g) => g.cache.fork()),
      COMPLETION - 2 * SEG,
    );
  } else {
    const out = await dec.generate(await fresh(frontier), {
      maxTokens: budgets,
      rng,
      sampler: multinomial,
      onFinish: (g, row) =>
        row >= BR && row < BR + BR * BR
          ? [
              {
                // naive: the rollout re-encodes its whole prefix before it joins
                cache: mode === 'shared' ? g.cache.fork() : KvCache.empty().append(g.cache.tokens()),
                maxTokens: COMPLETION - 2 * SEG,
              },
            ]
          : [],
    });
    roll1 = out.slice(0, BR);
    roll2 = out.slice(BR + BR * BR);
  }
  const wallMs = performance.now() - t0;
  const lengths = [...roll1, ...roll2].map((g) => g.cache.length);
  if (lengths.some((l) => l !== 64 + COMPLETION))
    throw new Error(`rollouts have lengths ${lengths.join(',')}`);
  return {
    tokenForwards: model.tokenForwards - before,
    wallMs,
    sequences: lengths.length,
    ...dec.stats,
  };
}

async function treeBench() {
  // context 256: prompt 64 + 128 completion tokens do not fit the reference context of 128
  const c = resolveModelConfig('demo', { contextLength: 256 });
  const model = new GptModel(c, { runtime, stepKernel }).init(1);
  const kernel = model.stepKernel();
  const modes: TreeMode[] = ['shared', 'naive', 'naive-sequential'];
  for (const m of modes) await treeRun(model, m, 0); // warm up graphs and sessions
  const reps = flags.quick ? 1 : 5;
  const runs: Record<TreeMode, TreeStats[]> = { shared: [], naive: [], 'naive-sequential': [] };
  const cont: Record<'shared' | 'naive', TreeStats[]> = { shared: [], naive: [] };
  for (let i = 0; i < reps; i++) {
    for (const m of modes) runs[m].push(await treeRun(model, m, i + 1));
    for (const m of ['shared', 'naive'] as const) cont[m].push(await treeRun(model, m, i + 1, 'continuous'));
  }
  await model.release();
  const contMs = (m: 'shared' | 'naive') => median(cont[m].map((r) => r.wallMs));
  const summary = (m: TreeMode) => ({
    tokenForwards: runs[m][0]?.tokenForwards ?? 0,
    wallMs: median(runs[m].map((r) => r.wallMs)),
    wallMsRuns: runs[m].map((r) => r.wallMs),
    steps: runs[m][0]?.steps ?? 0,
    groupedSteps: runs[m][0]?.groupedSteps ?? 0,
  });
  const s = summary('shared');
  const n = summary('naive');
  const q = summary('naive-sequential');
  return {
    stepKernel: kernel,
    shape: {
      prompt: 64,
      branches: 4,
      depth: 2,
      segment: 48,
      completion: 128,
      rollouts: runs.shared[0]?.sequences,
      contextLength: 256,
    },
    shared: s,
    naive: n,
    naiveSequential: q,
    forwardRatio: n.tokenForwards / s.tokenForwards,
    wallRatio: n.wallMs / s.wallMs,
    // the modes run interleaved; the ratio of each round shows how much the load moved them
    wallRatioPerRound: runs.naive.map((r, i) => r.wallMs / (runs.shared[i]?.wallMs ?? NaN)),
    wallRatioVsSequential: q.wallMs / s.wallMs,
    schedule: 'levels',
    continuous: {
      sharedMs: contMs('shared'),
      naiveMs: contMs('naive'),
      steps: cont.shared[0]?.steps ?? 0,
      wallRatio: contMs('naive') / contMs('shared'),
      wallRatioPerRound: cont.naive.map((r, i) => r.wallMs / (cont.shared[i]?.wallMs ?? NaN)),
    },
  };
}

/**
 * Prefix-shared attention where sharing is deep: 16 siblings forked from one 384-token prompt
 * sample 64 tokens each, with the rows grouped (the prompt read once per step) and flat (every
 * row holds a copy), interleaved; the same tokens either way.
 */
async function siblingsBench() {
  const c = resolveModelConfig('demo', { contextLength: 512 });
  const model = new GptModel(c, { runtime, stepKernel }).init(1);
  const promptRng = new Rng(98);
  const prompt = Array.from({ length: 384 }, () => promptRng.int(c.vocabSize));
  const root = (await new Decoder(model).prefill([KvCache.empty()], [prompt])).caches[0] as KvCache;
  const layouts = ['grouped', 'flat'] as const;
  const times: Record<(typeof layouts)[number], number[]> = { grouped: [], flat: [] };
  const tokens: Record<string, string> = {};
  for (let i = 0; i < (flags.quick ? 2 : 4); i++)
    for (const attention of layouts) {
      const dec = new Decoder(model, { attention });
      const t0 = performance.now();
      const gens = await dec.generate(
        Array.from({ length: 16 }, () => root.fork()),
        { maxTokens: 64, rng: new Rng(i), sampler: multinomial },
      );
      if (i > 0) times[attention].push(performance.now() - t0); // the first round warms up
      tokens[`${attention}:${i}`] = gens.map((g) => g.tokens.join(',')).join('|');
    }
  await model.release();
  const same = Object.keys(tokens).every((k) => tokens[k] === tokens[k.replace(/^\w+/, 'grouped')]);
  if (!same) throw new Error('grouped and flat decoding sampled different tokens');
  const grouped = median(times.grouped);
  const flat = median(times.flat);
  return { siblings: 16, prompt: 384, tokens: 64, groupedMs: grouped, flatMs: flat, speedup: flat / grouped };
}

/**
 * One decoding step in isolation, on the native kernel and on the onnxruntime step graph, over the
 * same buffers, at the shapes the bench tree runs (its frontier grouped: 4 groups of 5 over a
 * 112-token prefix) and at batch 1; interleaved rounds, median µs per step.
 */
async function stepsBench() {
  const c = resolveModelConfig('demo', { contextLength: 256 });
  const shapes = [
    { name: 'batch 1, 64 cached', B: 1, P: 64, G: 0, Pg: 0 },
    { name: 'batch 4, 112 cached', B: 4, P: 112, G: 0, Pg: 0 },
    { name: 'batch 20, 160 cached', B: 20, P: 160, G: 0, Pg: 0 },
    { name: 'batch 20 grouped (4×5), 112 shared + 48', B: 20, P: 48, G: 4, Pg: 112 },
  ];
  const kernels = ['native', 'onnx'] as const;
  const models = Object.fromEntries(
    kernels.map((k) => [k, new GptModel(c, { runtime, stepKernel: k }).init(1)]),
  ) as Record<(typeof kernels)[number], GptModel>;
  const rows = [];
  for (const s of shapes) {
    const steps: Record<string, () => Promise<void>> = {};
    const outs: Record<string, Float32Array> = {};
    for (const k of kernels) {
      const m = models[k];
      // the same random inputs (seed 5) for both kernels
      const inp = randomStepInputs(c, s, 5, await m.frozen());
      const step = await m.prepareStep(inp);
      steps[k] = () => step.run();
      outs[k] = inp.out.scores;
    }
    const times: Record<string, number[]> = { native: [], onnx: [] };
    const n = flags.quick ? 50 : 200;
    for (let round = 0; round < (flags.quick ? 3 : 7); round++)
      for (const k of kernels) {
        const run = steps[k] as () => Promise<void>;
        await run(); // the first run after binding is slower (fresh buffers)
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await run();
        (times[k] as number[]).push(((performance.now() - t0) / n) * 1000);
      }
    let worst = 0;
    const a = outs['native'] as Float32Array;
    const b = outs['onnx'] as Float32Array;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    const nat = median(times['native'] as number[]);
    const ort = median(times['onnx'] as number[]);
    rows.push({ shape: s.name, nativeUs: nat, onnxUs: ort, speedup: ort / nat, maxAbsDiffScores: worst });
  }
  for (const m of Object.values(models)) await m.release();
  return rows;
}

/** best of spinning on/off: the fastest GEMM onnxruntime manages on this machine right now */
async function gemmCeiling(): Promise<number> {
  return Math.max(await gemmCeilingOnce(false), await gemmCeilingOnce(true));
}

const ceilingBefore = await gemmCeiling();
let ceiling = ceilingBefore;
say(`onnxruntime GEMM ceiling (best MatMul 512³, ${threads} threads): ${ceiling.toFixed(1)} GFLOP/s`);
const results: Record<string, Awaited<ReturnType<typeof trainBench>>> = {};
if (only === 'all' || only === 'train') {
  for (const [name, c] of [
    ['d128', resolveModelConfig('demo')],
    ['d256', resolveModelConfig('demo', { dModel: 256 })],
  ] as const) {
    const r = await trainBench(c, 16);
    results[name] = r;
    say(
      `${name} (${(r.params / 1e6).toFixed(2)} M params, B=16, T=${c.contextLength}): ${Math.round(r.trainTokensPerSec)} training tokens/s (median step; best step ${Math.round(r.bestStepTrainTokensPerSec)}) ` +
        `(step ${r.stepMs.toFixed(0)} ms = fwd+bwd ${r.forwardBackwardMs.toFixed(0)} + AdamW ${r.optimizerMs.toFixed(0)}), ` +
        `${r.gflopsAchieved.toFixed(1)} GFLOP/s (best ${r.bestStepGflops.toFixed(1)}) = ${((100 * r.gflopsAchieved) / ceiling).toFixed(0)} % of the GEMM ceiling; ` +
        `scoring ${Math.round(r.scoreTokensPerSec)} tokens/s; ` +
        `decode ${Math.round(r.decodeTokensPerSec['batch1'] ?? 0)} tokens/s (batch 1), ${Math.round(r.decodeTokensPerSec['batch16'] ?? 0)} (batch 16)`,
    );
  }
}
const stepRows = only === 'all' || only === 'steps' ? await stepsBench() : undefined;
const native = nativeStep();
const nativeBuild = 'step' in native ? native.step.features : { unavailable: native.error.message };
if (stepRows !== undefined)
  say(
    'vectorWidth' in nativeBuild
      ? `native step build: ${nativeBuild.vectorWidth}-float vectors, ${nativeBuild.panelWidth}-column weight panels`
      : `native step unavailable: ${nativeBuild.unavailable}`,
  );
for (const r of stepRows ?? [])
  say(
    `step, ${r.shape}: native ${r.nativeUs.toFixed(0)} µs, onnxruntime ${r.onnxUs.toFixed(0)} µs → ${r.speedup.toFixed(2)}× (max |Δ| of the scores ${r.maxAbsDiffScores.toExponential(1)})`,
  );
const tree = only === 'train' || only === 'steps' ? undefined : await treeBench();
if (tree !== undefined)
  say(
    `tree (prompt 64, 4 branches, depth 2, 48-token segments, ${tree.shape.rollouts} rollouts to 128 tokens; ${tree.stepKernel} steps): ` +
      `shared caches ${tree.shared.tokenForwards} token forwards in ${tree.shared.wallMs.toFixed(0)} ms ` +
      `(prefix-shared attention in ${tree.shared.groupedSteps} of ${tree.shared.steps} steps); ` +
      `naive (same batches, prefixes re-encoded) ${tree.naive.tokenForwards} in ${tree.naive.wallMs.toFixed(0)} ms → ${tree.forwardRatio.toFixed(2)}× fewer forwards, ${tree.wallRatio.toFixed(2)}× faster ` +
      `(per round ${tree.wallRatioPerRound.map((r) => r.toFixed(2)).join(', ')}); ` +
      `naive one generation at a time ${tree.naiveSequential.wallMs.toFixed(0)} ms → ${tree.wallRatioVsSequential.toFixed(2)}× faster`,
  );
if (tree !== undefined)
  say(
    `tree, continuous schedule (level-2 rollouts join the running batch; ${tree.continuous.steps} steps): ` +
      `shared ${tree.continuous.sharedMs.toFixed(0)} ms, naive ${tree.continuous.naiveMs.toFixed(0)} ms → ${tree.continuous.wallRatio.toFixed(2)}× faster ` +
      `(per round ${tree.continuous.wallRatioPerRound.map((r) => r.toFixed(2)).join(', ')})`,
  );
const siblings = only === 'train' || only === 'steps' ? undefined : await siblingsBench();
if (siblings !== undefined)
  say(
    `siblings (16 forks of a 384-token prompt, 64 tokens each): prefix-shared attention ${siblings.groupedMs.toFixed(0)} ms, ` +
      `every row a full copy ${siblings.flatMs.toFixed(0)} ms → ${siblings.speedup.toFixed(2)}× (same tokens)`,
  );
const ceilingAfter = await gemmCeiling();
ceiling = Math.max(ceilingBefore, ceilingAfter);
say(
  `GEMM ceiling before/after: ${ceilingBefore.toFixed(1)} / ${ceilingAfter.toFixed(1)} GFLOP/s (load varies)`,
);
if (flags.json)
  console.log(
    JSON.stringify(
      {
        threads,
        spinning: flags.spinning,
        steps,
        gemmCeilingGflops: { before: ceilingBefore, after: ceilingAfter, max: ceiling },
        // DESIGN.md §5: OpenBLAS SkylakeX sgemm on this machine, 1 / 2 threads
        referenceCeilingGflops: { openblas1T: 120, openblas2T: 181 },
        ...(results['d128'] === undefined
          ? {}
          : {
              reference: {
                dModel: 128,
                nLayers: 4,
                nHeads: 4,
                contextLength: 128,
                vocabSize: 512,
                batch: 16,
                ...results['d128'],
                fractionOfGemmCeiling: (results['d128']?.gflopsAchieved ?? 0) / ceiling,
                fractionOfOpenblas2T: (results['d128']?.gflopsAchieved ?? 0) / 181,
              },
              d256: {
                dModel: 256,
                nLayers: 4,
                nHeads: 4,
                contextLength: 128,
                vocabSize: 512,
                batch: 16,
                ...results['d256'],
                fractionOfGemmCeiling: (results['d256']?.gflopsAchieved ?? 0) / ceiling,
                fractionOfOpenblas2T: (results['d256']?.gflopsAchieved ?? 0) / 181,
              },
            }),
        ...(stepRows === undefined ? {} : { steps: stepRows, nativeBuild }),
        ...(tree === undefined ? {} : { tree }),
        ...(siblings === undefined ? {} : { siblings }),
        targets: { trainTokensPerSec: 8000, treeForwardRatio: 3, treeWallRatio: 2 },
      },
      null,
      2,
    ),
  );
