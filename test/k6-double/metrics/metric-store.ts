// The k6 TEST DOUBLE's metric engine on the controller side: metric definitions, one sink per
// metric and per sub-metric that thresholds name, the thresholds themselves, and which metrics
// were observed (had a sample or a threshold), as k6 shows in its end-of-test summary.
import { BUILTIN_METRICS, type MetricDefinition, type Sample } from './sample.js';
import { newSink, type Sink } from './sinks.js';
import { checkMethodFits, evaluateThresholds, parseMetricSelector, parseThreshold, type Threshold } from './thresholds.js';

export interface Submetric {
  /** `metric{suffix}` as k6 names it. */
  name: string;
  parent: string;
  suffix: string;
  tags: Record<string, string>;
  sink: Sink;
}

export interface ThresholdSet {
  /** The options.thresholds key, e.g. `http_reqs{scenario:load}`. */
  key: string;
  /** The metric or sub-metric name the sink belongs to. */
  name: string;
  definition: MetricDefinition;
  thresholds: Threshold[];
  sink: Sink;
}

export interface ThresholdOutcome {
  key: string;
  source: string;
  ok: boolean;
  /** The value compared, when there was one. */
  measured?: number;
  method: string;
}

function matches(tags: Record<string, string>, wanted: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(wanted)) if (tags[key] !== value) return false;
  return true;
}

export class MetricStore {
  private readonly definitions = new Map<string, MetricDefinition>();
  private readonly sinks = new Map<string, Sink>();
  private readonly submetrics = new Map<string, Submetric[]>();
  private readonly observed = new Set<string>();
  readonly thresholdSets: ThresholdSet[] = [];

  constructor() {
    for (const definition of BUILTIN_METRICS) this.definitions.set(definition.name, definition);
    // k6 always tracks the duration of expected responses as a sub-metric.
    this.addSubmetric('http_req_duration', 'expected_response:true', { expected_response: 'true' });
  }

  /** Registers a custom metric; a name already taken with another type is an error, as in k6. */
  define(definition: MetricDefinition): void {
    const existing = this.definitions.get(definition.name);
    if (existing !== undefined && (existing.type !== definition.type || existing.contains !== definition.contains)) {
      throw new Error(`metric '${definition.name}' already exists with type ${existing.type} (${existing.contains}), not ${definition.type} (${definition.contains})`);
    }
    this.definitions.set(definition.name, definition);
  }

  definition(name: string): MetricDefinition | undefined {
    return this.definitions.get(name);
  }

  private addSubmetric(parent: string, suffix: string, tags: Record<string, string>): Submetric {
    const list = this.submetrics.get(parent) ?? [];
    const wanted = JSON.stringify(Object.entries(tags).sort());
    const existing = list.find((sub) => JSON.stringify(Object.entries(sub.tags).sort()) === wanted);
    if (existing !== undefined) return existing;
    const definition = this.definitions.get(parent) as MetricDefinition;
    const submetric: Submetric = { name: `${parent}{${suffix}}`, parent, suffix, tags, sink: newSink(definition.type) };
    list.push(submetric);
    this.submetrics.set(parent, list);
    return submetric;
  }

  /**
   * Reads options.thresholds. Throws (k6: invalid config, exit 104) on an unknown metric, a
   * malformed key or expression, or a method the metric's type does not have.
   */
  addThresholds(thresholds: Record<string, unknown>): void {
    for (const [key, entries] of Object.entries(thresholds)) {
      const selector = parseMetricSelector(key);
      const definition = this.definitions.get(selector.metric);
      if (definition === undefined) throw new Error(`invalid threshold defined on ${key}: no metric name ${JSON.stringify(selector.metric)} found (built-in or created in the init context)`);
      if (!Array.isArray(entries)) throw new Error(`thresholds[${JSON.stringify(key)}] must be an array of threshold expressions`);
      const parsed = entries.map((entry) => parseThreshold(entry, key));
      for (const threshold of parsed) checkMethodFits(threshold, definition.type, key);
      let name = selector.metric;
      let sink: Sink;
      if (selector.tags === undefined) {
        sink = this.sinkOf(selector.metric);
      } else {
        const submetric = this.addSubmetric(selector.metric, selector.suffix ?? '', selector.tags);
        name = submetric.name;
        sink = submetric.sink;
      }
      // Metrics with thresholds are shown in the summary even without samples, with their parent.
      this.observed.add(selector.metric);
      this.observed.add(name);
      this.thresholdSets.push({ key, name, definition, thresholds: parsed, sink });
    }
  }

  private sinkOf(name: string): Sink {
    let sink = this.sinks.get(name);
    if (sink === undefined) {
      sink = newSink((this.definitions.get(name) as MetricDefinition).type);
      this.sinks.set(name, sink);
    }
    return sink;
  }

  /** Adds one sample to its metric and to every sub-metric whose tags it carries. Unknown metrics are ignored. */
  ingest(sample: Sample): void {
    if (!this.definitions.has(sample.metric)) return;
    this.sinkOf(sample.metric).add(sample.value);
    this.observed.add(sample.metric);
    for (const submetric of this.submetrics.get(sample.metric) ?? []) {
      if (matches(sample.tags, submetric.tags)) {
        submetric.sink.add(sample.value);
        this.observed.add(submetric.name);
      }
    }
  }

  /** Observed metrics and sub-metrics, by name, with their definition and sink. */
  observedMetrics(): { name: string; definition: MetricDefinition; sink: Sink }[] {
    const result: { name: string; definition: MetricDefinition; sink: Sink }[] = [];
    for (const name of [...this.observed].sort()) {
      const brace = name.indexOf('{');
      const parent = brace === -1 ? name : name.slice(0, brace);
      const definition = this.definitions.get(parent) as MetricDefinition;
      const sink = brace === -1 ? this.sinkOf(name) : (this.submetrics.get(parent) ?? []).find((sub) => sub.name === name)?.sink;
      if (sink !== undefined) result.push({ name, definition, sink });
    }
    return result;
  }

  hasAbortingThresholds(): boolean {
    return this.thresholdSets.some((set) => set.thresholds.some((threshold) => threshold.abortOnFail));
  }

  /**
   * Evaluates the thresholds. During the run (`final` false) metrics without samples are skipped
   * and the result says whether a failed abortOnFail threshold (past its delayAbortEval) ends the
   * run; at the end every threshold is evaluated, empty metrics included (as k6 does).
   */
  evaluate(testRunMs: number, final: boolean): { outcomes: ThresholdOutcome[]; abort: boolean } {
    const outcomes: ThresholdOutcome[] = [];
    let abort = false;
    for (const set of this.thresholdSets) {
      if (!final && set.sink.empty) continue;
      const measured = evaluateThresholds(set.thresholds, set.sink, testRunMs);
      set.thresholds.forEach((threshold, i) => {
        const outcome: ThresholdOutcome = { key: set.key, source: threshold.source, ok: !threshold.failed, method: threshold.method === 'p(N)' ? `p(${threshold.percentile})` : threshold.method };
        if (measured[i] !== undefined) outcome.measured = measured[i];
        outcomes.push(outcome);
        if (threshold.failed && threshold.abortOnFail && (threshold.delayAbortEvalMs === undefined || threshold.delayAbortEvalMs < testRunMs)) abort = true;
      });
    }
    return { outcomes, abort };
  }
}
