/**
 * Bounded readers of untrusted output. A sandboxed program can write without end; these keep at
 * most `cap` bytes (the head, or the tail for diagnostics) and count the rest.
 */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(
    private readonly cap: number,
    private readonly keepTail = false,
  ) {}

  get truncated(): boolean {
    return this.total > this.kept;
  }

  push(b: Buffer): void {
    this.total += b.length;
    if (this.keepTail) {
      this.chunks.push(b);
      this.kept += b.length;
      while (this.kept > this.cap && this.chunks.length > 0) {
        const first = this.chunks[0] as Buffer;
        const excess = this.kept - this.cap;
        if (first.length <= excess) {
          this.chunks.shift();
          this.kept -= first.length;
        } else {
          this.chunks[0] = first.subarray(excess);
          this.kept -= excess;
        }
      }
      return;
    }
    if (this.kept >= this.cap) return;
    const take = b.subarray(0, this.cap - this.kept);
    this.chunks.push(take);
    this.kept += take.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Splits a byte stream into lines, refusing lines longer than `maxLine` bytes. */
export class LineReader {
  private buf: Buffer[] = [];
  private bufLen = 0;
  private readonly ready: string[] = [];
  private waiter:
    { resolve: (s: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private ended = false;

  constructor(private readonly maxLine: number) {}

  /** false when a line grew past the limit (the stream should be killed) */
  push(b: Buffer): boolean {
    let start = 0;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, start)) {
      this.buf.push(b.subarray(start, i));
      this.ready.push(Buffer.concat(this.buf).toString('utf8'));
      this.buf = [];
      this.bufLen = 0;
      start = i + 1;
    }
    if (start < b.length) {
      this.buf.push(b.subarray(start));
      this.bufLen += b.length - start;
    }
    this.flush();
    return this.bufLen <= this.maxLine;
  }

  end(): void {
    this.ended = true;
    this.flush();
  }

  next(timeoutMs: number): Promise<string> {
    if (this.waiter !== undefined) return Promise.reject(new Error('LineReader: concurrent next()'));
    const line = this.ready.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.reject(new Error('the process ended'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  private flush(): void {
    const w = this.waiter;
    if (w === undefined) return;
    const line = this.ready.shift();
    if (line !== undefined) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.resolve(line);
    } else if (this.ended) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(new Error('the process ended'));
    }
  }
}
