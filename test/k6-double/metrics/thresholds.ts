// Thresholds of the k6 TEST DOUBLE, written from k6's documentation of thresholds: keys are a
// metric name or a sub-metric `name{tag:value,...}`; each expression is `method operator number`
// with methods count/rate (Counter), value (Gauge), rate (Rate), avg/min/max/med/p(N) (Trend).
import { durationMs } from '../durations.js';
import type { MetricType } from './sample.js';
import type { Sink } from './sinks.js';

const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
type Operator = (typeof OPERATORS)[number];

const METHODS_BY_TYPE: Record<MetricType, string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};

export interface Threshold {
  source: string;
  method: string;
  /** N of p(N). */
  percentile?: number;
  operator: Operator;
  value: number;
  abortOnFail: boolean;
  delayAbortEvalMs?: number;
  /** Outcome of the latest evaluation. */
  failed: boolean;
}

export interface MetricSelector {
  metric: string;
  /** The text between the braces (k6 names the sub-metric `metric{text}`); undefined for a whole metric. */
  suffix?: string;
  tags?: Record<string, string>;
}

/** A key of options.thresholds: `metric` or `metric{tag:value,tag2:value2}` (quotes around keys and values are dropped). */
export function parseMetricSelector(key: string): MetricSelector {
  const open = key.indexOf('{');
  const close = key.lastIndexOf('}');
  if (open === -1 && close === -1) return { metric: key };
  if (open === -1 || close === -1 || close < open || close !== key.length - 1) {
    throw new Error(`threshold key ${JSON.stringify(key)}: a sub-metric is written metric{tag:value}, with the closing brace last`);
  }
  const suffix = key.slice(open + 1, close).trim();
  const tags: Record<string, string> = {};
  for (const pair of suffix.split(',')) {
    const colon = pair.indexOf(':');
    if (colon === -1 || pair.slice(colon + 1) === '') {
      throw new Error(`threshold key ${JSON.stringify(key)}: tag expression ${JSON.stringify(pair)} is not tag:value`);
    }
    const unquote = (text: string): string => text.trim().replace(/^["']+|["']+$/g, '');
    tags[unquote(pair.slice(0, colon))] = unquote(pair.slice(colon + 1));
  }
  return { metric: key.slice(0, open), suffix, tags };
}

/** One threshold expression, e.g. `p(95)<500`, `rate>15`, `count>=100`. */
export function parseThresholdExpression(source: string): Omit<Threshold, 'abortOnFail' | 'failed'> {
  for (const operator of OPERATORS) {
    const at = source.indexOf(operator);
    if (at === -1 || source.slice(at + operator.length) === '') continue;
    const method = source.slice(0, at).trim();
    const right = source.slice(at + operator.length).trim();
    const value = right === '' ? Number.NaN : Number(right);
    if (Number.isNaN(value)) throw new Error(`threshold ${JSON.stringify(source)}: right-hand side ${JSON.stringify(right)} is not a number`);
    const percentile = /^p\((.*)\)$/.exec(method);
    if (percentile !== null) {
      const n = Number(percentile[1]);
      if (percentile[1].trim() === '' || Number.isNaN(n) || n < 0 || n > 100) {
        throw new Error(`threshold ${JSON.stringify(source)}: percentile must be a number between 0 and 100`);
      }
      return { source, method: 'p(N)', percentile: n, operator, value };
    }
    if (!['count', 'rate', 'value', 'avg', 'min', 'max', 'med'].includes(method)) {
      throw new Error(`threshold ${JSON.stringify(source)}: unknown aggregation method ${JSON.stringify(method)} (count, rate, value, avg, min, max, med or p(N))`);
    }
    return { source, method, operator, value };
  }
  throw new Error(`threshold ${JSON.stringify(source)}: malformed expression (expected e.g. "p(95)<500")`);
}

/** A threshold list entry: a string, or `{ threshold, abortOnFail, delayAbortEval }`. */
export function parseThreshold(entry: unknown, key: string): Threshold {
  if (typeof entry === 'string') return { ...parseThresholdExpression(entry), abortOnFail: false, failed: false };
  if (entry !== null && typeof entry === 'object' && typeof (entry as { threshold?: unknown }).threshold === 'string') {
    const config = entry as { threshold: string; abortOnFail?: unknown; delayAbortEval?: unknown };
    const threshold: Threshold = { ...parseThresholdExpression(config.threshold), abortOnFail: config.abortOnFail === true, failed: false };
    if (config.delayAbortEval !== undefined && config.delayAbortEval !== null) threshold.delayAbortEvalMs = durationMs(config.delayAbortEval);
    return threshold;
  }
  throw new Error(`thresholds[${JSON.stringify(key)}]: each entry must be an expression string or { threshold, abortOnFail, delayAbortEval }`);
}

export function checkMethodFits(threshold: Threshold, type: MetricType, key: string): void {
  const allowed = METHODS_BY_TYPE[type];
  if (!allowed.includes(threshold.method)) {
    const shown = threshold.method === 'p(N)' ? `p(${threshold.percentile})` : threshold.method;
    throw new Error(`invalid threshold ${JSON.stringify(threshold.source)} on ${key}: aggregation method ${shown} does not apply to a ${type} metric (it supports ${allowed.join(', ')})`);
  }
}

/**
 * The number a threshold compares, or undefined when the sink has none (an empty Rate has no
 * rate, and a Counter has no rate before any time passed): k6 then lets the threshold pass.
 */
export function aggregate(threshold: Threshold, sink: Sink, testRunMs: number): number | undefined {
  switch (sink.type) {
    case 'counter':
      if (threshold.method === 'count') return sink.count;
      return testRunMs > 0 ? sink.rate(testRunMs) : undefined;
    case 'gauge':
      return sink.value;
    case 'rate':
      return sink.total > 0 ? sink.rate : undefined;
    case 'trend':
      switch (threshold.method) {
        case 'avg':
          return sink.avg;
        case 'min':
          return sink.min;
        case 'max':
          return sink.max;
        case 'med':
          return sink.percentile(0.5);
        default:
          return sink.percentile((threshold.percentile ?? 0) / 100);
      }
  }
}

export function compare(left: number, operator: Operator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
    case '===':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** Evaluates every threshold of one metric; records each outcome in `failed` and returns the measured values. */
export function evaluateThresholds(thresholds: Threshold[], sink: Sink, testRunMs: number): (number | undefined)[] {
  return thresholds.map((threshold) => {
    const measured = aggregate(threshold, sink, testRunMs);
    threshold.failed = measured !== undefined && !compare(measured, threshold.operator, threshold.value);
    return measured;
  });
}
