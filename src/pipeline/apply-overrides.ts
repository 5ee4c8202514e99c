import type { LoadProfile, SuccessCriteria } from '../model/index.js';
import type { ProfileOptions, StrategyTestCase } from '../plugin-api/index.js';
import { openLoadModel } from '../profiles/index.js';
import type { XPerfplan } from './x-perfplan.js';

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

function withUsersAndDuration(profile: LoadProfile, options: ProfileOptions): LoadProfile {
  const next = { ...profile, stages: profile.stages.map((stage) => ({ ...stage })) };
  if (options.virtualUsers !== undefined && options.virtualUsers !== profile.virtualUsers && profile.virtualUsers > 0) {
    const ratio = options.virtualUsers / profile.virtualUsers;
    for (const stage of next.stages) stage.target = Math.max(stage.target === 0 ? 0 : 1, Math.round(stage.target * ratio));
    next.virtualUsers = options.virtualUsers;
  }
  if (options.durationSeconds !== undefined && options.durationSeconds !== profile.durationSeconds) {
    const hold = next.stages.find((stage) => stage.label === 'hold');
    if (hold) {
      hold.durationSeconds = options.durationSeconds;
      next.durationSeconds = options.durationSeconds;
    }
  }
  if (options.thinkTimeSeconds !== undefined) next.thinkTimeSeconds = options.thinkTimeSeconds;
  if (options.expectedResponseTimeMs !== undefined) next.expectedResponseTimeMs = options.expectedResponseTimeMs;
  return next;
}

/**
 * Config `profiles.<strategy>` fields win over whatever a (replacement) strategy produced;
 * built-in strategies already honour them, so for them this changes nothing.
 */
export function applyProfileOptions<T extends StrategyTestCase>(testCase: T, options: ProfileOptions): T {
  if (Object.keys(defined(options)).length === 0) return testCase;
  const criteria: SuccessCriteria = {
    ...testCase.criteria,
    ...defined({ p95Ms: options.p95Ms, errorRate: options.errorRate, minThroughputRps: options.minThroughputRps, meanMs: options.meanMs, maxMs: options.maxMs }),
  };
  const profile = withUsersAndDuration(testCase.profile, options);
  if (profile.targetRps !== undefined && options.targetRps !== undefined) profile.targetRps = options.targetRps;
  return { ...testCase, profile, criteria };
}

/**
 * An open-model case that must show `minRps`: the offered rate and the pool are derived again
 * from the case's load model, so the numbers keep agreeing (Little's law).
 */
function withMinimumThroughput<T extends StrategyTestCase>(testCase: T, minRps: number, p95Ms: number): T {
  const model = testCase.profile.loadModel;
  if (testCase.profile.targetRps === undefined || model === undefined || model.kind !== 'open') {
    return { ...testCase, criteria: { ...testCase.criteria, minThroughputRps: minRps } };
  }
  const next = openLoadModel({ ...model, p95Ms, rateRps: minRps / (1 - model.tolerance) });
  const ratio = next.poolUsers / Math.max(1, testCase.profile.virtualUsers);
  const profile: LoadProfile = {
    ...testCase.profile,
    virtualUsers: next.poolUsers,
    targetRps: next.rateRps,
    loadModel: next,
    stages: testCase.profile.stages.map((stage) => ({ ...stage, target: stage.target === 0 ? 0 : Math.max(1, Math.round(stage.target * ratio)) })),
  };
  return { ...testCase, profile, criteria: { ...testCase.criteria, minThroughputRps: Math.round(next.rateRps * (1 - next.tolerance) * 1000) / 1000 } };
}

/** `x-perfplan` on an operation wins over everything for the test cases of that operation alone. */
export function applyXPerfplan<T extends StrategyTestCase>(testCase: T, overrides: ReadonlyMap<string, XPerfplan>): T {
  let next = testCase;
  const weighted = testCase.targets.length > 1 && testCase.type !== 'workflow';
  if (weighted && testCase.targets.some((target) => overrides.get(target.operationId)?.weight !== undefined)) {
    next = {
      ...next,
      targets: next.targets.map((target) => ({ ...target, weight: overrides.get(target.operationId)?.weight ?? target.weight })),
    };
  }
  if (testCase.targets.length !== 1) return next;
  const slo = overrides.get(testCase.targets[0].operationId)?.slo;
  if (!slo) return next;
  const criteria = { ...next.criteria, ...defined({ p95Ms: slo.p95, errorRate: slo.errorRate }) };
  next = { ...next, criteria, rationale: `${next.rationale} The operation's x-perfplan sets its SLO.` };
  if (slo.throughput !== undefined && testCase.type === 'load') next = withMinimumThroughput(next, slo.throughput, criteria.p95Ms);
  return next;
}
