// Aggregates of one metric (or sub-metric) in the k6 TEST DOUBLE, with k6's semantics:
// a Counter sums, a Gauge keeps the last value (and min/max), a Rate counts non-zero values,
// a Trend keeps every value for exact percentiles.
import type { MetricType } from './sample.js';

export class CounterSink {
  readonly type = 'counter';
  count = 0;
  private samples = 0;
  add(value: number): void {
    this.count += value;
    this.samples++;
  }
  get empty(): boolean {
    return this.samples === 0;
  }
  /** Per second over the elapsed time of the whole test run (k6's `rate` of a Counter); 0 before any time passed. */
  rate(testRunMs: number): number {
    return testRunMs > 0 ? this.count / (testRunMs / 1000) : 0;
  }
}

export class GaugeSink {
  readonly type = 'gauge';
  value = 0;
  min = 0;
  max = 0;
  private seen = false;
  add(value: number): void {
    this.value = value;
    if (!this.seen || value > this.max) this.max = value;
    if (!this.seen || value < this.min) this.min = value;
    this.seen = true;
  }
  get empty(): boolean {
    return !this.seen;
  }
}

export class RateSink {
  readonly type = 'rate';
  passes = 0;
  total = 0;
  add(value: number): void {
    this.total++;
    if (value !== 0) this.passes++;
  }
  get empty(): boolean {
    return this.total === 0;
  }
  get fails(): number {
    return this.total - this.passes;
  }
  /** Share of non-zero values; 0 when empty (as k6 shows it). */
  get rate(): number {
    return this.total > 0 ? this.passes / this.total : 0;
  }
}

export class TrendSink {
  readonly type = 'trend';
  private values: number[] = [];
  private sorted = true;
  sum = 0;
  min = 0;
  max = 0;
  add(value: number): void {
    if (this.values.length === 0 || value < this.min) this.min = value;
    if (this.values.length === 0 || value > this.max) this.max = value;
    if (this.values.length > 0 && value < this.values[this.values.length - 1]) this.sorted = false;
    this.values.push(value);
    this.sum += value;
  }
  get empty(): boolean {
    return this.values.length === 0;
  }
  get count(): number {
    return this.values.length;
  }
  get avg(): number {
    return this.values.length === 0 ? 0 : this.sum / this.values.length;
  }
  /**
   * The p-th quantile (p in [0, 1]) by linear interpolation between the closest ranks: position
   * p·(n − 1) in the sorted values — k6's method. 0 when empty.
   */
  percentile(p: number): number {
    const n = this.values.length;
    if (n === 0) return 0;
    if (!this.sorted) {
      this.values.sort((a, b) => a - b);
      this.sorted = true;
    }
    const position = p * (n - 1);
    const below = Math.floor(position);
    const above = Math.ceil(position);
    return this.values[below] + (this.values[above] - this.values[below]) * (position - below);
  }
}

export type Sink = CounterSink | GaugeSink | RateSink | TrendSink;

export function newSink(type: MetricType): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendSink();
  }
}
