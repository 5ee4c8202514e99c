// Each engine names its criteria its own way: the suite compares them under perfplan evaluate's
// names (p95, errorRate, throughput, recovery.p95, spike.errorRate, soak.p95Drift,
// workflow.completion, ...), which JMeter's verdict (perfplan evaluate) already uses.

const LOCUST_NAMES: Readonly<Record<string, string>> = {
  p95: 'p95',
  'error rate': 'errorRate',
  mean: 'mean',
  max: 'max',
  throughput: 'throughput',
  'recovery p95': 'recovery.p95',
  'recovery error rate': 'recovery.errorRate',
  'recovery mean': 'recovery.mean',
  'recovery max': 'recovery.max',
  'error rate during the spike': 'spike.errorRate',
  'p95 after recovery': 'spike.recovery.p95',
  'error rate after recovery': 'spike.recovery.errorRate',
  'p95 drift (last window vs first)': 'soak.p95Drift',
  'error growth (last window vs first)': 'soak.errorRateGrowth',
  'workflow completion': 'workflow.completion',
  'mean workflow time': 'workflow.meanMs',
  requests: 'requests',
};

/** A criterion of the Locust criteria file (PERFPLAN_CRITERIA_FILE) by perfplan evaluate's name. */
export function locustCriterion(name: string): string {
  return LOCUST_NAMES[name] ?? `locust:${name}`;
}

const K6_LATENCY: Readonly<Record<string, string>> = { 'p(95)': 'p95', avg: 'mean', max: 'max' };

/**
 * A k6 threshold (`metric{tags}` and its rule, as the double's summary prints them) by perfplan
 * evaluate's name: the metric says what is judged, the window tag where (see the k6 renderer's
 * judged-windows.ts and thresholds-view.ts).
 */
export function k6Criterion(metric: string, rule: string): string {
  const [, name = metric, tagText = ''] = /^([^{]+)(?:\{(.*)\})?$/.exec(metric) ?? [];
  const tags = new Map(tagText.split(',').filter(Boolean).map((pair) => pair.split(':', 2) as [string, string]));
  const aggregation = /^([a-z]+(?:\([\d.]+\))?)/.exec(rule)?.[1] ?? '';
  const phase = tags.get('phase');
  const window = tags.get('window');
  if (name === 'workflow_complete') return 'workflow.completion';
  if (name === 'workflow_duration') return 'workflow.meanMs';
  if (name === 'http_reqs') return 'throughput';
  const what = name === 'http_req_failed' ? 'errorRate' : name === 'http_req_duration' ? (K6_LATENCY[aggregation] ?? `k6:${aggregation}`) : `k6:${name}`;
  if (tags.has('latency')) return `recovery.${what}`;
  if (phase === 'spike') return `spike.${what}`;
  if (phase === 'recovered') return `spike.recovery.${what}`;
  // k6 cannot compare two windows: the last window's limits are the criteria plus the allowed drift or growth.
  if (window === 'last') return what === 'errorRate' ? 'soak.errorRateGrowth' : 'soak.p95Drift';
  if (window === 'first') return `soak.first.${what}`;
  return what;
}
