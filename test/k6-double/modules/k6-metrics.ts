// TEST DOUBLE of k6's `k6/metrics` module: custom metrics accept values and keep nothing.
class Metric {
  constructor(
    readonly name: string,
    readonly isTime = false,
  ) {
    if (!/^[A-Za-z0-9_]{1,128}$/.test(name)) throw new Error(`k6 double: invalid metric name ${JSON.stringify(name)}`);
  }
  add(value: number | boolean, _tags?: Record<string, string>): void {
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(`k6 double: metric ${this.name} got a non-numeric value ${String(value)}`);
    }
  }
}

export class Counter extends Metric {}
export class Gauge extends Metric {}
export class Rate extends Metric {}
export class Trend extends Metric {}

export default { Counter, Gauge, Rate, Trend };
