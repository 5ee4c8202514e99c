import { expect } from 'chai';
import { k6Criterion, locustCriterion } from '../../tools/fidelity/criterion-names.js';
import { expectedText, unexpected } from '../../tools/fidelity/expectations.js';
import { cellText } from '../../tools/fidelity/verdict-table.js';
import type { RunVerdict } from '../../tools/fidelity/verdict.js';

describe('fidelity suite: one name per criterion, and what each mode must give', () => {
  it('names k6 thresholds by what they judge, as perfplan evaluate does', () => {
    expect(
      [
        ['http_req_duration{scenario:load_a}', 'p(95)<=300'],
        ['http_req_failed{scenario:load_a}', 'rate<=0.01'],
        ['http_reqs{scenario:load_a,throughput:hold}', 'count>=50'],
        ['http_req_duration{scenario:stress_system,latency:recovery}', 'p(95)<=1000'],
        ['http_req_failed{scenario:stress_system,latency:recovery}', 'rate<=0.01'],
        ['http_req_failed{scenario:spike_system,phase:spike}', 'rate<=0.05'],
        ['http_req_duration{scenario:spike_system,phase:recovered}', 'p(95)<=300'],
        ['http_req_failed{scenario:spike_system,phase:recovered}', 'rate<=0.01'],
        ['http_req_duration{scenario:soak_workload,window:last}', 'p(95)<=360'],
        ['http_req_failed{scenario:soak_workload,window:last}', 'rate<=0.02'],
        ['http_req_duration{scenario:soak_workload,window:first}', 'p(95)<=300'],
        ['workflow_complete{workflow:wf}', 'rate>=0.95'],
        ['workflow_duration{workflow:wf}', 'avg<=10000'],
        ['http_req_duration{scenario:load_a}', 'avg<=200'],
      ].map(([metric, rule]) => k6Criterion(metric!, rule!)),
    ).to.deep.equal([
      'p95', 'errorRate', 'throughput', 'recovery.p95', 'recovery.errorRate', 'spike.errorRate', 'spike.recovery.p95', 'spike.recovery.errorRate',
      'soak.p95Drift', 'soak.errorRateGrowth', 'soak.first.p95', 'workflow.completion', 'workflow.meanMs', 'mean',
    ]);
  });

  it('names Locust criteria as perfplan evaluate does, and keeps an unknown one visible', () => {
    expect(['p95', 'error rate', 'recovery p95', 'error rate during the spike', 'p95 after recovery', 'p95 drift (last window vs first)', 'workflow completion', 'new thing'].map(locustCriterion)).to.deep.equal([
      'p95', 'errorRate', 'recovery.p95', 'spike.errorRate', 'spike.recovery.p95', 'soak.p95Drift', 'workflow.completion', 'locust:new thing',
    ]);
  });

  const base: RunVerdict = { engine: 'k6', type: 'load', mode: 'healthy', timeScale: 0.25, exitCode: 0, judged: 6, failed: [], runProblems: [], served: 100, seconds: 10, logs: [] };
  const think = 0.5;

  it('expects a healthy server to pass everything, and says what did not', () => {
    expect(unexpected(base, { kind: 'healthy', serviceMs: 50 }, think)).to.deep.equal([]);
    const failed = { ...base, exitCode: 99, failed: [{ testCase: 'load_a', criterion: 'throughput', detail: "http_reqs{...}: 'count>=50' count=48" }] };
    expect(unexpected(failed, { kind: 'healthy', serviceMs: 50 }, think)).to.deep.equal(['exit 99, expected 0', "failed throughput: load_a http_reqs{...}: 'count>=50' count=48"]);
    expect(unexpected({ ...base, served: 0 }, { kind: 'healthy', serviceMs: 50 }, think)).to.deep.equal(['the reference server received no request']);
  });

  it('expects a slow or erroring server to fail the run naming p95 or the error rate (stress: of its recovery)', () => {
    const slow = { ...base, mode: 'slow' as const, exitCode: 1, failed: [{ testCase: 'load_a', criterion: 'p95', detail: '' }] };
    expect(unexpected(slow, { kind: 'slow', serviceMs: 50, addedMs: 400 }, think)).to.deep.equal([]);
    expect(unexpected({ ...slow, exitCode: 0 }, { kind: 'slow', serviceMs: 50, addedMs: 400 }, think)).to.deep.equal(['exit 0, expected a failure']);
    expect(unexpected(slow, { kind: 'erroring', serviceMs: 50, errorEvery: 5 }, think)).to.deep.equal(['failed [p95], expected errorRate among them']);
    expect(expectedText({ mode: 'slow', type: 'stress' })).to.equal('fails, naming recovery.p95');
  });

  it('expects a capacity-limited stress run to report a breaking point and a capacity within 25 % of the real one, in requests/s and users', () => {
    const mode = { kind: 'capacity', serviceMs: 200, concurrency: 2 } as const;
    const stress = {
      ...base,
      type: 'stress' as const,
      mode: 'capacity' as const,
      stress: { breakingUsers: 15, breakingText: '', capacityRps: 10.5, capacityUsers: 7, capacityText: '', recoveryJudged: true, recoveryPassed: true },
    };
    expect(unexpected(stress, mode, think)).to.deep.equal([]);
    expect(cellText({ verdict: stress, problems: [] })).to.equal('✓ exit 0; 6 criteria pass; breaks at 15 users; capacity 10.5 req/s ≈ 7 users; recovery passes (10 s)');
    const off = { ...stress, stress: { ...stress.stress, capacityRps: 13, capacityUsers: 9 } };
    expect(unexpected(off, mode, think)).to.deep.equal(['capacity 13 requests/s, expected 10 ± 25 %', 'capacity 9 users, expected 7 ± 25 % (the knee)']);
    const { breakingUsers: _none, ...unbroken } = stress.stress;
    expect(unexpected({ ...stress, stress: { ...unbroken, breakingText: 'no breaking point' } }, mode, think)).to.deep.equal(['no breaking point reported: no breaking point']);
  });
});
