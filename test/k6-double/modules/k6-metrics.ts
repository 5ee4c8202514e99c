// TEST DOUBLE of k6's `k6/metrics` module: custom Counter, Gauge, Rate and Trend metrics, created
// in the init context; add() emits a sample with the VU's tags plus the given ones (load mode).
import { currentTags, doubleState, emitSample, tagValue } from '../double-state.js';
import { METRIC_NAME, type MetricType } from '../metrics/sample.js';

class Metric {
  readonly name: string;

  constructor(name: string, isTime: boolean, type: MetricType) {
    const state = doubleState();
    if (state.phase !== 'init') throw new Error('k6 double: metrics must be declared in the init context (as in k6)');
    if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
      throw new Error(`k6 double: invalid metric name ${JSON.stringify(name)}: metric names must only include up to 128 ASCII letters, numbers, or underscores and start with a letter or an underscore`);
    }
    const contains = isTime === true ? 'time' : 'default';
    const existing = state.customMetrics.get(name);
    if (existing !== undefined && (existing.type !== type || existing.contains !== contains)) {
      throw new Error(`k6 double: metric '${name}' already exists but with type ${existing.type} (${existing.contains}), instead of ${type} (${contains})`);
    }
    state.customMetrics.set(name, { name, type, contains });
    this.name = name;
  }

  /** Numbers as they are, booleans as 1/0; anything else is refused with a warning (k6 without `throw`). */
  add(value: number | boolean, tags?: Record<string, unknown>): boolean {
    const state = doubleState();
    if (state.phase === 'init') throw new Error('k6 double: adding to metrics in the init context is not supported (as in k6)');
    const numeric = typeof value === 'boolean' ? (value ? 1 : 0) : value === null || value === undefined ? Number.NaN : Number(value);
    if (Number.isNaN(numeric)) {
      console.warn(`k6 double: '${String(value)}' is an invalid value for metric '${this.name}', a number or a boolean value is expected`);
      return false;
    }
    const extra: Record<string, string> = {};
    for (const [key, tag] of Object.entries(tags ?? {})) extra[key] = tagValue(key, tag);
    emitSample(state, this.name, numeric, currentTags(state, extra));
    return true;
  }
}

export class Counter extends Metric {
  constructor(name: string, isTime = false) {
    super(name, isTime, 'counter');
  }
}
export class Gauge extends Metric {
  constructor(name: string, isTime = false) {
    super(name, isTime, 'gauge');
  }
}
export class Rate extends Metric {
  constructor(name: string, isTime = false) {
    super(name, isTime, 'rate');
  }
}
export class Trend extends Metric {
  constructor(name: string, isTime = false) {
    super(name, isTime, 'trend');
  }
}

export default { Counter, Gauge, Rate, Trend };
