import type { LoadStage, TestCase, TimeWindow } from '../model/index.js';
import { format, type CriterionResult } from './criteria.js';
import type { Sample } from './samples.js';
import { windowStats } from './statistics.js';
import { scaledLength, startedIn, windowText, type CaseClock } from './windows.js';

/** Each stage with its window in plan seconds from the test case's start. */
export function stageWindows(stages: readonly LoadStage[]): Array<{ stage: LoadStage; window: TimeWindow }> {
  let at = 0;
  return stages.map((stage) => {
    const window = { fromSeconds: at, toSeconds: at + Math.max(0, stage.durationSeconds) };
    at = window.toSeconds;
    return { stage, window };
  });
}

const HOLD_STEP = /^hold step (\d+)$/;

interface Step {
  label: string;
  users: number;
  window: TimeWindow;
  count: number;
  p95Ms: number;
  errorRate: number;
  throughputRps: number;
}

/**
 * The breaking point of a stress test, reported (not pass/fail): per stage labelled `hold step N`
 * the p95, error rate and throughput; the first step with p95 over the limit, errors over the
 * limit, or throughput below (1 - throughputDrop) × (the best throughput per user so far × the
 * step's users). Then the capacity that implies: the highest step throughput X, and the users
 * at which the best rate per user reaches X. `usersFactor` scales the plan's users when the run
 * was given other peak users.
 */
export function breakingPointResults(input: { testCase: TestCase; requests: readonly Sample[]; clock: CaseClock; usersFactor: number }): CriterionResult[] {
  const { testCase, clock } = input;
  const limits = testCase.breakingPoint;
  if (!limits) return [];
  const steps: Step[] = [];
  for (const { stage, window } of stageWindows(testCase.profile.stages)) {
    if (!HOLD_STEP.test(stage.label ?? '')) continue;
    const stats = windowStats(startedIn(input.requests, clock, window));
    const seconds = scaledLength(window, clock);
    steps.push({
      label: stage.label!,
      users: Math.max(1, stage.target * input.usersFactor),
      window,
      count: stats.count,
      p95Ms: stats.p95Ms,
      errorRate: stats.errorRate,
      throughputRps: seconds > 0 ? stats.count / seconds : 0,
    });
  }
  const measured = steps.filter((step) => step.count > 0);
  if (measured.length === 0) {
    return [{ criterion: 'breakingPoint', status: 'skipped', unit: '', message: 'breaking point: no hold step of the load shape has requests in these results' }];
  }
  const results: CriterionResult[] = [];
  let bestPerUser = 0;
  let bestStep: Step | undefined;
  let breaking: { step: Step; reasons: string[] } | undefined;
  for (const step of steps) {
    const perUser = step.throughputRps / step.users;
    if (perUser > bestPerUser) {
      bestPerUser = perUser;
      bestStep = step;
    }
    const reasons: string[] = [];
    if (step.count === 0) reasons.push('no request started in the step');
    if (step.p95Ms > limits.p95Ms) reasons.push(`p95 ${format(step.p95Ms, 'ms')} > ${format(limits.p95Ms, 'ms')}`);
    if (step.errorRate > limits.errorRate) reasons.push(`errors ${format(step.errorRate, 'ratio')} > ${format(limits.errorRate, 'ratio')}`);
    const floor = (1 - limits.throughputDrop) * bestPerUser * step.users;
    if (step.throughputRps < floor) {
      reasons.push(`throughput ${format(step.throughputRps, 'rps')} < ${format(floor, 'rps')} (${format(1 - limits.throughputDrop, 'ratio')} of the best ${format(bestPerUser, 'rps')} per user × ${round(step.users)} users)`);
    }
    results.push({
      criterion: `step.${step.label.replace(HOLD_STEP, '$1')}`,
      status: 'info',
      measured: step.throughputRps,
      unit: 'rps',
      message: `${step.label} at ${round(step.users)} users (${windowText(step.window, clock)}): ${format(step.throughputRps, 'rps')} (${format(perUser, 'rps')} per user), p95 ${format(step.p95Ms, 'ms')}, errors ${format(step.errorRate, 'ratio')}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`,
    });
    if (breaking === undefined && reasons.length > 0) breaking = { step, reasons };
  }
  results.push(
    breaking
      ? { criterion: 'breakingPoint', status: 'info', measured: breaking.step.users, unit: '', message: `breaking point at ${round(breaking.step.users)} users (${breaking.step.label}): ${breaking.reasons.join(', ')}` }
      : { criterion: 'breakingPoint', status: 'info', unit: '', message: `no breaking point: every one of the ${steps.length} hold steps (up to ${round(steps[steps.length - 1]!.users)} users) stayed within the limits` },
  );
  const highest = measured.reduce((best, step) => (step.throughputRps > best.throughputRps ? step : best));
  const capacityUsers = bestPerUser > 0 ? highest.throughputRps / bestPerUser : Number.NaN;
  results.push({
    criterion: 'capacity',
    status: 'info',
    measured: highest.throughputRps,
    unit: 'rps',
    message:
      `capacity: about ${format(highest.throughputRps, 'rps')} (the highest step throughput, ${highest.label}); ` +
      `at the best rate per user (${format(bestPerUser, 'rps')}, ${bestStep?.label ?? 'n/a'}) that is about ${round(capacityUsers)} users`,
  });
  return results;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
