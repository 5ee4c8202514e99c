import type { LoadProfile, SuccessCriteria, TestCase } from '../model/index.js';
import type { ProfileOptions } from '../plugin-api/index.js';
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
export function applyProfileOptions(testCase: TestCase, options: ProfileOptions): TestCase {
  if (Object.keys(defined(options)).length === 0) return testCase;
  const criteria: SuccessCriteria = {
    ...testCase.criteria,
    ...defined({ p95Ms: options.p95Ms, errorRate: options.errorRate, minThroughputRps: options.minThroughputRps, meanMs: options.meanMs, maxMs: options.maxMs }),
  };
  const profile = withUsersAndDuration(testCase.profile, options);
  if (profile.targetRps !== undefined && options.minThroughputRps !== undefined) profile.targetRps = options.minThroughputRps;
  return { ...testCase, profile, criteria };
}

/** `x-perfplan` on an operation wins over everything for the test cases of that operation alone. */
export function applyXPerfplan(testCase: TestCase, overrides: ReadonlyMap<string, XPerfplan>): TestCase {
  let next = testCase;
  const weighted = testCase.type === 'mixed' || testCase.type === 'soak';
  if (weighted && testCase.targets.some((target) => overrides.get(target.operationId)?.weight !== undefined)) {
    next = {
      ...next,
      targets: next.targets.map((target) => ({ ...target, weight: overrides.get(target.operationId)?.weight ?? target.weight })),
    };
  }
  if (testCase.targets.length !== 1) return next;
  const slo = overrides.get(testCase.targets[0].operationId)?.slo;
  if (!slo) return next;
  const criteria = { ...next.criteria, ...defined({ p95Ms: slo.p95, errorRate: slo.errorRate, minThroughputRps: slo.throughput }) };
  const profile = next.profile.targetRps !== undefined && slo.throughput !== undefined ? { ...next.profile, targetRps: slo.throughput } : next.profile;
  return { ...next, criteria, profile, rationale: `${next.rationale} The operation's x-perfplan sets its SLO.` };
}
