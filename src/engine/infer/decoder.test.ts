import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { resolveModelConfig } from '../model/config.js';
import { GptModel, type StepKernel } from '../model/model.js';
import { Decoder, logprobs, type GenerateOptions } from './decoder.js';
import { KvCache } from './kvcache.js';
import { greedy, logSoftmaxAt, multinomial, stopSequences, stopWhen, temperature, topK } from './sampling.js';

// every test runs on both step kernels (the native one on one and two threads): the decoder's
// contract does not depend on what runs a step
const KERNELS: [StepKernel, number][] = [
  ['native', 1],
  ['native', 2],
  ['onnx', 1],
];
describe.each(KERNELS)('step kernel %s, %i thread(s)', (stepKernel, threads) => {
  const cfg = resolveModelConfig('tiny', {
    vocabSize: 64,
    contextLength: 48,
    dModel: 32,
    nHeads: 4,
    nLayers: 2,
  });
  // a randomly initialised model with a larger init so the logits are far from uniform
  const model = new GptModel(resolveModelConfig('tiny', { ...cfg, initStd: 0.2 }), {
    runtime: { threads, device: 'cpu' },
    stepKernel,
    microBatch: 4,
    timeBucket: 8,
  }).init(5);
  const dec = new Decoder(model);
  const rng = new Rng(1);
  const seq = Array.from({ length: 40 }, () => rng.int(cfg.vocabSize));
  afterAll(() => model.release());

  /** Record the rows and groups of every decode step `m` runs; returns the undo. */
  function recordSteps(m: GptModel, calls: { rows: number; groups: number; slots?: number }[]): () => void {
    const real = m.prepareStep.bind(m);
    m.prepareStep = async (inp) => {
      const step = await real(inp);
      return {
        run: () => {
          calls.push({ rows: inp.rows, groups: inp.prefix?.groups ?? 0, slots: inp.slots });
          return step.run();
        },
      };
    };
    return () => {
      m.prepareStep = real;
    };
  }

  function maxAbsDiff(a: Float32Array, b: Float32Array): number {
    expect(a.length).toBe(b.length);
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
    return m;
  }

  describe('Decoder: KV cache', () => {
    it('token-by-token decoding with the cache equals full recomputation (max |Δlogit| < 1e-4)', async () => {
      const V = cfg.vocabSize;
      const full = (await dec.prefill([KvCache.empty()], [seq], { allLogits: true }))
        .logits[0] as Float32Array;
      expect(full.length).toBe(seq.length * V);
      let { caches } = await dec.prefill([KvCache.empty()], [seq.slice(0, 10)]);
      let worst = maxAbsDiff(caches[0]?.nextLogits as Float32Array, full.subarray(9 * V, 10 * V));
      for (let t = 10; t < seq.length; t++) {
        ({ caches } = await dec.prefill(caches, [[seq[t] as number]]));
        worst = Math.max(
          worst,
          maxAbsDiff(caches[0]?.nextLogits as Float32Array, full.subarray(t * V, (t + 1) * V)),
        );
      }
      expect(worst).toBeLessThan(1e-4);
      // the logits are not trivially equal: they vary across positions
      expect(maxAbsDiff(full.subarray(0, V), full.subarray(V, 2 * V))).toBeGreaterThan(1e-2);
    });

    it('the decode graph agrees with the training graph (per-token log-probs)', async () => {
      const V = cfg.vocabSize;
      const full = (await dec.prefill([KvCache.empty()], [seq], { allLogits: true }))
        .logits[0] as Float32Array;
      const scored = (await model.score([{ tokens: seq }])).tokenLogp[0] as Float32Array;
      for (let t = 1; t < seq.length; t++) {
        const lp = logSoftmaxAt(full.subarray((t - 1) * V, t * V), seq[t] as number);
        expect(Math.abs(lp - (scored[t] as number))).toBeLessThan(1e-4);
      }
    });

    it('a forked cache gives the same logits as a fresh one, and forks share the prefix blocks', async () => {
      const V = cfg.vocabSize;
      const prefix = seq.slice(0, 20);
      const base = (await dec.prefill([KvCache.empty()], [prefix])).caches[0] as KvCache;
      const a = base.fork();
      const b = base.fork();
      expect(a.sharesPrefixWith(b)).toBe(true);
      const x = seq.slice(20, 27);
      const y = seq.slice(30, 33);
      const forked = await dec.prefill([a, b], [x, y], { allLogits: true });
      const fresh = await dec.prefill(
        [KvCache.empty(), KvCache.empty()],
        [
          [...prefix, ...x],
          [...prefix, ...y],
        ],
        { allLogits: true },
      );
      expect(
        maxAbsDiff(forked.logits[0] as Float32Array, (fresh.logits[0] as Float32Array).subarray(20 * V)),
      ).toBeLessThan(1e-4);
      expect(
        maxAbsDiff(forked.logits[1] as Float32Array, (fresh.logits[1] as Float32Array).subarray(20 * V)),
      ).toBeLessThan(1e-4);
      // the children still point at the shared parent block
      expect(forked.caches[0]?.chain()[0]).toBe(base.block);
      expect(forked.caches[1]?.chain()[0]).toBe(base.block);
      expect(forked.caches[0]?.tokens()).toEqual([...prefix, ...x]);
    });
  });

  describe('Decoder: generation', () => {
    it('greedy generation picks the argmax of a full recomputation, with matching log-probs', async () => {
      const V = cfg.vocabSize;
      const prompt = seq.slice(0, 12);
      const start = (await dec.prefill([KvCache.empty()], [prompt])).caches;
      const [g] = await dec.generate(start, { maxTokens: 15, rng: new Rng(0), sampler: greedy });
      expect(g?.tokens.length).toBe(15);
      expect(g?.finishReason).toBe('max_tokens');
      const all = [...prompt, ...(g?.tokens ?? [])];
      const full = (await dec.prefill([KvCache.empty()], [all], { allLogits: true }))
        .logits[0] as Float32Array;
      g?.tokens.forEach((tok, i) => {
        const row = full.subarray((prompt.length - 1 + i) * V, (prompt.length + i) * V);
        expect(greedy.sample(row, new Rng(0))).toBe(tok);
        expect(Math.abs(logSoftmaxAt(row, tok) - (g.logprobs[i] as number))).toBeLessThan(1e-4);
      });
      expect(g?.cache.tokens()).toEqual(all);
      expect(g?.cache.pending).toEqual([g?.tokens[14]]);
    });

    it('rows that fill their layout grow into a larger one: log-probs equal a recomputation', async () => {
      const root = (await dec.prefill([KvCache.empty()], [seq.slice(0, 3)])).caches[0] as KvCache;
      const other = (await dec.prefill([KvCache.empty()], [seq.slice(5, 7)])).caches[0] as KvCache;
      const steps: { rows: number; groups: number; slots?: number }[] = [];
      const restore = recordSteps(model, steps);
      const gens = await dec
        .generate([root.fork(), root.fork(), root.fork(), other], {
          maxTokens: [40, 40, 30, 44],
          rng: new Rng(4),
          sampler: multinomial,
        })
        .finally(restore);
      // 16 slots of headroom at first, then larger layouts as rows fill them
      const slots = [...new Set(steps.map((s) => s.slots))];
      expect(slots.length).toBeGreaterThanOrEqual(3);
      expect(slots).toEqual([...slots].sort((a, b) => (a as number) - (b as number)));
      expect(steps[0]?.slots).toBeLessThanOrEqual(20);
      for (const [i, g] of gens.entries()) {
        expect(g.tokens.length).toBe([40, 40, 30, 44][i]);
        const tokens = g.cache.tokens();
        const scored = (await model.score([{ tokens }])).tokenLogp[0] as Float32Array;
        const first = tokens.length - g.tokens.length;
        expect(
          Math.max(...g.logprobs.map((x, t) => Math.abs(x - (scored[first + t] as number)))),
        ).toBeLessThan(1e-4);
      }
    });

    it('a batch of rows with different prefixes generates what each row generates alone', async () => {
      const prompts = [seq.slice(0, 5), seq.slice(3, 20), seq.slice(10, 11)];
      const caches = (
        await dec.prefill(
          prompts.map(() => KvCache.empty()),
          prompts,
        )
      ).caches;
      const batched = await dec.generate(caches, { maxTokens: 10, rng: new Rng(0), sampler: greedy });
      for (const [i, cache] of caches.entries()) {
        const [alone] = await dec.generate([cache], { maxTokens: 10, rng: new Rng(0), sampler: greedy });
        expect(batched[i]?.tokens).toEqual(alone?.tokens);
      }
    });

    it('per-row token budgets: each row generates what it generates alone with its own budget', async () => {
      const prompts = [seq.slice(0, 5), seq.slice(3, 20), seq.slice(10, 11), seq.slice(2, 9)];
      const caches = (
        await dec.prefill(
          prompts.map(() => KvCache.empty()),
          prompts,
        )
      ).caches;
      const budgets = [3, 12, 1, 7];
      const batched = await dec.generate(caches, { maxTokens: budgets, rng: new Rng(0), sampler: greedy });
      for (const [i, cache] of caches.entries()) {
        const [alone] = await dec.generate([cache], {
          maxTokens: budgets[i] as number,
          rng: new Rng(0),
          sampler: greedy,
        });
        expect(batched[i]?.tokens).toEqual(alone?.tokens);
        expect(batched[i]?.tokens).toHaveLength(budgets[i] as number);
        expect(batched[i]?.finishReason).toBe('max_tokens');
        expect(batched[i]?.cache.tokens()).toEqual(alone?.cache.tokens());
      }
      await expect(dec.generate(caches, { maxTokens: [3, 4], rng: new Rng(0) })).rejects.toThrow(
        /maxTokens has 2 entries for 4 rows/,
      );
      await expect(dec.generate(caches, { maxTokens: [3, 4, 0, 1], rng: new Rng(0) })).rejects.toThrow(
        /positive integer, got 0 for row 2/,
      );
    });

    it('rows that stop early leave the batch (compaction) without changing any row or its cache', async () => {
      const V = cfg.vocabSize;
      const prompts = Array.from({ length: 8 }, (_, i) => seq.slice(i, i + 6 + i));
      const stop = stopWhen((g) => g.length >= 2 + ((g[0] as number) % 9));
      const caches = (
        await dec.prefill(
          prompts.map(() => KvCache.empty()),
          prompts,
        )
      ).caches;
      const steps: { rows: number; groups: number }[] = [];
      const restore = recordSteps(model, steps);
      const batched = await dec
        .generate(caches, { maxTokens: 14, rng: new Rng(0), sampler: greedy, stops: [stop] })
        .finally(restore);
      const seen = steps.map((s) => s.rows);
      // the batch shrank while some rows were still running
      expect(seen[0]).toBe(8);
      expect(Math.min(...seen)).toBeLessThan(8);
      expect(new Set(batched.map((g) => g.tokens.length)).size).toBeGreaterThan(2);
      for (const [i, cache] of caches.entries()) {
        const [alone] = await dec.generate([cache], {
          maxTokens: 14,
          rng: new Rng(0),
          sampler: greedy,
          stops: [stop],
        });
        expect(batched[i]?.tokens).toEqual(alone?.tokens);
        // the returned cache holds correct keys/values: its next-token log-probs equal a recomputation
        const g = batched[i];
        const next = (await dec.prefill([g?.cache as KvCache])).caches[0]?.nextLogits as Float32Array;
        const all = g?.cache.tokens() ?? [];
        const full = (await dec.prefill([KvCache.empty()], [all], { allLogits: true }))
          .logits[0] as Float32Array;
        expect(maxAbsDiff(next, full.subarray((all.length - 1) * V))).toBeLessThan(1e-4);
      }
    });

    it('continuing from a generation’s cache equals generating in one go (pending token handled)', async () => {
      const start = (await dec.prefill([KvCache.empty()], [seq.slice(0, 8)])).caches;
      const [once] = await dec.generate(start, { maxTokens: 12, rng: new Rng(0), sampler: greedy });
      const [first] = await dec.generate(start, { maxTokens: 5, rng: new Rng(0), sampler: greedy });
      const [second] = await dec.generate([first?.cache as KvCache], {
        maxTokens: 7,
        rng: new Rng(0),
        sampler: greedy,
      });
      expect([...(first?.tokens ?? []), ...(second?.tokens ?? [])]).toEqual(once?.tokens);
    });

    it('decoders of one model (one buffer pool) generating at the same time match each alone', async () => {
      const [root] = (await dec.prefill([KvCache.empty()], [seq.slice(0, 12)])).caches;
      const run = (d: Decoder, seed: number) =>
        d.generate(
          [0, 1, 2].map(() => (root as KvCache).fork()),
          { maxTokens: [6, 9, 4], rng: new Rng(seed), sampler: multinomial },
        );
      const alone = [await run(new Decoder(model), 1), await run(new Decoder(model), 2)];
      // interleaved at every await: each batch's caches come from the shared pool while the other's
      // are in use, and go back to it when a layout is replaced or a call ends
      const together = await Promise.all([run(new Decoder(model), 1), run(new Decoder(model), 2)]);
      for (const [k, gens] of together.entries())
        for (const [i, g] of gens.entries()) {
          expect(g.tokens).toEqual(alone[k]?.[i]?.tokens);
          expect(g.cache.tokens()).toEqual(alone[k]?.[i]?.cache.tokens());
        }
    });

    it('seeded sampling is reproducible and forks explore different branches', async () => {
      const start = (await dec.prefill([KvCache.empty()], [seq.slice(0, 8)])).caches[0] as KvCache;
      const run = async () =>
        (
          await dec.generate([start.fork(), start.fork(), start.fork(), start.fork()], {
            maxTokens: 12,
            rng: new Rng(42),
            processors: [temperature(1.5)],
          })
        ).map((g) => g.tokens);
      const a = await run();
      expect(await run()).toEqual(a);
      expect(new Set(a.map((t) => t.join(','))).size).toBeGreaterThan(1);
    });

    it('stops on a stop sequence, on a predicate, and at the context length', async () => {
      const start = (await dec.prefill([KvCache.empty()], [seq.slice(0, 8)])).caches;
      const [free] = await dec.generate(start, { maxTokens: 10, rng: new Rng(0), sampler: greedy });
      const stopAt = free?.tokens.slice(3, 5) as number[];
      const [s] = await dec.generate(start, {
        maxTokens: 10,
        rng: new Rng(0),
        sampler: greedy,
        stops: [stopSequences([stopAt])],
      });
      expect(s?.finishReason).toBe('stop');
      expect(s?.tokens.slice(-2)).toEqual(stopAt);
      expect(s?.tokens.length).toBeLessThanOrEqual(5);
      const [p] = await dec.generate(start, {
        maxTokens: 10,
        rng: new Rng(0),
        sampler: greedy,
        stops: [stopWhen((g) => g.length === 4)],
      });
      expect(p?.tokens.length).toBe(4);
      expect(p?.finishReason).toBe('stop');
      const [c] = await dec.generate(start, { maxTokens: 100, rng: new Rng(0), sampler: greedy });
      expect(c?.finishReason).toBe('context');
      expect(c?.cache.length).toBe(cfg.contextLength + 1);
    });

    it('top-k restricts sampling to the k most likely tokens', async () => {
      const start = (await dec.prefill([KvCache.empty()], [seq.slice(0, 8)])).caches[0] as KvCache;
      const row = start.nextLogits as Float32Array;
      const top2 = Array.from(row.keys())
        .sort((x, y) => (row[y] as number) - (row[x] as number))
        .slice(0, 2);
      const gens = await dec.generate(
        Array.from({ length: 16 }, () => start.fork()),
        { maxTokens: 1, rng: new Rng(3), processors: [topK(2)] },
      );
      for (const g of gens) expect(top2).toContain(g.tokens[0]);
    });

    it('logprobs(prefix, continuation) equals the sum of the decoder’s per-token log-probs', async () => {
      const V = cfg.vocabSize;
      const prefix = seq.slice(0, 9);
      const cont = seq.slice(9, 16);
      const full = (await dec.prefill([KvCache.empty()], [[...prefix, ...cont]], { allLogits: true }))
        .logits[0] as Float32Array;
      let expected = 0;
      cont.forEach(
        (tok, i) =>
          (expected += logSoftmaxAt(
            full.subarray((prefix.length - 1 + i) * V, (prefix.length + i) * V),
            tok,
          )),
      );
      const r = await logprobs(model, [
        { prefix, continuation: cont },
        { prefix: seq.slice(0, 2), continuation: seq.slice(2, 30) },
      ]);
      expect(r.tokens[0]?.length).toBe(cont.length);
      expect(Math.abs((r.sums[0] as number) - expected)).toBeLessThan(1e-3);
      expect(r.tokens[1]?.length).toBe(28);
    });

    it('rejects bad input clearly', async () => {
      await expect(dec.generate([KvCache.empty()], { maxTokens: 3, rng: new Rng(0) })).rejects.toThrow(
        /empty sequence/,
      );
      await expect(dec.prefill([KvCache.empty()], [[1, 999]])).rejects.toThrow(/outside/);
      await expect(dec.prefill([KvCache.empty()], [seq.concat(seq)])).rejects.toThrow(/context length/);
      await expect(logprobs(model, [{ prefix: [], continuation: [1] }])).rejects.toThrow(/prefix is empty/);
      await expect(dec.prefill([KvCache.empty()], [[1], [2]])).rejects.toThrow(/2 token lists for 1 caches/);
      const empty = await logprobs(model, [{ prefix: [3], continuation: [] }]);
      expect(empty.sums).toEqual([0]);
      expect(empty.tokens[0]?.length).toBe(0);
    });
  });

  describe('Decoder: prefix-shared attention', () => {
    const flat = new Decoder(model, { attention: 'flat' });
    const grouped = new Decoder(model, { attention: 'grouped' });
    const V = cfg.vocabSize;

    /**
     * Generate and also return every row's logits at each sampled token: a processor records the
     * rows it is given, which come in request order among the rows that sample in that iteration
     * (a row with a pending token runs it first and samples from the next iteration on).
     */
    async function run(d: Decoder, caches: readonly KvCache[], o: Partial<GenerateOptions> = {}) {
      const calls: Float32Array[] = [];
      const gens = await d.generate(caches, {
        maxTokens: 8,
        rng: new Rng(7),
        sampler: greedy,
        ...o,
        processors: [(row) => void calls.push(Float32Array.from(row)), ...(o.processors ?? [])],
      });
      const rows: Float32Array[][] = gens.map(() => []);
      const offset = caches.map((c) => (c.pending.length === 1 ? 1 : 0));
      let next = 0;
      for (let it = 0; next < calls.length; it++)
        gens.forEach((g, i) => {
          const j = it - (offset[i] as number);
          if (j >= 0 && j < g.tokens.length) (rows[i] as Float32Array[]).push(calls[next++] as Float32Array);
        });
      return { gens, rows };
    }

    /** max |Δ| between two runs' logits, and against a recomputation of each row's whole sequence */
    async function compare(a: Awaited<ReturnType<typeof run>>, b: Awaited<ReturnType<typeof run>>) {
      let worst = 0;
      let vsFull = 0;
      for (const [i, g] of b.gens.entries()) {
        expect(g.tokens).toEqual(a.gens[i]?.tokens);
        const all = g.cache.tokens();
        const full = (await dec.prefill([KvCache.empty()], [all], { allLogits: true }))
          .logits[0] as Float32Array;
        const first = all.length - g.tokens.length - 1; // position whose logits give the first token
        (b.rows[i] as Float32Array[]).forEach((row, j) => {
          worst = Math.max(worst, maxAbsDiff(row, a.rows[i]?.[j] as Float32Array));
          vsFull = Math.max(vsFull, maxAbsDiff(row, full.subarray((first + j) * V, (first + j + 1) * V)));
        });
        expect(b.rows[i]?.length).toBe(g.tokens.length);
      }
      return { worst, vsFull };
    }

    /** rows per decode call, and whether it ran grouped, while `f` runs */
    async function spy<T>(
      f: () => Promise<T>,
    ): Promise<{ out: T; calls: { rows: number; groups: number }[] }> {
      const calls: { rows: number; groups: number }[] = [];
      const restore = recordSteps(model, calls);
      const out = await f().finally(restore);
      return { out, calls };
    }

    const prefill = async (tokens: number[]) =>
      (await dec.prefill([KvCache.empty()], [tokens])).caches[0] as KvCache;

    it('siblings forked from one cache: the same logits as the flat layout and as recomputation', async () => {
      const root = await prefill(seq.slice(0, 12));
      const forks = () => Array.from({ length: 4 }, () => root.fork());
      const a = await run(flat, forks());
      const { out: b, calls } = await spy(() => run(grouped, forks()));
      expect(calls.every((c) => c.groups === 1 && c.rows === 4)).toBe(true);
      const d = await compare(a, b);
      expect(d.worst).toBeLessThan(1e-4);
      expect(d.vsFull).toBeLessThan(1e-4);
    });

    it('seeded sampling draws the same tokens grouped and flat', async () => {
      const root = await prefill(seq.slice(0, 12));
      const o = { sampler: multinomial, processors: [temperature(1.5)], maxTokens: 12 };
      const a = await run(
        flat,
        Array.from({ length: 6 }, () => root.fork()),
        o,
      );
      const b = await run(
        grouped,
        Array.from({ length: 6 }, () => root.fork()),
        o,
      );
      expect(b.gens.map((g) => g.tokens)).toEqual(a.gens.map((g) => g.tokens));
      expect(new Set(a.gens.map((g) => g.tokens.join(','))).size).toBeGreaterThan(1);
      expect((await compare(a, b)).worst).toBeLessThan(1e-4);
    });

    it('two levels of a tree (segments, then rollouts from every node) match flat and recomputation', async () => {
      const root = await prefill(seq.slice(0, 8));
      const o = { sampler: multinomial, processors: [temperature(1.3)] };
      // level 1: 3 branches of 6 tokens; level 2: 3 branches under each; rollouts from level 2
      const tree = async (d: Decoder) => {
        const l1 = await run(d, [root.fork(), root.fork(), root.fork()], { ...o, maxTokens: 6 });
        const l2 = await run(
          d,
          l1.gens.flatMap((g) => [g.cache.fork(), g.cache.fork(), g.cache.fork()]),
          { ...o, maxTokens: 6 },
        );
        const roll = await run(
          d,
          l2.gens.map((g) => g.cache.fork()),
          { ...o, maxTokens: 10 },
        );
        return [l1, l2, roll];
      };
      const a = await tree(flat);
      const { out: b, calls } = await spy(() => tree(grouped));
      // level 2 runs 3 groups of 3 (siblings share their parent's block), rollouts too (they share
      // their level-1 block)
      expect(calls.filter((c) => c.rows === 9 && c.groups === 3).length).toBeGreaterThan(10);
      for (const [lvl, x] of b.entries()) {
        const d = await compare(a[lvl] as Awaited<ReturnType<typeof run>>, x);
        expect(d.worst).toBeLessThan(1e-4);
        expect(d.vsFull).toBeLessThan(1e-4);
      }
    });

    it('unequal groups (padding rows) and rows that share nothing', async () => {
      const x = await prefill(seq.slice(0, 9));
      const y = await prefill(seq.slice(5, 20));
      const z = await prefill(seq.slice(20, 24));
      const caches = () => [
        x.fork(),
        y.fork(),
        x.fork(),
        z,
        y.fork(),
        x.fork(),
        KvCache.empty().append([3, 4]),
      ];
      const a = await run(flat, caches());
      const { out: b, calls } = await spy(() => run(grouped, caches()));
      // groups x (3 rows), y (2 rows + 1 padding), loose z and the new prompt (2 rows + 1 padding)
      expect(calls[calls.length - 1]).toMatchObject({ rows: 9, groups: 3 });
      const d = await compare(a, b);
      expect(d.worst).toBeLessThan(1e-4);
      expect(d.vsFull).toBeLessThan(1e-4);
    });

    it('rows finishing at different times leave the batch (compaction) without changing any row or cache', async () => {
      const x = await prefill(seq.slice(0, 6));
      const y = await prefill(seq.slice(10, 17));
      const stop = stopWhen((g) => g.length >= 2 + ((g[0] as number) % 11));
      const caches = () => [
        ...Array.from({ length: 5 }, () => x.fork()),
        ...Array.from({ length: 3 }, () => y.fork()),
      ];
      const o = { maxTokens: 9, stops: [stop], sampler: multinomial, processors: [temperature(2)] };
      const a = await run(flat, caches(), o);
      const { out: b, calls } = await spy(() => run(grouped, caches(), o));
      expect(calls[0]?.rows).toBe(10); // 2 groups of 5 (y padded)
      expect(Math.min(...calls.map((c) => c.rows))).toBeLessThan(10);
      expect(new Set(b.gens.map((g) => g.tokens.length)).size).toBeGreaterThan(2);
      expect(new Set(b.gens.map((g) => g.finishReason))).toEqual(new Set(['stop', 'max_tokens']));
      const d = await compare(a, b);
      expect(d.worst).toBeLessThan(1e-4);
      expect(d.vsFull).toBeLessThan(1e-4);
      // every returned cache holds correct keys/values: its next-token logits equal a recomputation
      for (const g of b.gens) {
        const next = (await dec.prefill([g.cache])).caches[0]?.nextLogits as Float32Array;
        const all = g.cache.tokens();
        const full = (await dec.prefill([KvCache.empty()], [all], { allLogits: true }))
          .logits[0] as Float32Array;
        expect(maxAbsDiff(next, full.subarray((all.length - 1) * V))).toBeLessThan(1e-4);
      }
    });

    it('caches from grouped generation fork and continue like fresh ones, in either layout', async () => {
      const root = await prefill(seq.slice(0, 10));
      const first = await grouped.generate([root.fork(), root.fork(), root.fork()], {
        maxTokens: 7,
        rng: new Rng(3),
        sampler: multinomial,
        processors: [temperature(1.5)],
      });
      // a generation's block holds its own tokens only, after the shared prefix
      for (const g of first) {
        expect(g.cache.chain()[0]).toBe(root.block);
        expect(g.cache.block?.start).toBe(10);
        expect(Array.from(g.cache.block?.tokens ?? [])).toEqual(g.tokens.slice(0, -1));
      }
      const kids = first.flatMap((g) => [g.cache.fork(), g.cache.fork()]);
      const fresh = (
        await dec.prefill(
          kids.map(() => KvCache.empty()),
          kids.map((k) => k.tokens()),
        )
      ).caches;
      const ref = await run(flat, fresh);
      for (const d of [grouped, flat]) {
        const r = await run(d, kids);
        const c = await compare(ref, r);
        expect(c.worst).toBeLessThan(1e-4);
        expect(c.vsFull).toBeLessThan(1e-4);
      }
    });
  });

  describe('Decoder: baked-in weights', () => {
    it('follow parameter changes (training between generations)', async () => {
      const m = new GptModel(resolveModelConfig('tiny', { ...cfg, initStd: 0.2 }), {
        runtime: { threads, device: 'cpu' },
        stepKernel,
      }).init(11);
      const d = new Decoder(m);
      const prompt = seq.slice(0, 6);
      const check = async () => {
        const start = (await d.prefill([KvCache.empty()], [prompt])).caches;
        const [g] = await d.generate(start, { maxTokens: 6, rng: new Rng(0), sampler: greedy });
        const tokens = [...prompt, ...(g?.tokens ?? [])];
        const scored = (await m.score([{ tokens }])).tokenLogp[0] as Float32Array; // parameters as inputs
        g?.tokens.forEach((_, i) =>
          expect(Math.abs((g.logprobs[i] as number) - (scored[prompt.length + i] as number))).toBeLessThan(
            1e-4,
          ),
        );
        return g?.tokens;
      };
      const before = await check();
      const w = await m.frozen();
      expect(await m.frozen()).toBe(w);
      // a generation in flight keeps the weights it started with while the parameters change
      const start = (await d.prefill([KvCache.empty()], [prompt])).caches;
      const inFlight = d.generate(start, { maxTokens: 6, rng: new Rng(0), sampler: greedy });
      for (let i = 0; i < m.params.length; i += 7) m.params[i] = (m.params[i] as number) * -1.5;
      expect(await m.frozen()).not.toBe(w);
      const after = await check();
      expect(after).not.toEqual(before);
      expect((await inFlight)[0]?.tokens).toEqual(before);
      await m.release();
    });
  });

  describe('Decoder: rows that join a running generation (onFinish)', () => {
    const budgets = { segment: 4, child: 5 };

    async function roots(): Promise<KvCache[]> {
      const [root] = (await dec.prefill([KvCache.empty()], [seq.slice(0, 9)])).caches;
      return [(root as KvCache).fork(), (root as KvCache).fork()].map((c, i) => c.append([i + 1]));
    }

    it.each(['grouped', 'flat'] as const)(
      'children started on finish generate what they generate when run afterwards (%s attention)',
      async (attention) => {
        const dec = new Decoder(model, { attention });
        const base = await roots();
        // siblings of different lengths, so the children join while the longer row still runs
        const joinedAt: number[] = [];
        const all = await dec.generate(base, {
          maxTokens: [budgets.segment, budgets.segment + 6],
          rng: new Rng(0),
          sampler: greedy,
          onFinish: (g, row) => {
            if (row >= 2) return [];
            joinedAt.push(row);
            return [0, 1].map(() => ({ cache: g.cache.fork(), maxTokens: budgets.child }));
          },
        });
        expect(joinedAt).toEqual([0, 1]);
        expect(all).toHaveLength(6);
        // the two roots share their prompt, and each pair of children its parent's segment (a row
        // left alone at the end steps ungrouped)
        if (attention === 'grouped')
          expect(dec.stats.groupedSteps).toBeGreaterThanOrEqual(dec.stats.steps - 2);
        else expect(dec.stats.groupedSteps).toBe(0);
        const parents = await dec.generate(base, {
          maxTokens: [budgets.segment, budgets.segment + 6],
          rng: new Rng(0),
          sampler: greedy,
        });
        expect(all.slice(0, 2).map((g) => g.tokens)).toEqual(parents.map((g) => g.tokens));
        for (const [k, parent] of [0, 0, 1, 1].entries()) {
          const [alone] = await dec.generate([(parents[parent] as { cache: KvCache }).cache.fork()], {
            maxTokens: budgets.child,
            rng: new Rng(0),
            sampler: greedy,
          });
          const joined = all[2 + k];
          expect(joined?.tokens).toEqual(alone?.tokens);
          expect(joined?.tokens).toHaveLength(budgets.child);
          expect(joined?.cache.tokens()).toEqual(alone?.cache.tokens());
          expect(
            Math.max(...(joined?.logprobs ?? []).map((x, t) => Math.abs(x - (alone?.logprobs[t] as number)))),
          ).toBeLessThan(1e-4);
        }
      },
    );

    it('joined children step in one group with the running rows that share their parent’s block', async () => {
      // two level-1 nodes; from each, a rollout and two segments; each finished segment starts a
      // child. The children share their node's block with that node's rollout, still running.
      const [root] = (await dec.prefill([KvCache.empty()], [seq.slice(0, 9)])).caches;
      const expand = async (attention: 'grouped' | 'flat') => {
        const d = new Decoder(model, { attention });
        const nodes = await d.generate(
          [0, 1].map(() => (root as KvCache).fork()),
          {
            maxTokens: 4,
            rng: new Rng(3),
            sampler: greedy,
          },
        );
        const rows = nodes.flatMap((n) => [0, 1, 2].map(() => n.cache.fork()));
        const calls: { rows: number; groups: number }[] = [];
        const restore = recordSteps(model, calls);
        const gens = await d
          .generate(rows, {
            maxTokens: [12, 4, 4, 12, 4, 4],
            rng: new Rng(3),
            sampler: greedy,
            onFinish: (g, row) => (row % 3 !== 0 && row < 6 ? [{ cache: g.cache.fork(), maxTokens: 5 }] : []),
          })
          .finally(restore);
        return { gens, calls };
      };
      const grouped = await expand('grouped');
      // before the join: two groups of three (rollout + segments); after it: two groups of three
      // (rollout + children), never the rollouts apart in a group of their own
      expect(grouped.calls.every((c) => c.groups === 2 || c.rows <= 2)).toBe(true);
      expect(grouped.calls.filter((c) => c.rows === 6 && c.groups === 2).length).toBeGreaterThanOrEqual(9);
      const flat = await expand('flat');
      expect(flat.calls.every((c) => c.groups === 0)).toBe(true);
      expect(grouped.gens.map((g) => g.tokens)).toEqual(flat.gens.map((g) => g.tokens));
      for (const [i, g] of grouped.gens.entries())
        expect(
          Math.max(...g.logprobs.map((x, t) => Math.abs(x - (flat.gens[i]?.logprobs[t] as number)))),
        ).toBeLessThan(1e-4);
    });

    it('a joined row may need its whole prefix encoded (pending tokens) and may add rows itself', async () => {
      const base = await roots();
      const depth = new Map<number, number>([
        [0, 0],
        [1, 0],
      ]);
      let next = 2;
      const all = await dec.generate(base, {
        maxTokens: 3,
        rng: new Rng(0),
        sampler: greedy,
        onFinish: (g, row) => {
          const d = depth.get(row) as number;
          if (d >= 2) return [];
          depth.set(next++, d + 1);
          // re-encoded from scratch: the decoder prefills it before it joins
          return [{ cache: KvCache.empty().append(g.cache.tokens()), maxTokens: 3 }];
        },
      });
      expect(all).toHaveLength(6);
      // each chain of rows (0 → 2 → 4, 1 → 3 → 5) is one greedy continuation of 9 tokens
      for (const [a, b, z] of [
        [0, 2, 4],
        [1, 3, 5],
      ] as const) {
        const [straight] = await dec.generate([(base[a] as KvCache).fork()], {
          maxTokens: 9,
          rng: new Rng(0),
          sampler: greedy,
        });
        expect([...(all[a]?.tokens ?? []), ...(all[b]?.tokens ?? []), ...(all[z]?.tokens ?? [])]).toEqual(
          straight?.tokens,
        );
        expect(all[z]?.cache.tokens()).toEqual(straight?.cache.tokens());
      }
    });

    it('rejects a joined row with a bad budget, naming it', async () => {
      const base = await roots();
      await expect(
        dec.generate(base, {
          maxTokens: 2,
          rng: new Rng(0),
          onFinish: (g) => [{ cache: g.cache.fork(), maxTokens: 0 }],
        }),
      ).rejects.toThrow(/row 2 \(added by onFinish\): maxTokens must be a positive integer, got 0/);
    });
  });
});
