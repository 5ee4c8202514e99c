import type { Sample } from './samples.js';

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function isError(sample: Sample): boolean {
  return !sample.success && !sample.slowOnly;
}

export interface WindowStats {
  count: number;
  errors: number;
  errorRate: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
  /** Requests per second over `seconds`. */
  throughputRps: number;
  seconds: number;
}

/** Statistics of samples over a window of `seconds` (at least the span of the samples themselves when not given). */
export function windowStats(samples: readonly Sample[], seconds?: number): WindowStats {
  const elapsed = samples.map((sample) => sample.elapsedMs);
  const errors = samples.filter(isError).length;
  const first = samples.reduce((min, sample) => Math.min(min, sample.startMs), Number.POSITIVE_INFINITY);
  const last = samples.reduce((max, sample) => Math.max(max, sample.startMs + sample.elapsedMs), Number.NEGATIVE_INFINITY);
  const span = samples.length === 0 ? 0 : Math.max(1, (last - first) / 1000);
  const window = seconds ?? span;
  return {
    count: samples.length,
    errors,
    errorRate: samples.length === 0 ? 0 : errors / samples.length,
    p95Ms: percentile(elapsed, 95),
    meanMs: mean(elapsed),
    maxMs: elapsed.length === 0 ? Number.NaN : elapsed.reduce((max, value) => Math.max(max, value), 0),
    throughputRps: window > 0 ? samples.length / window : 0,
    seconds: window,
  };
}
