import { availableParallelism } from 'node:os';

/**
 * A fixed pool of worker slots (one sandbox uid each) shared by concurrent jobs: `use` waits for a
 * free slot, runs the job on it and hands it back. Slots are created on first use. The default
 * size is the number of cores.
 */
export class Pool<T> {
  private readonly slots: (T | undefined)[];
  private readonly free: number[];
  private readonly waiters: ((i: number) => void)[] = [];
  private closed = false;

  constructor(
    readonly size: number,
    private readonly create: (index: number) => T,
    private readonly destroy: (slot: T) => Promise<void>,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.slots = new Array<T | undefined>(size).fill(undefined);
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  static defaultSize(): number {
    return Math.max(1, availableParallelism());
  }

  async use<R>(job: (slot: T, index: number) => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('pool is closed');
    const i = await this.acquire();
    try {
      let slot = this.slots[i];
      if (slot === undefined) {
        slot = this.create(i);
        this.slots[i] = slot;
      }
      return await job(slot, i);
    } finally {
      this.release(i);
    }
  }

  private acquire(): Promise<number> {
    const i = this.free.shift();
    if (i !== undefined) return Promise.resolve(i);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(i: number): void {
    const w = this.waiters.shift();
    if (w !== undefined) w(i);
    else this.free.push(i);
  }

  /** The slots created so far (for accounting; do not use them outside `use`). */
  created(): readonly T[] {
    return this.slots.filter((s): s is T => s !== undefined);
  }

  /** Destroy every created slot (waits for nothing in flight: call after jobs settle). */
  async close(): Promise<void> {
    this.closed = true;
    const made = this.slots.filter((s): s is T => s !== undefined);
    this.slots.fill(undefined);
    await Promise.all(made.map((s) => this.destroy(s)));
  }
}
