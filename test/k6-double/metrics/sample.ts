// Metric samples of the k6 TEST DOUBLE: what VU threads emit and the controller aggregates.

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
/** k6's value type: `time` values are milliseconds. */
export type ValueType = 'default' | 'time' | 'data';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: ValueType;
}

export interface Sample {
  metric: string;
  /** Virtual epoch milliseconds (see clock.ts). */
  time: number;
  value: number;
  tags: Record<string, string>;
  /** Non-indexed values (exec.vu.metrics.metadata): written to --out json, never matched by thresholds. */
  metadata?: Record<string, string>;
}

/** k6's built-in metrics that the double emits (the HTTP timings it cannot measure are left out). */
export const BUILTIN_METRICS: MetricDefinition[] = [
  { name: 'vus', type: 'gauge', contains: 'default' },
  { name: 'vus_max', type: 'gauge', contains: 'default' },
  { name: 'iterations', type: 'counter', contains: 'default' },
  { name: 'iteration_duration', type: 'trend', contains: 'time' },
  { name: 'dropped_iterations', type: 'counter', contains: 'default' },
  { name: 'data_sent', type: 'counter', contains: 'data' },
  { name: 'data_received', type: 'counter', contains: 'data' },
  { name: 'checks', type: 'rate', contains: 'default' },
  { name: 'group_duration', type: 'trend', contains: 'time' },
  { name: 'http_reqs', type: 'counter', contains: 'default' },
  { name: 'http_req_duration', type: 'trend', contains: 'time' },
  { name: 'http_req_waiting', type: 'trend', contains: 'time' },
  { name: 'http_req_receiving', type: 'trend', contains: 'time' },
  { name: 'http_req_failed', type: 'rate', contains: 'default' },
];

/** k6's rule for metric names: a letter or underscore, then 1 to 128 letters, digits or underscores. */
export const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{1,128}$/;
