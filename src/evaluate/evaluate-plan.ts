import type { LoadStage, TestCase, TestPlan } from '../model/index.js';
import type { Sample } from './samples.js';
import { isError, mean, windowStats } from './statistics.js';

export interface CriterionResult {
  /** Stable name: p95, errorRate, throughput, mean, max, breakingPoint, recovery.p95, spike.errorRate, soak.p95Drift, workflow.completion ... */
  criterion: string;
  /** pass, fail, or info (measured but not a pass/fail criterion), or skipped (not measurable from these results). */
  status: 'pass' | 'fail' | 'info' | 'skipped';
  measured?: number;
  expected?: number;
  /** `<=` or `>=`: how measured is compared with expected. */
  comparison?: '<=' | '>=';
  unit: 'ms' | 'ratio' | 'rps' | '';
  message: string;
}

export interface TestCaseEvaluation {
  testCaseId: string;
  name: string;
  type: TestCase['type'];
  samples: number;
  results: CriterionResult[];
}

export interface Evaluation {
  passed: boolean;
  evaluated: TestCaseEvaluation[];
  /** Test cases of the plan with no sample in the results (not run). */
  notRun: string[];
  /** Thread groups / scenarios in the results that the plan does not name. */
  unknown: string[];
  /** Checks before any load that failed, `label: message`: the run stopped at start (a failed verdict). */
  stoppedAtStart: string[];
}

function format(value: number, unit: CriterionResult['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ratio') return `${(value * 100).toFixed(2)}%`;
  if (unit === 'rps') return `${value.toFixed(2)} req/s`;
  if (unit === 'ms') return `${Math.round(value)} ms`;
  return String(value);
}

function compare(input: { criterion: string; label: string; measured: number; expected: number; comparison: '<=' | '>='; unit: CriterionResult['unit'] }): CriterionResult {
  const { measured, expected, comparison, unit } = input;
  if (!Number.isFinite(measured)) {
    return { criterion: input.criterion, status: 'skipped', expected, comparison, unit, message: `${input.label}: not measurable from these results` };
  }
  const passed = comparison === '<=' ? measured <= expected : measured >= expected;
  return {
    criterion: input.criterion,
    status: passed ? 'pass' : 'fail',
    measured,
    expected,
    comparison,
    unit,
    message: `${input.label}: measured ${format(measured, unit)}, expected ${comparison} ${format(expected, unit)}`,
  };
}

/** Start and end (seconds from the test case's start) of each stage. */
function stageTimes(stages: readonly LoadStage[]): Array<{ stage: LoadStage; start: number; end: number }> {
  let time = 0;
  return stages.map((stage) => {
    const start = time;
    time += stage.durationSeconds;
    return { stage, start, end: time };
  });
}

function between(samples: readonly Sample[], origin: number, fromSeconds: number, toSeconds: number): Sample[] {
  return samples.filter((sample) => {
    const offset = (sample.startMs - origin) / 1000;
    return offset >= fromSeconds && offset < toSeconds;
  });
}

/** The window where the shape holds its peak (the flat stages at the highest target), for throughput. */
function peakWindow(stages: readonly LoadStage[]): { from: number; to: number } | undefined {
  const times = stageTimes(stages);
  const peak = Math.max(0, ...stages.map((stage) => stage.target));
  let from: number | undefined;
  let to: number | undefined;
  let previous = 0;
  for (const { stage, start, end } of times) {
    if (stage.target === peak && previous === peak) {
      from ??= start;
      to = end;
    }
    previous = stage.target;
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

function baseCriteria(testCase: TestCase, requests: readonly Sample[], origin: number): CriterionResult[] {
  const all = windowStats(requests);
  const results = [
    compare({ criterion: 'p95', label: 'p95 response time', measured: all.p95Ms, expected: testCase.criteria.p95Ms, comparison: '<=', unit: 'ms' }),
    compare({ criterion: 'errorRate', label: 'error rate', measured: all.errorRate, expected: testCase.criteria.errorRate, comparison: '<=', unit: 'ratio' }),
  ];
  // Throughput over the peak hold when the results cover it, else over the whole run.
  const window = peakWindow(testCase.profile.stages);
  const runSeconds = all.seconds;
  let throughput = all.throughputRps;
  if (window && runSeconds >= window.to) throughput = between(requests, origin, window.from, window.to).length / Math.max(1, window.to - window.from);
  results.push(compare({ criterion: 'throughput', label: 'throughput', measured: throughput, expected: testCase.criteria.minThroughputRps, comparison: '>=', unit: 'rps' }));
  if (testCase.criteria.meanMs !== undefined) results.push(compare({ criterion: 'mean', label: 'mean response time', measured: all.meanMs, expected: testCase.criteria.meanMs, comparison: '<=', unit: 'ms' }));
  if (testCase.criteria.maxMs !== undefined) results.push(compare({ criterion: 'max', label: 'max response time', measured: all.maxMs, expected: testCase.criteria.maxMs, comparison: '<=', unit: 'ms' }));
  return results;
}

/** Stress: the first hold step that breaks (informational), then recovery at the baseline load. */
function stressCriteria(testCase: TestCase, requests: readonly Sample[], origin: number): CriterionResult[] {
  const results: CriterionResult[] = [];
  const breaking = testCase.breakingPoint;
  const times = stageTimes(testCase.profile.stages);
  if (breaking) {
    let best = 0;
    let found: string | undefined;
    let measuredSteps = 0;
    for (const { stage, start, end } of times) {
      if (!/^hold/.test(stage.label ?? '')) continue;
      const stats = windowStats(between(requests, origin, start, end), end - start);
      if (stats.count === 0) continue;
      measuredSteps++;
      best = Math.max(best, stats.throughputRps);
      const reasons: string[] = [];
      if (stats.p95Ms > breaking.p95Ms) reasons.push(`p95 ${format(stats.p95Ms, 'ms')} > ${format(breaking.p95Ms, 'ms')}`);
      if (stats.errorRate > breaking.errorRate) reasons.push(`errors ${format(stats.errorRate, 'ratio')} > ${format(breaking.errorRate, 'ratio')}`);
      if (stats.throughputRps < best * (1 - breaking.throughputDrop)) reasons.push(`throughput ${format(stats.throughputRps, 'rps')} fell more than ${format(breaking.throughputDrop, 'ratio')} below the best ${format(best, 'rps')}`);
      if (reasons.length > 0) {
        found = `breaking point at ${stage.target} users (${stage.label}): ${reasons.join(', ')}`;
        break;
      }
    }
    results.push({
      criterion: 'breakingPoint',
      status: measuredSteps === 0 ? 'skipped' : 'info',
      unit: '',
      message: measuredSteps === 0 ? 'breaking point: no step of the load shape is covered by these results' : (found ?? `no breaking point in the ${measuredSteps} step(s) measured`),
    });
  }
  const recovery = times.find(({ stage }) => stage.label === 'recovery');
  if (testCase.recovery && recovery) {
    const window = between(requests, origin, recovery.start, recovery.end);
    const stats = windowStats(window);
    if (window.length === 0) results.push({ criterion: 'recovery', status: 'skipped', unit: '', message: 'recovery: the results do not reach the recovery stage' });
    else {
      results.push(compare({ criterion: 'recovery.p95', label: `recovery at ${testCase.recovery.users} users: p95`, measured: stats.p95Ms, expected: testCase.criteria.p95Ms, comparison: '<=', unit: 'ms' }));
      results.push(compare({ criterion: 'recovery.errorRate', label: `recovery at ${testCase.recovery.users} users: error rate`, measured: stats.errorRate, expected: testCase.criteria.errorRate, comparison: '<=', unit: 'ratio' }));
    }
  }
  return results;
}

/** Spike: errors while the spike lasts, then p95 and errors back within the criteria after the recovery time. */
function spikeCriteria(testCase: TestCase, requests: readonly Sample[], origin: number): CriterionResult[] {
  const spike = testCase.spike;
  if (!spike) return [];
  const window = peakWindow(testCase.profile.stages);
  if (!window) return [];
  const results: CriterionResult[] = [];
  const during = between(requests, origin, window.from - 1, window.to);
  if (during.length === 0) results.push({ criterion: 'spike.errorRate', status: 'skipped', unit: '', message: 'error rate during the spike: the results do not reach the spike' });
  else results.push(compare({ criterion: 'spike.errorRate', label: 'error rate during the spike', measured: windowStats(during).errorRate, expected: spike.errorRateDuringSpike, comparison: '<=', unit: 'ratio' }));
  const times = stageTimes(testCase.profile.stages);
  const last = times[times.length - 1];
  const end = last && last.stage.target === 0 ? last.start : (last?.end ?? window.to);
  const after = between(requests, origin, window.to + spike.recoverySeconds, end);
  if (after.length === 0) results.push({ criterion: 'spike.recovery', status: 'skipped', unit: '', message: `recovery ${spike.recoverySeconds} s after the spike: the results do not reach it` });
  else {
    const stats = windowStats(after);
    results.push(compare({ criterion: 'spike.recovery.p95', label: `p95 from ${spike.recoverySeconds} s after the spike`, measured: stats.p95Ms, expected: testCase.criteria.p95Ms, comparison: '<=', unit: 'ms' }));
    results.push(compare({ criterion: 'spike.recovery.errorRate', label: `error rate from ${spike.recoverySeconds} s after the spike`, measured: stats.errorRate, expected: testCase.criteria.errorRate, comparison: '<=', unit: 'ratio' }));
  }
  return results;
}

/** Soak: p95 and error rate of the last window against the first. */
function soakCriteria(testCase: TestCase, requests: readonly Sample[], origin: number): CriterionResult[] {
  const soak = testCase.soak;
  if (!soak || requests.length === 0) return [];
  const end = requests.reduce((max, sample) => Math.max(max, sample.startMs), origin);
  const span = (end - origin) / 1000;
  if (span < 2 * soak.windowSeconds) {
    return [{ criterion: 'soak.drift', status: 'skipped', unit: '', message: `drift: the results span ${Math.round(span)} s, less than two ${soak.windowSeconds} s windows` }];
  }
  const first = windowStats(between(requests, origin, 0, soak.windowSeconds));
  const last = windowStats(between(requests, origin, span - soak.windowSeconds, span + 1));
  const drift = first.p95Ms > 0 ? last.p95Ms / first.p95Ms - 1 : 0;
  return [
    compare({ criterion: 'soak.p95Drift', label: `p95 growth from the first to the last ${soak.windowSeconds} s (${format(first.p95Ms, 'ms')} → ${format(last.p95Ms, 'ms')})`, measured: drift, expected: soak.maxP95Drift, comparison: '<=', unit: 'ratio' }),
    compare({ criterion: 'soak.errorRateGrowth', label: `error-rate growth from the first to the last ${soak.windowSeconds} s`, measured: last.errorRate - first.errorRate, expected: soak.maxErrorRateGrowth, comparison: '<=', unit: 'ratio' }),
  ];
}

function workflowCriteria(testCase: TestCase, plan: TestPlan, workflows: readonly Sample[]): CriterionResult[] {
  const workflow = plan.workflows.find((candidate) => candidate.id === testCase.workflowId);
  if (!workflow) return [];
  if (workflows.length === 0) return [{ criterion: 'workflow.completion', status: 'skipped', unit: '', message: 'workflow completion: no workflow transaction in the results' }];
  const completed = workflows.filter((sample) => sample.success).length;
  return [
    compare({ criterion: 'workflow.completion', label: 'workflows completed', measured: completed / workflows.length, expected: workflow.criteria.completionRate, comparison: '>=', unit: 'ratio' }),
    compare({ criterion: 'workflow.meanMs', label: 'mean workflow duration', measured: mean(workflows.map((sample) => sample.elapsedMs)), expected: workflow.criteria.meanWorkflowMs, comparison: '<=', unit: 'ms' }),
  ];
}

/** Judges each test case of the plan that has samples against its criteria. */
export function evaluatePlan(input: { plan: TestPlan; samples: readonly Sample[] }): Evaluation {
  const { plan } = input;
  const byTestCase = new Map<string, Sample[]>();
  const stoppedAtStart: string[] = [];
  for (const sample of input.samples) {
    if (sample.kind === 'check') {
      if (!sample.success) stoppedAtStart.push(`${sample.label}: ${sample.failureMessage || 'failed'}`);
      continue;
    }
    const list = byTestCase.get(sample.testCase) ?? [];
    list.push(sample);
    byTestCase.set(sample.testCase, list);
  }
  const safe = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, '_');
  const known = new Set<string>();
  const evaluated: TestCaseEvaluation[] = [];
  const notRun: string[] = [];
  for (const testCase of plan.testCases) {
    const samples = byTestCase.get(testCase.id) ?? byTestCase.get(safe(testCase.id)) ?? [];
    known.add(testCase.id);
    known.add(safe(testCase.id));
    if (samples.length === 0) {
      notRun.push(testCase.id);
      continue;
    }
    const origin = samples.reduce((min, sample) => Math.min(min, sample.startMs), Number.POSITIVE_INFINITY);
    const requests = samples.filter((sample) => sample.kind === 'request');
    const results = baseCriteria(testCase, requests, origin);
    if (testCase.type === 'stress') results.push(...stressCriteria(testCase, requests, origin));
    if (testCase.type === 'spike') results.push(...spikeCriteria(testCase, requests, origin));
    if (testCase.type === 'soak') results.push(...soakCriteria(testCase, requests, origin));
    if (testCase.type === 'workflow') {
      results.push(...workflowCriteria(testCase, plan, samples.filter((sample) => sample.kind === 'workflow')));
      const workflow = plan.workflows.find((candidate) => candidate.id === testCase.workflowId);
      if (workflow) {
        const errorRate = requests.length === 0 ? Number.NaN : requests.filter(isError).length / requests.length;
        results.push(compare({ criterion: 'workflow.errorRate', label: 'workflow step error rate', measured: errorRate, expected: workflow.criteria.errorRate, comparison: '<=', unit: 'ratio' }));
      }
    }
    evaluated.push({ testCaseId: testCase.id, name: testCase.name, type: testCase.type, samples: requests.length, results });
  }
  const unknown = [...byTestCase.keys()].filter((name) => !known.has(name)).sort();
  const passed = stoppedAtStart.length === 0 && evaluated.every((entry) => entry.results.every((result) => result.status !== 'fail'));
  return { passed, evaluated, notRun, unknown, stoppedAtStart };
}
