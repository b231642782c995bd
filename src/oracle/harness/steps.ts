/** One `exec` step's result from the in-sandbox worker (src/lang/worker/worker.py). */
export interface StepResult {
  readonly exit: number | null;
  readonly signal: string | null;
  readonly output: string;
  readonly outputBytes: number;
  readonly limit: 'wall' | 'cpu' | 'output' | 'file_size' | null;
  readonly ms: number;
}

const LIMITS = ['wall', 'cpu', 'output', 'file_size'] as const;

/** Narrow the worker's JSON (untyped at the process boundary). */
export function stepResult(raw: unknown): StepResult | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const limit = LIMITS.find((l) => l === r['limit']) ?? null;
  return {
    exit: typeof r['exit'] === 'number' ? r['exit'] : null,
    signal: typeof r['signal'] === 'string' ? r['signal'] : null,
    output: typeof r['output'] === 'string' ? r['output'] : '',
    outputBytes: typeof r['output_bytes'] === 'number' ? r['output_bytes'] : 0,
    limit,
    ms: typeof r['ms'] === 'number' ? r['ms'] : 0,
  };
}
