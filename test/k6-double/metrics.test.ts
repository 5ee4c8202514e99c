import { expect } from 'chai';
import { GroupTree } from './metrics/group-tree.js';
import { MetricStore } from './metrics/metric-store.js';
import type { Sample } from './metrics/sample.js';
import { CounterSink, RateSink, TrendSink } from './metrics/sinks.js';
import { buildSummaryData, DEFAULT_TREND_STATS, legacySummaryExport } from './metrics/summary-data.js';
import { parseMetricSelector, parseThresholdExpression } from './metrics/thresholds.js';

function sample(metric: string, value: number, tags: Record<string, string> = {}): Sample {
  return { metric, time: 0, value, tags };
}

describe('k6 test double: metrics and thresholds', () => {
  it("computes Trend percentiles as k6 does: linear interpolation at p·(n−1) of the sorted values", () => {
    const trend = new TrendSink();
    for (const value of [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]) trend.add(value);
    expect(trend.percentile(0.5)).to.be.closeTo(5.5, 1e-9);
    expect(trend.percentile(0.9)).to.be.closeTo(9.1, 1e-9);
    expect(trend.percentile(0.95)).to.be.closeTo(9.55, 1e-9);
    expect(trend.percentile(0)).to.equal(1);
    expect(trend.percentile(1)).to.equal(10);
    expect([trend.min, trend.max, trend.avg, trend.count]).to.deep.equal([1, 10, 5.5, 10]);
    const one = new TrendSink();
    one.add(42);
    expect(one.percentile(0.95)).to.equal(42);
    expect(new TrendSink().percentile(0.95)).to.equal(0);
  });

  it("a Counter's rate is its count over the elapsed time of the whole test run; a Rate is the share of non-zero values", () => {
    const counter = new CounterSink();
    for (let i = 0; i < 1350; i++) counter.add(1);
    expect(counter.rate(120_000)).to.be.closeTo(11.25, 1e-9);
    const rate = new RateSink();
    for (const value of [1, 0, 1, 1]) rate.add(value);
    expect([rate.rate, rate.passes, rate.fails]).to.deep.equal([0.75, 3, 1]);
  });

  it('parses threshold expressions and sub-metric selectors like k6', () => {
    expect(parseThresholdExpression('p(95)<=500')).to.deep.include({ method: 'p(N)', percentile: 95, operator: '<=', value: 500 });
    expect(parseThresholdExpression('rate > 15')).to.deep.include({ method: 'rate', operator: '>', value: 15 });
    expect(parseThresholdExpression('count===3')).to.deep.include({ method: 'count', operator: '===', value: 3 });
    expect(parseThresholdExpression('value!=0')).to.deep.include({ method: 'value', operator: '!=', value: 0 });
    expect(() => parseThresholdExpression('p(95) 500')).to.throw(/malformed/);
    expect(() => parseThresholdExpression('p(101)<5')).to.throw(/between 0 and 100/);
    expect(() => parseThresholdExpression('mean<5')).to.throw(/unknown aggregation method "mean"/);
    expect(parseMetricSelector("http_reqs{scenario:load, phase:'hold'}")).to.deep.equal({ metric: 'http_reqs', suffix: "scenario:load, phase:'hold'", tags: { scenario: 'load', phase: 'hold' } });
    expect(parseMetricSelector('http_req_duration{group:::api::list}').tags).to.deep.equal({ group: '::api::list' });
    expect(() => parseMetricSelector('http_reqs{scenario}')).to.throw(/not tag:value/);
    expect(() => parseMetricSelector('http_reqs{a:b')).to.throw(/closing brace last/);
  });

  it('feeds a sub-metric only the samples that carry all its tags', () => {
    const store = new MetricStore();
    store.addThresholds({ 'http_reqs{scenario:load,phase:hold}': ['count>=2'], 'http_reqs{scenario:load}': ['count==3'] });
    store.ingest(sample('http_reqs', 1, { scenario: 'load', phase: 'hold', method: 'GET' }));
    store.ingest(sample('http_reqs', 1, { scenario: 'load', phase: 'hold' }));
    store.ingest(sample('http_reqs', 1, { scenario: 'load', phase: 'ramp' }));
    store.ingest(sample('http_reqs', 1, { scenario: 'other', phase: 'hold' }));
    const { outcomes } = store.evaluate(1000, true);
    expect(outcomes.map((outcome) => [outcome.key, outcome.source, outcome.ok, outcome.measured])).to.deep.equal([
      ['http_reqs{scenario:load,phase:hold}', 'count>=2', true, 2],
      ['http_reqs{scenario:load}', 'count==3', true, 3],
    ]);
  });

  it('judges a threshold on a metric without samples as k6 does at the end of the test', () => {
    const store = new MetricStore();
    store.define({ name: 'my_rate', type: 'rate', contains: 'default' });
    store.addThresholds({
      'my_rate{kind:x}': ['rate>0.9'],
      'http_reqs{scenario:none}': ['count>0', 'rate<1'],
      'http_req_duration{scenario:none}': ['p(95)<100', 'max>0'],
    });
    // During the run, metrics without samples are skipped.
    expect(store.evaluate(1000, false).outcomes).to.deep.equal([]);
    const final = store.evaluate(1000, true).outcomes.map((outcome) => [outcome.source, outcome.ok]);
    // An empty Rate has no rate and passes; an empty Counter counts 0; an empty Trend reads 0 everywhere.
    expect(final).to.deep.equal([
      ['rate>0.9', true],
      ['count>0', false],
      ['rate<1', true],
      ['p(95)<100', true],
      ['max>0', false],
    ]);
  });

  it('rejects thresholds k6 rejects: unknown metric, method not of the metric type', () => {
    expect(() => new MetricStore().addThresholds({ nosuch: ['count>0'] })).to.throw(/no metric name "nosuch" found/);
    expect(() => new MetricStore().addThresholds({ http_req_duration: ['rate<1'] })).to.throw(/aggregation method rate does not apply to a trend metric/);
    expect(() => new MetricStore().addThresholds({ http_reqs: ['p(95)<1'] })).to.throw(/p\(95\) does not apply to a counter metric/);
    expect(() => new MetricStore().addThresholds({ http_reqs: 'count>1' })).to.throw(/must be an array/);
  });

  it('aborts only on a failed abortOnFail threshold past its delayAbortEval', () => {
    const store = new MetricStore();
    store.addThresholds({ http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '10s' }] });
    store.ingest(sample('http_req_failed', 1));
    expect(store.evaluate(5000, false).abort).to.equal(false);
    expect(store.evaluate(11_000, false).abort).to.equal(true);
  });

  it('exports the legacy summary: values flattened, a Rate as value, thresholds true when FAILED, groups keyed by name', () => {
    const store = new MetricStore();
    store.addThresholds({ checks: ['rate>0.9'], http_reqs: ['count<1'] });
    const groups = new GroupTree();
    const samples = [sample('checks', 1, { group: '::api', check: 'is 200' }), sample('checks', 0, { group: '::api', check: 'is 200' }), sample('http_reqs', 1, { group: '::api' })];
    for (const one of samples) {
      store.ingest(one);
      groups.ingest(one);
    }
    const { outcomes } = store.evaluate(2000, true);
    const data = buildSummaryData({ store, outcomes, rootGroup: groups.export(), testRunMs: 2000, trendStats: DEFAULT_TREND_STATS, summaryTimeUnit: '', setupData: { token: 't' }, hasSetupData: true });
    expect(data.metrics.checks).to.deep.equal({ type: 'rate', contains: 'default', values: { rate: 0.5, passes: 1, fails: 1 }, thresholds: { 'rate>0.9': { ok: false } } });
    expect(data.metrics.http_reqs.values).to.deep.equal({ count: 1, rate: 0.5 });
    // k6 identifies groups by the MD5 of their path: md5('') for the root, md5('::api') here.
    expect(data.root_group.id).to.equal('d41d8cd98f00b204e9800998ecf8427e');
    expect(data.root_group.groups[0]).to.deep.include({ name: 'api', path: '::api', id: 'e6550cde192dbabccfbb3b1bac03a92a' });
    expect(data.root_group.groups[0].checks[0]).to.deep.include({ name: 'is 200', path: '::api::is 200', passes: 1, fails: 1 });
    const exported = JSON.parse(legacySummaryExport(data)) as Record<string, Record<string, Record<string, unknown>>>;
    expect(exported.metrics.checks).to.deep.equal({ passes: 1, fails: 1, value: 0.5, thresholds: { 'rate>0.9': true } });
    expect(exported.metrics.http_reqs).to.deep.equal({ count: 1, rate: 0.5, thresholds: { 'count<1': true } });
    expect(Object.keys(exported.root_group.groups)).to.deep.equal(['api']);
    expect(exported.setup_data).to.deep.equal({ token: 't' });
    expect(exported).to.not.have.property('options');
    expect(exported).to.not.have.property('state');
  });
});
