import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { runDouble, startTestServer, WRITE_SUMMARY, type DoubleRun, type Summary, type TestServer } from './load-mode-helpers.js';

/** The load test perfplan generates for a 15 requests/s target: 0→15/s over 30 s, 60 s hold, 30 s down. */
function explain(run: DoubleRun): string {
  return `exit ${run.status}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-1500)}`;
}

describe('k6 test double: load mode (executors, metrics, outputs, exits)', function () {
  this.timeout(60_000);
  let server: TestServer;
  const runs: DoubleRun[] = [];
  const run = async (script: string, args: string[] = []): Promise<DoubleRun> => {
    const done = await runDouble(script, args, { BASE_URL: server.url });
    runs.push(done);
    return done;
  };

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
    for (const done of runs) fs.rmSync(done.dir, { recursive: true, force: true });
  });

  it('drops iterations (dropped_iterations) when maxVUs is too small for a slow server, not for a fast one; honours startTime; exit 0 when every threshold passes', async () => {
    const script = `
import http from 'k6/http';
import { sleep } from 'k6';
export const options = {
  scenarios: {
    slow: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '2s', preAllocatedVUs: 1, maxVUs: 1, exec: 'slow' },
    fast: { executor: 'constant-arrival-rate', rate: 5, timeUnit: '1s', duration: '2s', preAllocatedVUs: 5, maxVUs: 5, exec: 'fast', startTime: '1s' },
    ramp: { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '2s', target: 2 }, { duration: '2s', target: 0 }], gracefulRampDown: '0s', exec: 'pause' },
  },
  thresholds: { 'dropped_iterations{scenario:slow}': ['count>=15'], 'iterations{scenario:fast}': ['count==10'], 'iterations{scenario:ramp}': ['count>0'] },
};
export function slow() { http.get(__ENV.BASE_URL + '/slow/500'); }
export function fast() { http.get(__ENV.BASE_URL + '/fast'); }
export function pause() { sleep(0.25); }
${WRITE_SUMMARY}`;
    const result = await run(script, ['--time-scale', '0.25', '--out', 'json=points.jsonl']);
    expect(result.status, explain(result)).to.equal(0);
    const summary = result.json<Summary>('summary.json');
    // slow: 20 arrivals in 0.5 s of real time for one VU busy 0.5 s per request; fast: 10 arrivals, 5 VUs, no drop.
    expect(summary.metrics['dropped_iterations{scenario:slow}'].values.count).to.be.within(15, 19);
    expect(summary.metrics['iterations{scenario:fast}'].values.count).to.equal(10);
    const points = fs
      .readFileSync(path.join(result.dir, 'points.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; metric: string; data: { time: string; tags: Record<string, string> } });
    const dropped = points.filter((line) => line.type === 'Point' && line.metric === 'dropped_iterations');
    expect(dropped.length).to.equal(summary.metrics['dropped_iterations{scenario:slow}'].values.count);
    expect([...new Set(dropped.map((point) => point.data.tags.scenario))]).to.deep.equal(['slow']);
    // startTime: the fast scenario's first request comes 1 s (virtual) after the test started.
    const firstOf = (metric: string, scenario?: string): number =>
      Math.min(...points.filter((point) => point.type === 'Point' && point.metric === metric && (scenario === undefined || point.data.tags.scenario === scenario)).map((point) => Date.parse(point.data.time)));
    expect(firstOf('http_reqs', 'fast') - firstOf('vus')).to.be.within(1000, 2000);
    // ramping-vus: one VU from 1 s, a second from 2 s to 3 s, none from 4 s: at most 16 iterations of 0.25 s.
    expect(summary.metrics['iterations{scenario:ramp}'].values.count).to.be.within(4, 16);
  });

  it('keeps Trend, Rate, Counter and Gauge values with tags, runs each VU in its own module instance, and writes handleSummary, --summary-export and --out json', async () => {
    const script = `
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';

const values = new Trend('my_trend');
const even = new Rate('my_rate');
const counted = new Counter('my_counter');
const callsOfThisVu = new Gauge('calls_of_this_vu');
const slept = new Trend('slept', true);
const sinceStart = new Trend('since_start', true);
let calls = 0;

export const options = {
  tags: { testrun: 'unit' },
  scenarios: { values: { executor: 'per-vu-iterations', vus: 2, iterations: 5, tags: { team: 'perf' }, env: { WHO: 'values-env' } } },
  thresholds: {
    my_trend: ['p(90)>9.09', 'p(90)<9.11', 'avg==5.5', 'med==5.5', 'min==1', 'max==10'],
    my_rate: ['rate==0.5'],
    'my_counter{kind:a,team:perf}': ['count==10'],
    'http_reqs{status:500,name:failing}': ['count==10'],
    'http_req_failed{name:failing}': ['rate==1'],
    'http_req_failed{name:expected404}': ['rate==0'],
    http_req_failed: ['rate<0.34', 'rate>0.33'],
    checks: ['rate==0.5'],
    calls_of_this_vu: ['value<=5'],
  },
};

export function setup() { return { token: 'abc' }; }

export default function (data) {
  calls++;
  exec.vu.tags.vu_tag = 'vu-' + __VU;
  exec.vu.metrics.tags.metrics_tag = 'm';
  exec.vu.metrics.metadata.trace_id = 'trace-' + exec.scenario.iterationInTest;
  const n = exec.scenario.iterationInTest + 1;
  values.add(n);
  even.add(n % 2 === 0);
  counted.add(1, { kind: 'a' });
  callsOfThisVu.add(calls);
  group('api', () => {
    const failing = http.get(__ENV.BASE_URL + '/status/500', { tags: { name: 'failing', who: __ENV.WHO } });
    const ok = http.get(__ENV.BASE_URL + '/slow/100', { tags: { name: 'slow' } });
    http.get(__ENV.BASE_URL + '/status/404', { tags: { name: 'expected404' }, responseCallback: http.expectedStatuses(404, { min: 200, max: 299 }) });
    check(failing, { 'is 200': (r) => r.status === 200 });
    check(ok, { 'is 200': (r) => r.status === 200 && data.token === 'abc' });
  });
  const before = Date.now();
  sleep(10);
  slept.add(Date.now() - before);
  sinceStart.add(Date.now() - exec.scenario.startTime);
}
${WRITE_SUMMARY}`;
    const result = await run(script, ['--time-scale', '0.01', '--summary-export', 'export.json', '--out', 'json=points.jsonl']);
    expect(result.status, explain(result)).to.equal(0);
    expect(result.stdout).to.contain('handleSummary called');
    const summary = result.json<Summary>('summary.json');
    const metrics = summary.metrics;
    expect(metrics.my_trend.values).to.deep.equal({ avg: 5.5, min: 1, med: 5.5, max: 10, 'p(90)': metrics.my_trend.values['p(90)'], 'p(95)': metrics.my_trend.values['p(95)'] });
    expect(metrics.my_trend.values['p(90)']).to.be.closeTo(9.1, 1e-9);
    expect(metrics.my_trend.values['p(95)']).to.be.closeTo(9.55, 1e-9);
    expect(Object.values(metrics.my_trend.thresholds ?? {}).every((threshold) => threshold.ok)).to.equal(true);
    expect(metrics.my_rate.values).to.deep.equal({ rate: 0.5, passes: 5, fails: 5 });
    expect(metrics['my_counter{kind:a,team:perf}'].values.count).to.equal(10);
    // Each VU has its own module instance: its module-level counter reaches 5, not 10.
    expect(metrics.calls_of_this_vu.values.max).to.equal(5);
    // http_req_failed: k6's default expected statuses (200–399) and a per-request expectedStatuses(404).
    expect(metrics.http_req_failed.values).to.deep.equal({ rate: 10 / 30, passes: 10, fails: 20 });
    expect(summary.root_group.groups.map((group) => group.name)).to.deep.equal(['api']);
    expect(summary.root_group.groups[0].checks).to.have.length(1);
    expect(summary.root_group.groups[0].checks[0]).to.deep.include({ name: 'is 200', passes: 10, fails: 10 });
    expect(summary.setup_data).to.deep.equal({ token: 'abc' });
    // The script's clock is virtual: sleep(10) took 0.1 s of real time but 10 s on Date.now(), and the
    // fifth iteration starts after four such sleeps. HTTP latency stays real (100 ms, not 10 s), and
    // iteration_duration counts the sleep at its virtual length and the requests at their real one.
    expect(metrics.slept.values.min).to.be.within(9_900, 20_000);
    expect(metrics.since_start.values.max).to.be.at.least(40_000);
    expect(metrics.iteration_duration.values.min).to.be.within(10_000, 12_000);
    const slowDuration = fs
      .readFileSync(path.join(result.dir, 'points.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; metric: string; data: { time: string; value: number; tags: Record<string, string> } });
    const requests = slowDuration.filter((line) => line.type === 'Point' && line.metric === 'http_req_duration' && line.data.tags.name === 'slow');
    expect(requests).to.have.length(10);
    for (const request of requests) expect(request.data.value).to.be.within(95, 2000);
    const failing = slowDuration.find((line) => line.type === 'Point' && line.metric === 'http_reqs' && line.data.tags.name === 'failing');
    expect(failing?.data.tags).to.deep.include({
      scenario: 'values',
      group: '::api',
      method: 'GET',
      status: '500',
      name: 'failing',
      url: 'failing',
      expected_response: 'false',
      error_code: '1500',
      who: 'values-env',
      team: 'perf',
      testrun: 'unit',
    });
    expect(failing?.data.tags.vu_tag).to.match(/^vu-[12]$/);
    expect(failing?.data.tags.metrics_tag).to.equal('m');
    // Metadata goes with the sample, never as a tag.
    expect(failing?.data.tags).to.not.have.property('trace_id');
    expect((failing?.data as { metadata?: Record<string, string> }).metadata?.trace_id).to.match(/^trace-\d$/);
    expect(failing?.data.time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(slowDuration.find((line) => line.type === 'Metric' && line.metric === 'http_reqs')).to.deep.include({ data: { name: 'http_reqs', type: 'counter', contains: 'default', thresholds: [], submetrics: null } });
    const exported = result.json<{ metrics: Record<string, Record<string, unknown>> }>('export.json');
    expect(exported.metrics.checks).to.deep.equal({ passes: 10, fails: 10, value: 0.5, thresholds: { 'rate==0.5': false } });
    expect(exported.metrics.my_trend.thresholds).to.deep.include({ 'avg==5.5': false });
  });

  it('ends the run early on a failed abortOnFail threshold (exit 99), still running teardown', async () => {
    const script = `
import http from 'k6/http';
export const options = {
  scenarios: { failing: { executor: 'constant-vus', vus: 2, duration: '60s' } },
  thresholds: { http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '4s' }] },
};
export default function () { http.get(__ENV.BASE_URL + '/status/503'); }
export function teardown() { console.log('teardown ran'); }
${WRITE_SUMMARY}`;
    const result = await run(script, ['--time-scale', '0.05']);
    expect(result.status, explain(result)).to.equal(99);
    expect(result.stderr).to.contain("thresholds on metrics 'http_req_failed' were crossed; at least one has abortOnFail enabled");
    expect(result.stdout).to.contain('teardown ran');
    const summary = result.json<Summary>('summary.json');
    // Evaluated every 2 s after the 4 s delay: the 60 s run stops at about 6 s.
    expect(summary.state.testRunDurationMs).to.be.within(4_000, 20_000);
    expect(summary.metrics.http_req_failed.thresholds).to.deep.equal({ 'rate<0.5': { ok: false } });
  });

  it('runs VUs concurrently, each in its own thread', async () => {
    const script = `
import http from 'k6/http';
export const options = { scenarios: { a: { executor: 'per-vu-iterations', vus: 4, iterations: 1 } } };
export default function () { http.get(__ENV.BASE_URL + '/slow/600'); }
${WRITE_SUMMARY}`;
    const result = await run(script);
    expect(result.status, explain(result)).to.equal(0);
    const summary = result.json<Summary>('summary.json');
    expect(summary.metrics.http_reqs.values.count).to.equal(4);
    // One after the other would take 2.4 s.
    expect(summary.state.testRunDurationMs).to.be.within(600, 1800);
  });

  it('interrupts an iteration still running at the end of gracefulStop, without counting it', async () => {
    const script = `
import http from 'k6/http';
export const options = { scenarios: { a: { executor: 'constant-vus', vus: 1, duration: '1s', gracefulStop: '0s' } } };
export default function () { http.get(__ENV.BASE_URL + '/slow/3000'); }
${WRITE_SUMMARY}`;
    const result = await run(script);
    expect(result.status, explain(result)).to.equal(0);
    const summary = result.json<Summary>('summary.json');
    // The request never finished: no http_reqs, no iterations, and the run ended at 1 s, not 3 s.
    expect(summary.metrics.iterations).to.equal(undefined);
    expect(summary.metrics.http_reqs).to.equal(undefined);
    expect(summary.state.testRunDurationMs).to.be.within(1000, 2000);
  });

  it("exits like k6: 108 on exec.test.abort() (teardown still runs), 104 on invalid thresholds, 2 on a bad command line", async () => {
    const aborted = await run(`
import exec from 'k6/execution';
export const options = { scenarios: { a: { executor: 'shared-iterations', vus: 1, iterations: 5 } } };
export default function () { if (exec.scenario.iterationInTest === 2) exec.test.abort('enough'); }
export function teardown() { console.log('teardown ran'); }
`);
    expect(aborted.status, explain(aborted)).to.equal(108);
    expect(aborted.stderr).to.contain('test aborted: enough');
    expect(aborted.stdout).to.contain('teardown ran');
    const invalid = await run(`export const options = { thresholds: { http_req_duration: ['count>1'], nosuch: ['rate>0'] } };\nexport default function () {}\n`);
    expect(invalid.status, explain(invalid)).to.equal(104);
    expect(invalid.stderr).to.match(/invalid options: invalid threshold .*aggregation method count does not apply to a trend metric|no metric name "nosuch"/);
    const usage = await run('export default function () {}\n', ['--iterations', '1', '--time-scale', '0.5']);
    expect(usage.status).to.equal(2);
    expect(usage.stderr).to.contain('--time-scale only apply to load mode');
  });
});
