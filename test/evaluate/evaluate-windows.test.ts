import { expect } from 'chai';
import type { LoadStage, TestCase, TestPlan } from '../../src/model/index.js';
import { evaluatePlan, junitReport, type Evaluation, type RunInfo, type Sample } from '../../src/evaluate/index.js';

// evaluate's windows from hand-made samples: where each test case starts in a run, which
// requests each window holds at the run's time scale, and what each criterion makes of them.

const T0 = 1_800_000_000_000;

function plan(testCases: TestCase[], timeScale = 1): TestPlan {
  return {
    planVersion: 1,
    source: { title: 'Items', version: '1', specVersion: '3.0.3', specFile: 'items.yaml', operationCount: 1 },
    defaultBaseUrl: 'http://127.0.0.1:9',
    defaultBaseUrlSource: 'spec',
    timeScale,
    analysis: { operations: [], dependencies: [], workflows: [] } as unknown as TestPlan['analysis'],
    requests: [],
    testCases,
    workflows: [{ id: 'wf', name: 'wf', category: 'lifecycle', rationale: '', steps: [], criteria: { completionRate: 0.9, meanWorkflowMs: 500, errorRate: 0.05 } }],
    auth: [],
    environment: [],
    diagnostics: [],
  };
}

const rampHold: LoadStage[] = [
  { durationSeconds: 10, target: 10, label: 'ramp-up' },
  { durationSeconds: 60, target: 10, label: 'hold' },
  { durationSeconds: 10, target: 0, label: 'ramp-down' },
];

function loadCase(id: string, startSeconds: number, extra: Partial<TestCase> = {}): TestCase {
  return {
    id,
    name: id,
    type: 'load',
    rationale: '',
    targets: [{ operationId: 'getItem', weight: 1 }],
    profile: { name: 'standard', title: 'Standard', virtualUsers: 10, durationSeconds: 60, rampUpSeconds: 10, rampDownSeconds: 10, thinkTimeSeconds: 1, expectedResponseTimeMs: 100, stages: rampHold, targetRps: 10 },
    criteria: { p95Ms: 200, errorRate: 0.01, minThroughputRps: 9.5, throughputWindow: { fromSeconds: 10, toSeconds: 70 } },
    startSeconds,
    requiresChosenBaseUrl: false,
    ...extra,
  };
}

interface Shape {
  /** Requests per second of the run at `second` (plan seconds from the test case's start). */
  rate: (second: number) => number;
  ms?: (second: number) => number;
  ok?: (second: number, index: number) => boolean;
}

/** Requests of one test case from `startMs`, evenly spread at `rate(t)` a second of the run, over `seconds` plan seconds at the time scale. */
function requests(testCase: string, startMs: number, seconds: number, shape: Shape, timeScale = 1): Sample[] {
  const out: Sample[] = [];
  const step = 0.005;
  let owed = 0;
  for (let tick = 0; tick * step < seconds * timeScale; tick++) {
    const second = (tick * step) / timeScale;
    owed += shape.rate(second) * step;
    for (; owed >= 1 - 1e-9; owed -= 1) {
      const index = out.length;
      const ok = shape.ok ? shape.ok(second, index) : true;
      out.push({
        startMs: Math.round(startMs + tick * step * 1000),
        elapsedMs: shape.ms ? shape.ms(second) : 20,
        label: 'getItem',
        success: ok,
        slowOnly: false,
        responseCode: ok ? '200' : '500',
        failureMessage: ok ? '' : 'Test failed: code expected to equal 200',
        testCase,
        kind: 'request',
      });
    }
  }
  return out;
}

/** The run check's and the start marker's samples, as the JMeter scripts write them. */
function markers(info: RunInfo, startMs = T0): Sample[] {
  const base = { elapsedMs: 0, slowOnly: false, failureMessage: info.refused ?? '', testCase: 'perfplan run check' };
  return [
    { ...base, startMs: startMs - 3000, label: 'perfplan:run', success: info.refused === undefined, responseCode: '200', kind: 'run', run: info },
    ...(info.refused ? [] : [{ ...base, startMs, label: 'perfplan:start', success: true, responseCode: '200', testCase: 'perfplan run start', kind: 'start' as const }]),
  ];
}

const healthy: Shape = { rate: (second) => (second < 10 ? second : second < 70 ? 10 : Math.max(0, 80 - second)) };
const statusOf = (evaluation: Evaluation, id: string, criterion: string) => evaluation.evaluated.find((entry) => entry.testCaseId === id)?.results.find((result) => result.criterion === criterion)?.status;
const failed = (evaluation: Evaluation) => evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => `${entry.testCaseId} ${result.criterion}`));

describe('evaluate: the windows of a run, from hand-made samples', () => {
  it('passes a healthy open-model run: p95 and errors over the test case, throughput over the hold', () => {
    const evaluation = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...markers({ type: 'load', timeScale: 1 }), ...requests('load_a', T0, 80, healthy)] });
    expect(failed(evaluation)).to.deep.equal([]);
    expect(evaluation.passed).to.equal(true);
    const throughput = evaluation.evaluated[0]!.results.find((result) => result.criterion === 'throughput')!;
    expect(throughput.measured).to.be.closeTo(10, 0.01);
    expect(throughput.message).to.match(/600 requests started in 10–70 s/);
  });

  it('fails p95 on a slow server, and error rate on an erroring one, each alone', () => {
    const slow = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...markers({ type: 'load' }), ...requests('load_a', T0, 80, { ...healthy, ms: () => 450 })] });
    expect(failed(slow)).to.deep.equal(['load_a p95']);
    const erroring = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...markers({ type: 'load' }), ...requests('load_a', T0, 80, { ...healthy, ok: (_, index) => index % 20 !== 0 })] });
    expect(failed(erroring)).to.deep.equal(['load_a errorRate']);
    expect(erroring.evaluated[0]!.results.find((result) => result.criterion === 'errorRate')!.measured).to.be.closeTo(0.05, 0.01);
  });

  it('fails throughput when a capacity-limited server serves less than offered over the hold, whatever the ramps did', () => {
    const limited = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...markers({ type: 'load' }), ...requests('load_a', T0, 80, { rate: (second) => Math.min(healthy.rate(second), 8) })] });
    expect(failed(limited)).to.deep.equal(['load_a throughput']);
    // Requests outside the hold do not count: a burst in the ramp-down cannot make up for it.
    const burst = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...markers({ type: 'load' }), ...requests('load_a', T0, 80, { rate: (second) => (second >= 70 ? 200 : Math.min(healthy.rate(second), 8)) })] });
    expect(statusOf(burst, 'load_a', 'throughput')).to.equal('fail');
  });

  it('places each test case of a default run startSeconds × time scale after the run\'s start', () => {
    const cases = [loadCase('load_a', 0), loadCase('load_b', 100)];
    // At time scale 0.05 the second test case starts 5 s in, and its hold is 3 s long.
    const samples = [...markers({ type: 'load', timeScale: 0.05 }), ...requests('load_a', T0, 80, healthy, 0.05), ...requests('load_b', T0 + 5000, 80, healthy, 0.05)];
    const evaluation = evaluatePlan({ plan: plan(cases), samples });
    expect(evaluation.timeScale).to.equal(0.05);
    expect(evaluation.timeScaleSource).to.equal('the results');
    expect(evaluation.evaluated.map((entry) => [entry.testCaseId, entry.startsAtSeconds])).to.deep.equal([['load_a', 0], ['load_b', 5]]);
    expect(failed(evaluation)).to.deep.equal([]);
    expect(evaluation.evaluated[1]!.results.find((result) => result.criterion === 'throughput')!.message).to.include('10–70 s, 0.5–3.5 s at time scale 0.05');
    // Judged at time scale 1 instead, the windows miss the requests.
    const unscaled = evaluatePlan({ plan: plan(cases), samples, timeScale: 1 });
    expect(failed(unscaled)).to.deep.equal(['load_a throughput', 'load_b throughput']);
    expect(unscaled.notes.join(' ')).to.match(/the run used time scale 0.05; judged at 1/);
  });

  it('without the run\'s markers, counts from the earliest sample and takes the time scale from the plan', () => {
    const cases = [loadCase('load_a', 0), loadCase('load_b', 100)];
    const samples = [...requests('load_a', T0, 80, healthy), ...requests('load_b', T0 + 100_000, 80, healthy)];
    const evaluation = evaluatePlan({ plan: plan(cases), samples });
    expect(evaluation.originSource).to.equal('earliest sample');
    expect(evaluation.timeScaleSource).to.equal('the plan');
    expect(failed(evaluation)).to.deep.equal([]);
    expect(evaluation.passed).to.equal(true);
  });

  it('fails a test case the run was to run that has no request in the results, rather than passing in silence', () => {
    const cases = [loadCase('load_a', 0), loadCase('load_b', 100), loadCase('load_c', 0, { onlyByName: true })];
    const evaluation = evaluatePlan({ plan: plan(cases), samples: [...markers({ type: 'load' }), ...requests('load_a', T0, 80, healthy)] });
    expect(evaluation.missing).to.deep.equal(['load_b']);
    expect(evaluation.notRun).to.deep.equal(['load_c']);
    expect(evaluation.passed).to.equal(false);
    expect(junitReport(evaluation)).to.include('<failure message="load_b: the run was to run it, but the results hold no request of it." type="run"/>');
    // Selected by name, a test case starts at the run's start; the others are not part of the run.
    const alone = evaluatePlan({ plan: plan(cases), samples: [...markers({ type: 'load', testCase: 'load_b' }), ...requests('load_b', T0, 80, healthy)] });
    expect(alone.passed).to.equal(true);
    expect(alone.evaluated.map((entry) => [entry.testCaseId, entry.startsAtSeconds])).to.deep.equal([['load_b', 0]]);
    expect(alone.notRun).to.deep.equal(['load_a', 'load_c']);
    const selectedNotRun = evaluatePlan({ plan: plan(cases), samples: markers({ type: 'load', testCase: 'load_c' }) });
    expect(selectedNotRun.missing).to.deep.equal(['load_c']);
    expect(selectedNotRun.passed).to.equal(false);
  });

  it('judges the last run of a results file that holds several (JMeter appends to an existing file)', () => {
    const first = [...markers({ type: 'load' }), ...requests('load_a', T0, 80, { ...healthy, ms: () => 900 })];
    const later = T0 + 3_600_000;
    const second = [...markers({ type: 'load' }, later), ...requests('load_a', later, 80, healthy)];
    const evaluation = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: [...first, ...second] });
    expect(evaluation.passed).to.equal(true);
    expect(evaluation.evaluated[0]!.samples).to.equal(second.length - 2);
    expect(evaluation.notes[0]).to.match(/^The results hold 2 runs .* the last one is judged/);
  });

  it('fails a run that refused to start, with its reason', () => {
    const reason = 'perfplan refused to start jmeter/stress.jmx: baseUrl is not set: stress tests never run against the spec\'s server (https://api.example.com) by default.';
    const evaluation = evaluatePlan({ plan: plan([loadCase('load_a', 0)]), samples: markers({ type: 'load', refused: reason }) });
    expect(evaluation.passed).to.equal(false);
    expect(evaluation.runFailures).to.deep.equal([reason]);
    expect(evaluation.missing).to.deep.equal([]);
  });
});

describe('evaluate: stress, spike, soak and workflow windows', () => {
  const stressStages: LoadStage[] = [
    { durationSeconds: 5, target: 10, label: 'ramp to step 1' },
    { durationSeconds: 20, target: 10, label: 'hold step 1' },
    { durationSeconds: 5, target: 20, label: 'ramp to step 2' },
    { durationSeconds: 20, target: 20, label: 'hold step 2' },
    { durationSeconds: 5, target: 40, label: 'ramp to step 3' },
    { durationSeconds: 20, target: 40, label: 'hold step 3' },
    { durationSeconds: 1, target: 2, label: 'drop to baseline' },
    { durationSeconds: 30, target: 2, label: 'recovery' },
  ];
  const stress: TestCase = {
    ...loadCase('stress_system', 0),
    type: 'stress',
    profile: { ...loadCase('x', 0).profile, stages: stressStages, virtualUsers: 40, targetRps: undefined },
    criteria: { p95Ms: 300, errorRate: 0.01, minThroughputRps: 0, latencyWindow: { fromSeconds: 91, toSeconds: 106 } },
    breakingPoint: { p95Ms: 2000, errorRate: 0.1, throughputDrop: 0.5 },
    recovery: { users: 2, durationSeconds: 30, settleSeconds: 15 },
  };
  /** Steps at 10, 20 and 40 users; `perStep` gives each hold step's rate, latency and errors. */
  const stressRun = (perStep: (second: number) => { rate: number; ms: number; ok?: boolean }) =>
    requests('stress_system', T0, 106, { rate: (second) => perStep(second).rate, ms: (second) => perStep(second).ms, ok: (second) => perStep(second).ok ?? true });

  it('stress: reports the breaking point where throughput per user collapses, and the capacity it implies; recovery decides', () => {
    // A server that serves at most 10 req/s: 1 req/s per user at 10 users, then flat.
    const limited = stressRun((second) => (second < 91 ? { rate: 10, ms: second < 30 ? 50 : 900 } : { rate: 2, ms: 60 }));
    const evaluation = evaluatePlan({ plan: plan([stress]), samples: [...markers({ type: 'stress' }), ...limited] });
    const results = evaluation.evaluated[0]!.results;
    const breaking = results.find((result) => result.criterion === 'breakingPoint')!;
    expect(breaking.status).to.equal('info');
    expect(breaking.message).to.match(/^breaking point at 40 users \(hold step 3\): throughput 10\.00 req\/s < 20\.00 req\/s/);
    const capacity = results.find((result) => result.criterion === 'capacity')!;
    expect(capacity.measured).to.be.closeTo(10, 0.01);
    expect(capacity.message).to.match(/about 10\.00 req\/s .* about 10 users/);
    expect(results.filter((result) => result.criterion.startsWith('step.')).map((result) => result.status)).to.deep.equal(['info', 'info', 'info']);
    expect(results.filter((result) => result.status === 'pass').map((result) => result.criterion)).to.deep.equal(['recovery.p95', 'recovery.errorRate']);
    expect(evaluation.passed, 'overloading on purpose is not a failure').to.equal(true);
  });

  it('stress: breaks on p95 or errors too, and fails when the recovery does not recover', () => {
    const slowAt20 = stressRun((second) => ({ rate: second < 91 ? Math.min(10, second) : 2, ms: second >= 30 && second < 91 ? 2500 : 50 }));
    const slowResults = evaluatePlan({ plan: plan([stress]), samples: slowAt20 }).evaluated[0]!.results;
    expect(slowResults.find((result) => result.criterion === 'breakingPoint')!.message).to.match(/^breaking point at 20 users \(hold step 2\): p95 2500 ms > 2000 ms/);
    const erroring = requests('stress_system', T0, 106, { rate: () => 10, ms: () => 50, ok: (second, index) => !(second >= 55 && second < 91 && index % 5 === 0) });
    const erroringEvaluation = evaluatePlan({ plan: plan([stress]), samples: erroring });
    expect(erroringEvaluation.evaluated[0]!.results.find((result) => result.criterion === 'breakingPoint')!.message).to.match(/^breaking point at 40 users \(hold step 3\): errors 20\.00% > 10\.00%/);
    const stuck = stressRun((second) => ({ rate: second < 91 ? 10 : 2, ms: second < 91 ? 50 : 800 }));
    const stuckEvaluation = evaluatePlan({ plan: plan([stress]), samples: stuck });
    expect(failed(stuckEvaluation)).to.deep.equal(['stress_system recovery.p95']);
    expect(stuckEvaluation.passed).to.equal(false);
  });

  it('spike: errors within the spike window against their allowance, p95 and errors back within the criteria after it', () => {
    const spike: TestCase = {
      ...loadCase('spike_system', 0),
      type: 'spike',
      profile: { ...loadCase('x', 0).profile, targetRps: undefined },
      criteria: { p95Ms: 300, errorRate: 0.02, minThroughputRps: 0 },
      spike: { errorRateDuringSpike: 0.1, recoverySeconds: 10, spikeWindow: { fromSeconds: 20, toSeconds: 40 }, recoveredWindow: { fromSeconds: 50, toSeconds: 70 } },
    };
    const run = (ok: (second: number, index: number) => boolean, ms: (second: number) => number) => evaluatePlan({ plan: plan([spike]), samples: requests('spike_system', T0, 70, { rate: () => 10, ok, ms }) });
    // Errors only while the spike lasts, 5 %: within its allowance, and outside every other window but the whole test case.
    const fine = run((second, index) => !(second >= 20 && second < 40 && index % 20 === 0), () => 40);
    expect(statusOf(fine, 'spike_system', 'spike.errorRate')).to.equal('pass');
    expect(statusOf(fine, 'spike_system', 'spike.recovery.errorRate')).to.equal('pass');
    const bad = run((second, index) => !(second >= 20 && second < 40 && index % 4 === 0), (second) => (second >= 55 ? 600 : 40));
    expect(failed(bad)).to.include.members(['spike_system spike.errorRate', 'spike_system spike.recovery.p95']);
    expect(statusOf(bad, 'spike_system', 'spike.recovery.errorRate')).to.equal('pass');
  });

  it('soak: p95 of the last window against the first\'s plus the drift allowed, and the error-rate growth', () => {
    const soak: TestCase = {
      ...loadCase('soak_workload', 0),
      type: 'soak',
      criteria: { p95Ms: 1000, errorRate: 0.05, minThroughputRps: 0 },
      soak: { windowSeconds: 10, firstWindow: { fromSeconds: 10, toSeconds: 20 }, lastWindow: { fromSeconds: 60, toSeconds: 70 }, maxP95Drift: 0.2, maxErrorRateGrowth: 0.01 },
    };
    const run = (ms: (second: number) => number, ok: (second: number, index: number) => boolean = () => true) => evaluatePlan({ plan: plan([soak]), samples: requests('soak_workload', T0, 80, { rate: () => 5, ms, ok }) });
    expect(failed(run((second) => (second >= 60 ? 110 : 100)))).to.deep.equal([]);
    const drifting = run((second) => (second >= 60 ? 130 : 100));
    expect(failed(drifting)).to.deep.equal(['soak_workload soak.p95Drift']);
    expect(drifting.evaluated[0]!.results.find((result) => result.criterion === 'soak.p95Drift')!.expected).to.be.closeTo(120, 1e-9);
    expect(failed(run(() => 100, (second, index) => !(second >= 60 && second < 70 && index % 5 === 0)))).to.deep.equal(['soak_workload soak.errorRateGrowth']);
  });

  it('workflow: completion, mean workflow time and the step error rate', () => {
    const workflow: TestCase = { ...loadCase('workflow_wf', 0), type: 'workflow', workflowId: 'wf', criteria: { p95Ms: 1000, errorRate: 0.05, minThroughputRps: 0 } };
    const steps = requests('workflow_wf', T0, 20, { rate: () => 4 });
    const iterations = (ok: (index: number) => boolean): Sample[] =>
      Array.from({ length: 40 }, (_, index) => ({ ...steps[index * 2]!, label: 'workflow:wf', kind: 'workflow' as const, elapsedMs: 300, success: ok(index) }));
    const complete = evaluatePlan({ plan: plan([workflow]), samples: [...steps, ...iterations(() => true)] });
    expect(failed(complete)).to.deep.equal([]);
    expect(complete.evaluated[0]!.results.map((result) => result.criterion)).to.include.members(['workflow.completion', 'workflow.meanMs', 'workflow.errorRate']);
    const broken = evaluatePlan({ plan: plan([workflow]), samples: [...steps, ...iterations((index) => index % 5 !== 0)] });
    expect(failed(broken)).to.deep.equal(['workflow_wf workflow.completion']);
  });
});
