// Clocks: per-call latency, medians and p95, and the memory an index keeps.

export interface Stats {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Nearest-rank median and 95th percentile. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);
  return { runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95) };
}

export function elapsedMs<T>(fn: () => T): { ms: number; value: T } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

export interface Memory {
  heapMb: number;
  rssMb: number;
  /** Whether the heap was collected before each reading (node --expose-gc). */
  collected: boolean;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** Time and memory kept (heap and resident, after a collection on each side) of building something. */
export function measureBuild(build: () => void): { ms: number; memory: Memory } {
  collect();
  const before = process.memoryUsage();
  const { ms } = elapsedMs(build);
  collect();
  const after = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  return { ms: round(ms), memory: { heapMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss - before.rss), collected: typeof (globalThis as { gc?: unknown }).gc === 'function' } };
}

export { collect };
