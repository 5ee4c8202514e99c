// The data the k6 TEST DOUBLE passes to handleSummary(data), in the shape k6 documents
// (metrics with type/contains/values/thresholds, root_group, options, state, setup_data), and the
// legacy flattened JSON that `--summary-export` writes.
import type { ExportedGroup } from './group-tree.js';
import type { MetricStore, ThresholdOutcome } from './metric-store.js';
import type { Sink } from './sinks.js';

export const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export interface SummaryData {
  root_group: ExportedGroup;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, { type: string; contains: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
  setup_data?: unknown;
}

/** Checks summaryTrendStats (avg, min, med, max, count, p(N)); throws on anything else. */
export function checkTrendStats(stats: unknown): string[] {
  if (stats === undefined || stats === null) return DEFAULT_TREND_STATS;
  if (!Array.isArray(stats)) throw new Error('options.summaryTrendStats must be an array');
  for (const stat of stats) {
    if (typeof stat !== 'string' || !(/^(avg|min|med|max|count)$/.test(stat) || /^p\((\d+(\.\d+)?)\)$/.test(stat))) {
      throw new Error(`options.summaryTrendStats: unsupported stat ${JSON.stringify(stat)} (avg, min, med, max, count, p(N))`);
    }
  }
  return stats as string[];
}

function trendStat(sink: Extract<Sink, { type: 'trend' }>, stat: string): number {
  switch (stat) {
    case 'avg':
      return sink.avg;
    case 'min':
      return sink.min;
    case 'max':
      return sink.max;
    case 'med':
      return sink.percentile(0.5);
    case 'count':
      return sink.count;
    default:
      return sink.percentile(Number(/^p\((.*)\)$/.exec(stat)?.[1]) / 100);
  }
}

export function sinkValues(sink: Sink, testRunMs: number, trendStats: string[]): Record<string, number> {
  switch (sink.type) {
    case 'counter':
      return { count: sink.count, rate: sink.rate(testRunMs) };
    case 'gauge':
      return { value: sink.value, min: sink.min, max: sink.max };
    case 'rate':
      return { rate: sink.rate, passes: sink.passes, fails: sink.fails };
    case 'trend':
      return Object.fromEntries(trendStats.map((stat) => [stat, trendStat(sink, stat)]));
  }
}

export function buildSummaryData(input: {
  store: MetricStore;
  outcomes: ThresholdOutcome[];
  rootGroup: ExportedGroup;
  testRunMs: number;
  trendStats: string[];
  summaryTimeUnit: string;
  setupData: unknown;
  hasSetupData: boolean;
}): SummaryData {
  const metrics: SummaryData['metrics'] = {};
  const byName = new Map<string, Record<string, { ok: boolean }>>();
  for (const set of input.store.thresholdSets) {
    const thresholds = byName.get(set.name) ?? {};
    for (const threshold of set.thresholds) thresholds[threshold.source] = { ok: !threshold.failed };
    byName.set(set.name, thresholds);
  }
  for (const { name, definition, sink } of input.store.observedMetrics()) {
    const entry: SummaryData['metrics'][string] = { type: definition.type, contains: definition.contains, values: sinkValues(sink, input.testRunMs, input.trendStats) };
    const thresholds = byName.get(name);
    if (thresholds !== undefined) entry.thresholds = thresholds;
    metrics[name] = entry;
  }
  const data: SummaryData = {
    root_group: input.rootGroup,
    options: { summaryTrendStats: input.trendStats, summaryTimeUnit: input.summaryTimeUnit, noColor: true },
    state: { isStdOutTTY: Boolean(process.stdout.isTTY), isStdErrTTY: Boolean(process.stderr.isTTY), testRunDurationMs: input.testRunMs },
    metrics,
  };
  if (input.hasSetupData) data.setup_data = input.setupData;
  return data;
}

/**
 * `--summary-export`: the summary data without options and state, each metric flattened to its
 * values with `thresholds: { expression: <failed> }` (true means the threshold FAILED), a Rate's
 * `rate` named `value`, and groups and checks keyed by name.
 */
export function legacySummaryExport(data: SummaryData): string {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  delete copy.options;
  delete copy.state;
  const metrics: Record<string, Record<string, unknown>> = {};
  for (const [name, metric] of Object.entries(data.metrics)) {
    const flat: Record<string, unknown> = { ...metric.values };
    if (metric.thresholds !== undefined && Object.keys(metric.thresholds).length > 0) {
      flat.thresholds = Object.fromEntries(Object.entries(metric.thresholds).map(([source, { ok }]) => [source, !ok]));
    }
    if (metric.type === 'rate' && 'rate' in flat) {
      flat.value = flat.rate;
      delete flat.rate;
    }
    metrics[name] = flat;
  }
  copy.metrics = metrics;
  const keyed = (group: ExportedGroup): Record<string, unknown> => ({
    ...group,
    groups: Object.fromEntries(group.groups.map((child) => [child.name, keyed(child)])),
    checks: Object.fromEntries(group.checks.map((check) => [check.name, check])),
  });
  copy.root_group = keyed(data.root_group);
  return JSON.stringify(copy, null, 4);
}
