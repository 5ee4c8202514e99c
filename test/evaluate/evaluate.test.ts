import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { TestCase, TestPlan } from '../../src/model/index.js';
import { evaluatePlan, junitReport, parseCsv, percentile, readJmeterJtl, readPlanFile, threadGroupOf, type Sample } from '../../src/evaluate/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

// The JTL fixtures were written by real JMeter 5.6.3 (test/evaluate/jmeter-results.engine.ts with PERFPLAN_WRITE_JTL_FIXTURES=1).
const JTL = path.join(FIXTURES_DIR, 'jtl');
const plan = () => readPlanFile(path.join(JTL, 'plan.json'));
const samplesOf = (name: string) => readJmeterJtl({ text: fs.readFileSync(path.join(JTL, name), 'utf8'), file: name });

describe('evaluate: JMeter CSV results', () => {
  it('reads a JTL: labels, thread groups, transactions, and slow-but-correct samples', () => {
    const samples = samplesOf('workflows-healthy.jtl');
    expect(samples.length).to.be.greaterThan(10);
    expect(new Set(samples.map((sample) => sample.testCase))).to.deep.equal(new Set(['workflow_item']));
    expect(samples.some((sample) => sample.kind === 'workflow' && sample.label === 'workflow:workflow_item')).to.equal(true);
    const load = samplesOf('load-healthy.jtl');
    // The healthy run answers 200 but some samples exceed the 100 ms Duration Assertion: they are slow, not errors.
    expect(load.every((sample) => sample.success || sample.slowOnly)).to.equal(true);
  });

  it('passes the plan\'s criteria on the healthy run', () => {
    const evaluation = evaluatePlan({ plan: plan(), samples: [...samplesOf('load-healthy.jtl'), ...samplesOf('workflows-healthy.jtl')] });
    expect(evaluation.passed).to.equal(true);
    expect(evaluation.notRun).to.deep.equal([]);
    const workflow = evaluation.evaluated.find((entry) => entry.testCaseId === 'workflow_item')!;
    expect(workflow.results.map((result) => result.criterion)).to.include.members(['workflow.completion', 'workflow.meanMs', 'workflow.errorRate']);
  });

  it('fails the broken run and names each failed criterion with measured vs expected', () => {
    const evaluation = evaluatePlan({ plan: plan(), samples: samplesOf('load-broken.jtl') });
    expect(evaluation.passed).to.equal(false);
    expect(evaluation.notRun).to.deep.equal(['workflow_item']);
    const failed = evaluation.evaluated[0]!.results.filter((result) => result.status === 'fail');
    expect(failed.map((result) => result.criterion)).to.include.members(['p95', 'errorRate']);
    const errorRate = failed.find((result) => result.criterion === 'errorRate')!;
    expect(errorRate.measured).to.be.greaterThan(0.1);
    expect(errorRate.expected).to.equal(0.01);
    expect(errorRate.message).to.match(/error rate: measured \d+\.\d\d%, expected <= 1\.00%/);
  });

  it('writes JUnit XML with a failure per failed criterion', () => {
    const xml = junitReport(evaluatePlan({ plan: plan(), samples: samplesOf('load-broken.jtl') }));
    expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).to.include('<testcase classname="load_getItem" name="errorRate">');
    expect((xml.match(/<failure /g) ?? []).length).to.be.greaterThanOrEqual(2);
  });

  it('rejects a file that is not a CSV JTL with field names', () => {
    expect(() => readJmeterJtl({ text: '1795771704305,245,getItem,200\n', file: 'x.jtl' })).to.throw(/not a CSV JTL with field names/);
  });

  it('parses quoted CSV fields and thread names', () => {
    expect(parseCsv('a,"b,""c""",d\r\n"x\ny",2\n')).to.deep.equal([['a', 'b,"c"', 'd'], ['x\ny', '2']]);
    expect(threadGroupOf('stress_get #3 3-17')).to.equal('stress_get');
    expect(threadGroupOf('load_get 1-1')).to.equal('load_get');
    expect(percentile([5, 1, 4, 2, 3], 95)).to.equal(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).to.equal(5);
  });
});

describe('evaluate: stress, spike and soak windows', () => {
  const base = readPlanFile(path.join(JTL, 'plan.json'));
  const testCase = (input: Partial<TestCase> & Pick<TestCase, 'id' | 'type' | 'profile'>): TestCase => ({
    name: input.id,
    startSeconds: 0, requiresChosenBaseUrl: false, rationale: '',
    targets: [{ operationId: 'getItem', weight: 1 }],
    criteria: { p95Ms: 100, errorRate: 0.05, minThroughputRps: 1 },
    ...input,
  });
  /** One sample a second at each offset, with the given latency and success. */
  const series = (id: string, seconds: number, shape: (second: number) => { ms: number; ok: boolean }): Sample[] =>
    Array.from({ length: seconds * 4 }, (_, index) => {
      const second = index / 4;
      const { ms, ok } = shape(second);
      return { startMs: 1_000_000 + second * 1000, elapsedMs: ms, label: 'getItem', success: ok, slowOnly: false, responseCode: ok ? '200' : '500', failureMessage: '', testCase: id, kind: 'request' as const };
    });

  it('spike: fails when errors during the spike exceed the allowance, passes recovery when it is back', () => {
    const spike = testCase({
      id: 'spike_get',
      type: 'spike',
      profile: { ...base.testCases[0]!.profile, stages: [{ durationSeconds: 10, target: 2 }, { durationSeconds: 10, target: 2 }, { durationSeconds: 1, target: 10 }, { durationSeconds: 10, target: 10 }, { durationSeconds: 1, target: 2 }, { durationSeconds: 20, target: 2 }] },
      spike: { errorRateDuringSpike: 0.1, recoverySeconds: 5, spikeWindow: { fromSeconds: 70, toSeconds: 191 } },
    });
    const plan: TestPlan = { ...base, testCases: [spike] };
    const samples = series('spike_get', 52, (second) => ({ ms: 20, ok: !(second >= 21 && second < 31 && second % 2 === 0) }));
    const results = evaluatePlan({ plan, samples }).evaluated[0]!.results;
    expect(results.find((result) => result.criterion === 'spike.errorRate')!.status).to.equal('fail');
    expect(results.find((result) => result.criterion === 'spike.recovery.errorRate')!.status).to.equal('pass');
  });

  it('soak: fails when p95 of the last window drifts beyond the allowance', () => {
    const soak = testCase({ id: 'soak_get', type: 'soak', profile: { ...base.testCases[0]!.profile, stages: [{ durationSeconds: 60, target: 2 }] }, soak: { windowSeconds: 10, maxP95Drift: 0.2, maxErrorRateGrowth: 0.01, firstWindow: { fromSeconds: 0, toSeconds: 10 }, lastWindow: { fromSeconds: 0, toSeconds: 10 } } });
    const samples = series('soak_get', 60, (second) => ({ ms: second > 50 ? 80 : 40, ok: true }));
    const results = evaluatePlan({ plan: { ...base, testCases: [soak] }, samples }).evaluated[0]!.results;
    const drift = results.find((result) => result.criterion === 'soak.p95Drift')!;
    expect(drift.status).to.equal('fail');
    expect(drift.measured).to.be.closeTo(1, 0.01);
  });

  it('stress: finds the step where p95 breaks and judges recovery at the baseline', () => {
    const stress = testCase({
      id: 'stress_get',
      type: 'stress',
      profile: {
        ...base.testCases[0]!.profile,
        stages: [
          { durationSeconds: 5, target: 10, label: 'ramp to step 1' },
          { durationSeconds: 10, target: 10, label: 'hold step 1' },
          { durationSeconds: 5, target: 20, label: 'ramp to step 2' },
          { durationSeconds: 10, target: 20, label: 'hold step 2' },
          { durationSeconds: 1, target: 2, label: 'drop to baseline' },
          { durationSeconds: 10, target: 2, label: 'recovery' },
        ],
      },
      breakingPoint: { p95Ms: 100, errorRate: 0.1, throughputDrop: 0.5 },
      recovery: { users: 2, durationSeconds: 10, settleSeconds: 0 },
    });
    const samples = series('stress_get', 41, (second) => ({ ms: second >= 20 && second < 30 ? 500 : 30, ok: true }));
    const results = evaluatePlan({ plan: { ...base, testCases: [stress] }, samples }).evaluated[0]!.results;
    expect(results.find((result) => result.criterion === 'breakingPoint')!.message).to.match(/breaking point at 20 users \(hold step 2\): p95 500 ms > 100 ms/);
    expect(results.find((result) => result.criterion === 'recovery.p95')!.status).to.equal('pass');
  });
});
