/** Wall time an analyzer spent on one chunk of a bench. Streams `timings`, `suite-timings`. */
export interface TimingRecord {
  readonly analyzer: string;
  readonly files: number;
  readonly ms: number;
}

/** Mean ms per file per analyzer, and `all`: every analyzer's time over the files seen. */
export function msPerFileOf(timings: readonly TimingRecord[], files: number): Record<string, number> {
  const ms = new Map<string, { ms: number; files: number }>();
  for (const t of timings) {
    const m = ms.get(t.analyzer) ?? { ms: 0, files: 0 };
    m.ms += t.ms;
    m.files += t.files;
    ms.set(t.analyzer, m);
  }
  const out: Record<string, number> = {};
  let all = 0;
  for (const [id, m] of ms) {
    out[id] = m.files === 0 ? 0 : m.ms / m.files;
    all += m.ms;
  }
  out['all'] = files === 0 ? 0 : all / files;
  return out;
}
