import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { LoadStage, TestCase, TestPlan } from '../../src/model/index.js';
import { evaluatePlan } from '../../src/evaluate/index.js';
import k6Renderer, { K6_RUN_METRIC, readK6Json, readK6Results } from '../../plugins/k6/src/index.js';
import { PerfplanError } from '../../src/errors/index.js';
import { BIN_RUN } from '../helpers/paths.js';

// perfplan evaluate --engine k6: k6's JSON output (k6 run --out json=FILE), one object per line,
// written here by hand the way k6 (and the k6 test double) writes it.

const T0 = Date.parse('2027-01-01T00:00:00.000Z');

function plan(testCases: TestCase[]): TestPlan {
  return {
    planVersion: 1,
    source: { title: 'Items', version: '1', specVersion: '3.0.3', specFile: 'items.yaml', operationCount: 1 },
    defaultBaseUrl: 'http://127.0.0.1:9',
    defaultBaseUrlSource: 'spec',
    timeScale: 1,
    analysis: { operations: [], dependencies: [], workflows: [] } as unknown as TestPlan['analysis'],
    requests: [],
    testCases,
    workflows: [{ id: 'wf', name: 'wf', category: 'lifecycle', rationale: '', steps: [], criteria: { completionRate: 0.9, meanWorkflowMs: 500, errorRate: 0.05 } }],
    auth: [],
    environment: [],
    diagnostics: [],
  };
}

function testCase(id: string, type: TestCase['type'], stages: LoadStage[], extra: Partial<TestCase> = {}): TestCase {
  return {
    id,
    name: id,
    type,
    rationale: '',
    targets: [{ operationId: 'getItem', weight: 1 }],
    profile: { name: type, title: type, virtualUsers: 10, durationSeconds: 60, rampUpSeconds: 0, rampDownSeconds: 0, thinkTimeSeconds: 1, expectedResponseTimeMs: 100, stages },
    criteria: { p95Ms: 200, errorRate: 0.01, minThroughputRps: 0 },
    startSeconds: 0,
    requiresChosenBaseUrl: false,
    ...extra,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The lines k6 writes for one request that started at `startMs` and took `ms`. */
function request(input: { scenario?: string; startMs: number; ms: number; status?: number; expected?: boolean; extraTags?: Record<string, string> }): string[] {
  const status = input.status ?? 200;
  const tags: Record<string, string> = {
    ...(input.scenario !== undefined ? { scenario: input.scenario } : {}),
    name: 'getItem',
    method: 'GET',
    status: String(status),
    expected_response: String(input.expected ?? (status >= 200 && status < 400)),
    ...input.extraTags,
  };
  const time = iso(input.startMs + input.ms);
  return [
    JSON.stringify({ metric: 'http_reqs', type: 'Point', data: { time, value: 1, tags } }),
    JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time, value: input.ms, tags } }),
    JSON.stringify({ metric: 'http_req_failed', type: 'Point', data: { time, value: tags.expected_response === 'true' ? 0 : 1, tags } }),
  ];
}

function runMark(atMs: number, tags: Record<string, string>): string[] {
  return [
    JSON.stringify({ type: 'Metric', data: { name: K6_RUN_METRIC, type: 'counter', contains: 'default', thresholds: [], submetrics: null }, metric: K6_RUN_METRIC }),
    JSON.stringify({ metric: K6_RUN_METRIC, type: 'Point', data: { time: iso(atMs), value: 1, tags } }),
  ];
}

const read = (lines: string[]) => readK6Json({ text: `${lines.join('\n')}\n`, file: 'results.json' });

describe('perfplan evaluate --engine k6 (k6 JSON output)', () => {
  it('is the k6 results reader', () => {
    expect(k6Renderer.readResults).to.equal(readK6Results);
  });

  it('reads a request from its http_req_duration point: started its duration before k6 stamped it, failed when its response was not expected', () => {
    const samples = read([
      JSON.stringify({ type: 'Metric', data: { name: 'http_req_duration', type: 'trend' }, metric: 'http_req_duration' }),
      ...request({ scenario: 'load_a', startMs: T0 + 1000, ms: 250 }),
      ...request({ scenario: 'load_a', startMs: T0 + 2000, ms: 40, status: 500 }),
      // setup()'s token request: no scenario tag, not a request of a test case.
      ...request({ startMs: T0, ms: 30 }),
    ]);
    expect(samples.map((sample) => [sample.kind, sample.testCase, sample.startMs - T0, sample.elapsedMs, sample.success, sample.responseCode])).to.deep.equal([
      ['auxiliary', '', 0, 30, true, '200'],
      ['request', 'load_a', 1000, 250, true, '200'],
      ['request', 'load_a', 2000, 40, false, '500'],
    ]);
  });

  it('counts every test case\'s windows from the perfplan_run point and takes the time scale and the test type from its tags', () => {
    const stages: LoadStage[] = [
      { durationSeconds: 20, target: 10, label: 'ramp-up' },
      { durationSeconds: 60, target: 10, label: 'hold' },
      { durationSeconds: 20, target: 0, label: 'ramp-down' },
    ];
    const criteria = { p95Ms: 200, errorRate: 0.01, minThroughputRps: 9.5, throughputWindow: { fromSeconds: 20, toSeconds: 80 } };
    const first = testCase('load_a', 'load', stages, { criteria, profile: { ...testCase('x', 'load', stages).profile, targetRps: 10 } });
    const second = { ...first, id: 'load_b', name: 'load_b', startSeconds: 100 };
    // Time scale 0.1: each test case lasts 10 s; load_b starts 10 s after the run's start. 10 requests/s
    // in each hold (2 s to 8 s of the test case), none in the ramps: a first request 2 s after the
    // start would move every window 2 s later if the windows counted from it.
    const lines = [...runMark(T0, { type: 'load', file: 'k6/load.js', time_scale: '0.1' })];
    for (const start of [0, 10_000]) {
      for (let ms = 2000; ms < 8000; ms += 100) lines.push(...request({ scenario: start === 0 ? 'load_a' : 'load_b', startMs: T0 + start + ms, ms: 20 }));
    }
    const evaluation = evaluatePlan({ plan: plan([first, second]), samples: read(lines) });
    expect(evaluation.originSource).to.equal('start marker');
    expect(evaluation.timeScale).to.equal(0.1);
    expect(evaluation.timeScaleSource).to.equal('the results');
    expect(evaluation.run).to.deep.equal({ type: 'load', file: 'k6/load.js', timeScale: 0.1 });
    expect(evaluation.evaluated.map((entry) => [entry.testCaseId, entry.startsAtSeconds, entry.results.map((result) => [result.criterion, result.status, result.measured])])).to.deep.equal([
      ['load_a', 0, [['p95', 'pass', 20], ['errorRate', 'pass', 0], ['throughput', 'pass', 10]]],
      ['load_b', 10, [['p95', 'pass', 20], ['errorRate', 'pass', 0], ['throughput', 'pass', 10]]],
    ]);
    expect(evaluation.passed).to.equal(true);
  });

  it('judges the test case SCENARIO selected as run alone, from the mark', () => {
    const only = testCase('spike_x', 'spike', [{ durationSeconds: 10, target: 5, label: 'baseline' }], { onlyByName: true, startSeconds: 50 });
    const lines = [...runMark(T0, { type: 'spike', file: 'k6/spike.js', time_scale: '1', test_case: 'spike_x' }), ...request({ scenario: 'spike_x', startMs: T0 + 500, ms: 10 })];
    const evaluation = evaluatePlan({ plan: plan([only]), samples: read(lines) });
    expect(evaluation.run?.testCase).to.equal('spike_x');
    expect(evaluation.evaluated.map((entry) => [entry.testCaseId, entry.startsAtSeconds])).to.deep.equal([['spike_x', 0]]);
  });

  it('finds a stress run\'s breaking point and capacity in its hold steps: 10 requests/s at most, which 2 users already reach', () => {
    const stages: LoadStage[] = [];
    for (let step = 1; step <= 4; step++) {
      stages.push({ durationSeconds: 2, target: 2 * step, label: `ramp to step ${step}` }, { durationSeconds: 8, target: 2 * step, label: `hold step ${step}` });
    }
    stages.push({ durationSeconds: 1, target: 2, label: 'drop to baseline' }, { durationSeconds: 10, target: 2, label: 'recovery' });
    const stress = testCase('stress_system', 'stress', stages, {
      breakingPoint: { p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 },
      criteria: { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 0, latencyWindow: { fromSeconds: 46, toSeconds: 51 } },
      recovery: { users: 2, durationSeconds: 10, settleSeconds: 5 },
    });
    // Users who each send 5 requests/s against a server that serves 10/s at most: 2 users get 10/s, 4, 6 and 8 users still 10/s.
    const lines = [...runMark(T0, { type: 'stress', file: 'k6/stress.js', time_scale: '1' })];
    for (let ms = 0; ms < 51_000; ms += 100) lines.push(...request({ scenario: 'stress_system', startMs: T0 + ms, ms: ms < 40_000 ? 100 + ms / 100 : 100 }));
    const results = evaluatePlan({ plan: plan([stress]), samples: read(lines) }).evaluated[0]!.results;
    const byName = Object.fromEntries(results.map((result) => [result.criterion, result]));
    // Step 3 (6 users) gives 10 requests/s, under half of the 30 the best rate per user (5, step 1) would give: the breaking point.
    expect(byName.breakingPoint!.measured).to.equal(6);
    expect(byName.breakingPoint!.message).to.equal(
      'breaking point at 6 users (hold step 3): throughput 10.00 req/s < 15.00 req/s (50.00% of the best 5.00 req/s per user × 6 users)',
    );
    expect(byName.capacity!.measured).to.be.closeTo(10, 0.01);
    expect(byName.capacity!.message).to.include('that is about 2 users');
    expect([byName['recovery.p95']!.status, byName['recovery.errorRate']!.status]).to.deep.equal(['pass', 'pass']);
  });

  it('pairs each workflow iteration\'s workflow_complete and workflow_duration points', () => {
    const workflow = testCase('workflow_wf', 'workflow', [{ durationSeconds: 10, target: 1, label: 'hold' }], { workflowId: 'wf' });
    const point = (metric: string, ms: number, value: number) =>
      JSON.stringify({ metric, type: 'Point', data: { time: iso(T0 + ms), value, tags: { scenario: 'workflow_wf', workflow: 'wf' } } });
    const lines = [
      ...runMark(T0, { type: 'workflow', file: 'k6/workflows.js', time_scale: '1' }),
      ...request({ scenario: 'workflow_wf', startMs: T0 + 100, ms: 50 }),
      point('workflow_complete', 1000, 1),
      point('workflow_duration', 1000, 300),
      point('workflow_duration', 2000, 700),
      point('workflow_complete', 2000, 0),
    ];
    const samples = read(lines);
    expect(samples.filter((sample) => sample.kind === 'workflow').map((sample) => [sample.success, sample.elapsedMs, sample.startMs - T0])).to.deep.equal([
      [true, 300, 700],
      [false, 700, 1300],
    ]);
    const results = evaluatePlan({ plan: plan([workflow]), samples }).evaluated[0]!.results;
    expect(results.filter((result) => result.criterion.startsWith('workflow.')).map((result) => [result.criterion, result.measured])).to.deep.equal([
      ['workflow.completion', 0.5],
      ['workflow.meanMs', 500],
      ['workflow.errorRate', 0],
    ]);
  });

  it('refuses a file that is not k6 JSON output, naming the line', () => {
    const bad = () => readK6Json({ text: `${runMark(T0, {}).join('\n')}\nnot json\n`, file: 'results.json' });
    expect(bad).to.throw(PerfplanError, 'results.json line 3 is not JSON');
    expect(() => readK6Json({ text: '{"type":"Metric"}\n', file: 'empty.json' })).to.throw(PerfplanError, 'empty.json holds no k6 data point');
  });

  it('perfplan evaluate --engine k6 exits 1 naming the failed criterion', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-json-'));
    try {
      const only = testCase('load_a', 'load', [{ durationSeconds: 10, target: 5, label: 'hold' }]);
      const { testCases, ...rest } = plan([only]);
      fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ plan: rest, testCases }));
      const lines = [...runMark(T0, { type: 'load', file: 'k6/load.js', time_scale: '1' })];
      for (let ms = 0; ms < 10_000; ms += 500) lines.push(...request({ scenario: 'load_a', startMs: T0 + ms, ms: 400 }));
      fs.writeFileSync(path.join(dir, 'results.json'), `${lines.join('\n')}\n`);
      const result = spawnSync(process.execPath, [BIN_RUN, 'evaluate', '--engine', 'k6', '--plan', path.join(dir, 'plan.json'), path.join(dir, 'results.json')], { encoding: 'utf8' });
      expect(result.stdout).to.include('Run: k6/load.js: the default run of the load tests, time scale 1 (from the results), windows counted from the start marker.');
      expect(result.stdout).to.match(/FAIL p95: p95 response time: measured 400 ms, expected <= 200 ms/);
      expect(result.status).to.equal(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
