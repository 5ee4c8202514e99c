import type { TestCase, TestPlan, TimeWindow } from '../model/index.js';
import { compare, format, type CriterionResult } from './criteria.js';
import { caseStartMs, runContext, scriptId, type RunContext } from './run-context.js';
import { completeSample, type ResultSample, type RunInfo, type Sample } from './samples.js';
import { isError, mean, windowStats } from './statistics.js';
import { breakingPointResults } from './stress.js';
import { scaledLength, startedIn, windowText, type CaseClock } from './windows.js';

export type { CriterionResult } from './criteria.js';

export interface TestCaseEvaluation {
  testCaseId: string;
  name: string;
  type: TestCase['type'];
  /** Requests of the test case in the results. */
  samples: number;
  /** Seconds from the run's start to the test case's start, at the run's time scale. */
  startsAtSeconds: number;
  results: CriterionResult[];
}

export interface Evaluation {
  passed: boolean;
  /** What the run said about itself (file, test case, time scale), when the results hold it. */
  run?: RunInfo;
  timeScale: number;
  timeScaleSource: RunContext['timeScaleSource'];
  originSource: RunContext['originSource'];
  evaluated: TestCaseEvaluation[];
  /** Failures of the run as a whole: a refused start, a test case it was to run with no request in the results. */
  runFailures: string[];
  /** Test cases the run was to run that have no request in the results (each is in runFailures too). */
  missing: string[];
  /** Test cases of the plan outside this run (other test types, or by name only). */
  notRun: string[];
  /** Thread groups / scenarios in the results that the plan does not name. */
  unknown: string[];
  notes: string[];
}

function latencyResults(testCase: TestCase, requests: readonly Sample[], clock: CaseClock): CriterionResult[] {
  const { criteria } = testCase;
  const window = criteria.latencyWindow;
  const judged = window ? startedIn(requests, clock, window) : requests;
  const stats = windowStats(judged);
  // Stress judges latency and errors in its recovery only: it overloads on purpose before.
  const prefix = testCase.type === 'stress' && window ? 'recovery.' : '';
  const where = window ? ` in ${testCase.type === 'stress' ? 'the recovery' : 'the judged window'} (${windowText(window, clock)})` : '';
  const results = [
    compare({ criterion: `${prefix}p95`, label: `p95 response time${where}`, measured: stats.p95Ms, expected: criteria.p95Ms, comparison: '<=', unit: 'ms' }),
    compare({ criterion: `${prefix}errorRate`, label: `error rate${where}`, measured: judged.length === 0 ? Number.NaN : stats.errorRate, expected: criteria.errorRate, comparison: '<=', unit: 'ratio' }),
  ];
  if (criteria.meanMs !== undefined) results.push(compare({ criterion: `${prefix}mean`, label: `mean response time${where}`, measured: stats.meanMs, expected: criteria.meanMs, comparison: '<=', unit: 'ms' }));
  if (criteria.maxMs !== undefined) results.push(compare({ criterion: `${prefix}max`, label: `max response time${where}`, measured: stats.maxMs, expected: criteria.maxMs, comparison: '<=', unit: 'ms' }));
  return results;
}

/** Requests started in the throughput window over its (scaled) length; the whole test case without one. */
function throughputResult(testCase: TestCase, requests: readonly Sample[], clock: CaseClock): CriterionResult[] {
  const { criteria } = testCase;
  if (!(criteria.minThroughputRps > 0)) return [];
  const whole: TimeWindow = { fromSeconds: 0, toSeconds: testCase.profile.stages.reduce((sum, stage) => sum + Math.max(0, stage.durationSeconds), 0) };
  const window = criteria.throughputWindow ?? whole;
  const seconds = scaledLength(window, clock);
  const count = startedIn(requests, clock, window).length;
  return [
    compare({
      criterion: 'throughput',
      label: `throughput: ${count} requests started in ${windowText(window, clock)}`,
      measured: seconds > 0 ? count / seconds : Number.NaN,
      expected: criteria.minThroughputRps,
      comparison: '>=',
      unit: 'rps',
    }),
  ];
}

function spikeResults(testCase: TestCase, requests: readonly Sample[], clock: CaseClock): CriterionResult[] {
  const spike = testCase.spike;
  if (!spike) return [];
  const during = startedIn(requests, clock, spike.spikeWindow);
  const results = [
    compare({
      criterion: 'spike.errorRate',
      label: `error rate during the spike (${windowText(spike.spikeWindow, clock)})`,
      measured: during.length === 0 ? Number.NaN : windowStats(during).errorRate,
      expected: spike.errorRateDuringSpike,
      comparison: '<=',
      unit: 'ratio',
    }),
  ];
  if (spike.recoveredWindow) {
    const after = startedIn(requests, clock, spike.recoveredWindow);
    const stats = windowStats(after);
    const where = `${spike.recoverySeconds} s after the spike (${windowText(spike.recoveredWindow, clock)})`;
    results.push(
      compare({ criterion: 'spike.recovery.p95', label: `p95 from ${where}`, measured: stats.p95Ms, expected: testCase.criteria.p95Ms, comparison: '<=', unit: 'ms' }),
      compare({ criterion: 'spike.recovery.errorRate', label: `error rate from ${where}`, measured: after.length === 0 ? Number.NaN : stats.errorRate, expected: testCase.criteria.errorRate, comparison: '<=', unit: 'ratio' }),
    );
  }
  return results;
}

/** Soak: p95 of the last window within (1 + maxP95Drift) × that of the first, and the error rate grown by at most maxErrorRateGrowth. */
function soakResults(testCase: TestCase, requests: readonly Sample[], clock: CaseClock): CriterionResult[] {
  const soak = testCase.soak;
  if (!soak) return [];
  const firstRequests = startedIn(requests, clock, soak.firstWindow);
  const lastRequests = startedIn(requests, clock, soak.lastWindow);
  const first = windowStats(firstRequests);
  const last = windowStats(lastRequests);
  const measurable = firstRequests.length > 0 && lastRequests.length > 0;
  return [
    compare({
      criterion: 'soak.p95Drift',
      label: `p95 of the last window (${windowText(soak.lastWindow, clock)}, ${format(last.p95Ms, 'ms')}) against ${format(1 + soak.maxP95Drift, '')} × the first (${windowText(soak.firstWindow, clock)}, ${format(first.p95Ms, 'ms')})`,
      measured: measurable ? last.p95Ms : Number.NaN,
      expected: first.p95Ms * (1 + soak.maxP95Drift),
      comparison: '<=',
      unit: 'ms',
    }),
    compare({
      criterion: 'soak.errorRateGrowth',
      label: `error-rate growth from the first window (${format(first.errorRate, 'ratio')}) to the last (${format(last.errorRate, 'ratio')})`,
      measured: measurable ? last.errorRate - first.errorRate : Number.NaN,
      expected: soak.maxErrorRateGrowth,
      comparison: '<=',
      unit: 'ratio',
    }),
  ];
}

function workflowResults(testCase: TestCase, plan: TestPlan, requests: readonly Sample[], iterations: readonly Sample[]): CriterionResult[] {
  const workflow = plan.workflows.find((candidate) => candidate.id === testCase.workflowId);
  if (!workflow) return [];
  const completed = iterations.filter((sample) => sample.success).length;
  return [
    compare({
      criterion: 'workflow.completion',
      label: `workflows completed (${completed} of ${iterations.length})`,
      measured: iterations.length === 0 ? Number.NaN : completed / iterations.length,
      expected: workflow.criteria.completionRate,
      comparison: '>=',
      unit: 'ratio',
    }),
    compare({ criterion: 'workflow.meanMs', label: 'mean workflow duration', measured: mean(iterations.map((sample) => sample.elapsedMs)), expected: workflow.criteria.meanWorkflowMs, comparison: '<=', unit: 'ms' }),
    compare({
      criterion: 'workflow.errorRate',
      label: 'workflow step error rate',
      measured: requests.length === 0 ? Number.NaN : requests.filter(isError).length / requests.length,
      expected: workflow.criteria.errorRate,
      comparison: '<=',
      unit: 'ratio',
    }),
  ];
}

function judge(input: { plan: TestPlan; testCase: TestCase; samples: readonly Sample[]; clock: CaseClock; usersFactor: number }): CriterionResult[] {
  const { plan, testCase, clock } = input;
  const requests = input.samples.filter((sample) => sample.kind === 'request');
  const results = [...latencyResults(testCase, requests, clock), ...throughputResult(testCase, requests, clock)];
  if (testCase.type === 'stress') results.push(...breakingPointResults({ testCase, requests, clock, usersFactor: input.usersFactor }));
  if (testCase.type === 'spike') results.push(...spikeResults(testCase, requests, clock));
  if (testCase.type === 'soak') results.push(...soakResults(testCase, requests, clock));
  if (testCase.type === 'workflow') results.push(...workflowResults(testCase, plan, requests, input.samples.filter((sample) => sample.kind === 'workflow')));
  return results;
}

/**
 * The test case of a workflow iteration sample that names no test case, by its label (the
 * workflow's id), when the workflow is one test case's. JMeter, for one, names a workflow's sample
 * after the thread of the samples inside it: an iteration that ended before its first request (a
 * value it needs was never given) has none.
 */
function workflowOwners(plan: TestPlan): Map<string, string> {
  const owners = new Map<string, string[]>();
  for (const testCase of plan.testCases) {
    if (testCase.type !== 'workflow' || testCase.workflowId === undefined) continue;
    const label = testCase.workflowId;
    owners.set(label, [...(owners.get(label) ?? []), testCase.id]);
  }
  return new Map([...owners].filter(([, ids]) => ids.length === 1).map(([label, ids]) => [label, ids[0]!]));
}

/**
 * The samples of the last run in the results: an engine that appends to an existing results file
 * (JMeter does) leaves several runs in one file, each starting with its run sample.
 */
function lastRun(samples: readonly Sample[]): { samples: readonly Sample[]; note?: string } {
  const runs = samples.filter((sample) => sample.kind === 'run');
  if (runs.length <= 1) return { samples };
  const from = runs.reduce((latest, sample) => Math.max(latest, sample.startMs), Number.NEGATIVE_INFINITY);
  return {
    samples: samples.filter((sample) => sample.startMs >= from),
    note: `The results hold ${runs.length} runs (the engine appended to an existing results file): the last one is judged. Delete the file before running again.`,
  };
}

/**
 * Judges a run's results against the plan: every test case the run was to run (the one selected
 * by name, else its file's default run) against its criteria, each window placed from the run's
 * start and scaled by the run's time scale. A refused run, or a test case of the run with no
 * request in the results, fails the verdict.
 */
export function evaluatePlan(input: { plan: TestPlan; samples: readonly ResultSample[]; timeScale?: number }): Evaluation {
  const { plan } = input;
  const { samples, note } = lastRun(input.samples.map(completeSample));
  const context = runContext({ ...input, samples });
  if (note) context.notes.unshift(note);
  const byTestCase = new Map<string, Sample[]>();
  const ownerOf = workflowOwners(plan);
  for (const sample of samples) {
    if (sample.kind === 'run' || sample.kind === 'start' || sample.kind === 'check') continue;
    const testCase = sample.testCase === '' && sample.kind === 'workflow' ? (ownerOf.get(sample.label) ?? '') : sample.testCase;
    const list = byTestCase.get(testCase) ?? [];
    list.push(sample);
    byTestCase.set(testCase, list);
  }
  const runFailures: string[] = [];
  if (context.info?.refused) runFailures.push(context.info.refused);
  for (const sample of samples) {
    if (sample.kind === 'check' && !sample.success) runFailures.push(`the run stopped at start: ${sample.label}: ${sample.failureMessage || 'failed'}`);
  }
  const known = new Set<string>();
  const evaluated: TestCaseEvaluation[] = [];
  const missing: string[] = [];
  const notRun: string[] = [];
  const expected = new Set(context.expected.map((testCase) => testCase.id));
  const peakOf = (testCase: TestCase) => Math.max(1, ...testCase.profile.stages.map((stage) => stage.target));
  for (const testCase of plan.testCases) {
    known.add(testCase.id);
    known.add(scriptId(testCase.id));
    const samples = byTestCase.get(testCase.id) ?? byTestCase.get(scriptId(testCase.id)) ?? [];
    const requests = samples.filter((sample) => sample.kind === 'request').length;
    if (requests === 0) {
      if (expected.has(testCase.id) && !context.info?.refused) {
        missing.push(testCase.id);
        runFailures.push(`${testCase.id}: the run was to run it${context.selected ? ' (selected by name)' : ''}, but the results hold no request of it.`);
      } else if (!expected.has(testCase.id)) notRun.push(testCase.id);
      continue;
    }
    const startMs = caseStartMs(context, testCase);
    const usersFactor = context.info?.users !== undefined ? context.info.users / peakOf(testCase) : 1;
    const results = judge({ plan, testCase, samples, clock: { startMs, timeScale: context.timeScale }, usersFactor });
    evaluated.push({
      testCaseId: testCase.id,
      name: testCase.name,
      type: testCase.type,
      samples: requests,
      startsAtSeconds: Math.round((startMs - context.originMs)) / 1000,
      results,
    });
  }
  const unknown = [...byTestCase.keys()].filter((name) => !known.has(name)).sort();
  const passed = runFailures.length === 0 && evaluated.length > 0 && evaluated.every((entry) => entry.results.every((result) => result.status !== 'fail'));
  return {
    passed,
    ...(context.info ? { run: context.info } : {}),
    timeScale: context.timeScale,
    timeScaleSource: context.timeScaleSource,
    originSource: context.originSource,
    evaluated,
    runFailures,
    missing,
    notRun,
    unknown,
    notes: context.notes,
  };
}

