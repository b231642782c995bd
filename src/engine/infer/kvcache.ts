/**
 * KV caches that can be FORKED: a cache is an immutable chain of blocks (each the keys and values
 * of a run of consecutive tokens, per layer) plus what comes next. Sibling branches of a tree fork
 * the same cache and share every block of their common prefix; appending creates a new block whose
 * parent is the shared one (copy-on-write without copies). Nothing here runs the model.
 */
export class KvBlock {
  constructor(
    readonly parent: KvBlock | null,
    /** absolute position of this block's first token */
    readonly start: number,
    readonly tokens: Int32Array,
    /** per layer: keys (H, n, D) */
    readonly k: readonly Float32Array[],
    /** per layer: values (H, n, D) */
    readonly v: readonly Float32Array[],
  ) {}

  get end(): number {
    return this.start + this.tokens.length;
  }
}

/**
 * A sequence's cache: processed tokens (the block chain) and then either the next-token log-probs
 * (`nextLogits`, normalised logits) or tokens not yet run through the model (`pending`, e.g. the last sampled
 * token). Immutable: every operation returns a new cache.
 */
export class KvCache {
  private constructor(
    readonly block: KvBlock | null,
    readonly pending: readonly number[],
    readonly nextLogits: Float32Array | null,
  ) {}

  static empty(): KvCache {
    return new KvCache(null, [], null);
  }

  /** @internal used by the decoder */
  static of(block: KvBlock | null, pending: readonly number[], nextLogits: Float32Array | null): KvCache {
    return new KvCache(block, pending, nextLogits);
  }

  /** tokens with keys/values in the cache */
  get processed(): number {
    return this.block === null ? 0 : this.block.end;
  }

  /** all tokens of the sequence (processed + pending) */
  get length(): number {
    return this.processed + this.pending.length;
  }

  /** A cache with extra tokens queued (they run in the next prefill/generate). */
  append(tokens: readonly number[]): KvCache {
    if (tokens.length === 0) return this;
    return new KvCache(this.block, [...this.pending, ...tokens], null);
  }

  /** A sibling that shares every processed block with this one (no copy, no recomputation). */
  fork(): KvCache {
    return new KvCache(this.block, this.pending, this.nextLogits);
  }

  /** The token ids of the sequence. */
  tokens(): number[] {
    const parts: Int32Array[] = [];
    for (let b = this.block; b !== null; b = b.parent) parts.push(b.tokens);
    const out: number[] = [];
    for (let i = parts.length - 1; i >= 0; i--) out.push(...(parts[i] as Int32Array));
    out.push(...this.pending);
    return out;
  }

  /** Blocks from the first to the last. */
  chain(): KvBlock[] {
    const out: KvBlock[] = [];
    for (let b = this.block; b !== null; b = b.parent) out.push(b);
    return out.reverse();
  }

  /** Whether `other` shares this cache's processed prefix object (for tests of sharing). */
  sharesPrefixWith(other: KvCache): boolean {
    return this.block !== null && this.block === other.block;
  }
}
