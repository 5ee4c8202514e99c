import { jsString, type LoadProfile, type LoadStage, type TestCase } from 'perfplan/plugin';

// How a test case's load shape becomes a k6 executor. Durations stay planned seconds in the
// generated code, wrapped in scaled(): lib/scenarios.js multiplies them by TIME_SCALE at init.

export type Executor = 'ramping-vus' | 'ramping-arrival-rate';

export function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

function whole(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}

/** The profile's stages; a profile without any gets ramp-up, hold and ramp-down from its numbers. */
export function profileStages(profile: LoadProfile): LoadStage[] {
  if (profile.stages.length > 0) return profile.stages;
  return [
    { durationSeconds: profile.rampUpSeconds, target: profile.virtualUsers, label: 'ramp-up' },
    { durationSeconds: profile.durationSeconds, target: profile.virtualUsers, label: 'hold' },
    { durationSeconds: profile.rampDownSeconds, target: 0, label: 'ramp-down' },
  ].filter((stage) => stage.durationSeconds > 0);
}

/**
 * Open model (paced arrivals) when the profile gives a request rate; a workflow's iteration is
 * several requests, so workflows stay closed. Everything else: users who wait and think.
 */
export function executorFor(testCase: TestCase): Executor {
  const rps = testCase.profile.targetRps;
  if (rps !== undefined && Number.isFinite(rps) && rps > 0 && testCase.type !== 'workflow') return 'ramping-arrival-rate';
  return 'ramping-vus';
}

const TIME_UNITS: ReadonlyArray<{ text: string; seconds: number }> = [
  { text: '1s', seconds: 1 },
  { text: '1m', seconds: 60 },
  { text: '1h', seconds: 3600 },
];

/**
 * k6 arrival-rate targets are whole iterations per timeUnit: the shortest unit in which the
 * rate is a whole number to within 0.1 % (6.667 requests/s is 400 per minute).
 */
export function rateUnit(rps: number): { timeUnit: string; seconds: number } {
  for (const unit of TIME_UNITS) {
    const perUnit = rps * unit.seconds;
    if (perUnit >= 1 && Math.abs(Math.round(perUnit) - perUnit) <= perUnit * 0.001) return { timeUnit: unit.text, seconds: unit.seconds };
  }
  return { timeUnit: '1h', seconds: 3600 };
}

/** The arrival rate per stage, per timeUnit: targetRps × the stage's users / the pool's users. */
export function rateTargets(profile: LoadProfile): Array<{ durationSeconds: number; target: number }> {
  const users = Math.max(1, whole(profile.virtualUsers));
  const rps = profile.targetRps ?? 0;
  const unit = rateUnit(rps);
  return profileStages(profile).map((stage) => ({ durationSeconds: stage.durationSeconds, target: whole((rps * unit.seconds * stage.target) / users) }));
}

function stageLines(stages: ReadonlyArray<{ durationSeconds: number; target: number }>): string[] {
  return ['stages: [', ...stages.map((stage) => `  { duration: scaled(${numberText(Math.max(0, stage.durationSeconds))}), target: ${stage.target} },`), '],'];
}

/** A k6 duration for a number of seconds that the time scale does not change. */
export function k6Duration(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  return Number.isInteger(safe) ? `${safe}s` : `${Math.round(safe * 1000)}ms`;
}

/**
 * Seconds an iteration in flight may take to finish when its scenario ends or ramps down:
 * twice a slow one (think time plus a response at the p95 limit, per request). Not scaled: it
 * is made of think time and latency, which the time scale leaves alone.
 */
export function gracefulSeconds(testCase: TestCase, requestsPerIteration: number): number {
  const think = executorFor(testCase) === 'ramping-arrival-rate' ? 0 : Math.max(0, testCase.profile.thinkTimeSeconds || 0);
  const iteration = requestsPerIteration * (think + Math.max(0, testCase.criteria.p95Ms || 0) / 1000);
  return Math.max(10, Math.ceil(2 * iteration));
}

/** Lines inside the k6 scenario object: executor, exec, pool or start users, stages, graceful stop. */
export function scenarioLines(testCase: TestCase, functionName: string, requestsPerIteration: number): string[] {
  const profile = testCase.profile;
  const executor = executorFor(testCase);
  const head = [`executor: '${executor}',`, `exec: ${jsString(functionName)},`];
  const graceful = jsString(k6Duration(gracefulSeconds(testCase, requestsPerIteration)));
  if (executor === 'ramping-arrival-rate') {
    const users = Math.max(1, whole(profile.virtualUsers));
    return [
      ...head,
      'startRate: 0,',
      `timeUnit: '${rateUnit(profile.targetRps ?? 0).timeUnit}',`,
      // A pool of exactly the planned users: a slow server exhausts it and the achieved rate falls short.
      `preAllocatedVUs: ${users},`,
      `maxVUs: ${users},`,
      ...stageLines(rateTargets(profile)),
      `gracefulStop: ${graceful},`,
    ];
  }
  return [
    ...head,
    'startVUs: 0,',
    ...stageLines(profileStages(profile).map((stage) => ({ durationSeconds: stage.durationSeconds, target: whole(stage.target) }))),
    `gracefulRampDown: ${graceful},`,
    `gracefulStop: ${graceful},`,
  ];
}
