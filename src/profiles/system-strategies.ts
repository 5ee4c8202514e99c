import { defineProfileStrategy } from '../plugin-api/index.js';
import type { ProfileOptions, ProfileStrategy } from '../plugin-api/index.js';
import type { LoadStage, OperationAnalysis, TestCase, TestTarget } from '../model/index.js';
import { GLOBAL_DEFAULTS, loadCriteria, loadProfile, type LoadOptions } from './shape.js';
import { makeTestCaseId } from './test-case-id.js';

function merged<T extends object>(defaults: T, options: Readonly<ProfileOptions> & Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaults, ...defined } as T;
}

function label(operation: OperationAnalysis): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function sum(stages: readonly LoadStage[]): number {
  return stages.reduce((total, stage) => total + stage.durationSeconds, 0);
}

// ---- stress -------------------------------------------------------------------------------

export interface StressOptions extends LoadOptions {
  maxUsers: number;
  /** How many load levels between the baseline and maxUsers. */
  steps: number;
  breakingP95Ms: number;
  breakingErrorRate: number;
  breakingThroughputDrop: number;
  recoverySeconds: number;
}

const stressDefaults: StressOptions = {
  ...GLOBAL_DEFAULTS,
  durationSeconds: 600,
  rampUpSeconds: 0,
  rampDownSeconds: 30,
  expectedResponseTimeMs: 1000,
  p95Ms: 5000,
  errorRate: 0.1,
  minThroughputRps: 15,
  steps: 5,
  breakingP95Ms: 5000,
  breakingErrorRate: 0.1,
  breakingThroughputDrop: 0.5,
  recoverySeconds: 60,
};

/** Equal steps from the baseline to maxUsers filling the duration, then back to baseline to check recovery. */
export function stressStages(options: StressOptions): LoadStage[] {
  const steps = Math.max(1, Math.round(options.steps));
  const stepSeconds = Math.max(2, Math.floor(options.durationSeconds / steps));
  const rampSeconds = Math.max(1, Math.round(stepSeconds / 4));
  const stages: LoadStage[] = [];
  for (let step = 1; step <= steps; step++) {
    const target = Math.max(options.virtualUsers, Math.round((options.maxUsers * step) / steps));
    stages.push({ durationSeconds: rampSeconds, target, label: `ramp to step ${step}` });
    stages.push({ durationSeconds: stepSeconds - rampSeconds, target, label: `hold step ${step}` });
  }
  stages.push({ durationSeconds: 1, target: options.virtualUsers, label: 'drop to baseline' });
  stages.push({ durationSeconds: options.recoverySeconds, target: options.virtualUsers, label: 'recovery' });
  if (options.rampDownSeconds > 0) stages.push({ durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' });
  return stages;
}

export const stressStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'stress',
  description: 'Per operation: gradual steps up to the maximum users to find the breaking point, then a recovery check.',
  defaults: stressDefaults,
  plan({ operations, options }) {
    const resolved = merged(stressDefaults, options as Record<string, unknown>);
    const taken = new Set<string>();
    return operations.map((operation): TestCase => {
      const profile = { ...loadProfile('stress', 'Breaking Point Stress', resolved), stages: stressStages(resolved) };
      profile.durationSeconds = sum(profile.stages);
      profile.virtualUsers = resolved.maxUsers;
      return {
        id: makeTestCaseId('stress', operation.operationId, taken),
        name: `Breaking Point Stress: ${label(operation)}`,
        type: 'stress',
        rationale:
          `Finds the load at which ${label(operation)} breaks: ${resolved.steps} steps up to ${resolved.maxUsers} users; the breaking point is ` +
          `p95 over ${resolved.breakingP95Ms} ms, errors over ${resolved.breakingErrorRate * 100}% or throughput falling by more than ` +
          `${resolved.breakingThroughputDrop * 100}% from its best; then ${resolved.recoverySeconds} s back at ${resolved.virtualUsers} users checks recovery.`,
        targets: [{ operationId: operation.operationId, weight: 1 }],
        profile,
        criteria: loadCriteria(resolved),
        breakingPoint: {
          p95Ms: resolved.breakingP95Ms,
          errorRate: resolved.breakingErrorRate,
          throughputDrop: resolved.breakingThroughputDrop,
        },
        recovery: { users: resolved.virtualUsers, durationSeconds: resolved.recoverySeconds },
      };
    });
  },
});

// ---- spike --------------------------------------------------------------------------------

export interface SpikeOptions extends LoadOptions {
  spikeUsers: number;
  baselineSeconds: number;
  spikeSeconds: number;
  recoverySeconds: number;
  errorRateDuringSpike: number;
  /** Within how many seconds after the spike the baseline criteria must hold again. */
  recoveryWithinSeconds: number;
}

const spikeDefaults: SpikeOptions = {
  ...GLOBAL_DEFAULTS,
  rampUpSeconds: 10,
  rampDownSeconds: 10,
  expectedResponseTimeMs: 500,
  p95Ms: 2000,
  errorRate: 0.05,
  minThroughputRps: 15,
  spikeUsers: 50,
  baselineSeconds: 60,
  spikeSeconds: 120,
  recoverySeconds: 180,
  errorRateDuringSpike: 0.05,
  recoveryWithinSeconds: 60,
};

export function spikeStages(options: SpikeOptions): LoadStage[] {
  return [
    { durationSeconds: options.rampUpSeconds, target: options.virtualUsers, label: 'ramp to baseline' },
    { durationSeconds: options.baselineSeconds, target: options.virtualUsers, label: 'baseline' },
    { durationSeconds: 1, target: options.spikeUsers, label: 'spike' },
    { durationSeconds: options.spikeSeconds, target: options.spikeUsers, label: 'hold spike' },
    { durationSeconds: 1, target: options.virtualUsers, label: 'drop to baseline' },
    { durationSeconds: options.recoverySeconds, target: options.virtualUsers, label: 'recovery' },
    { durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' },
  ].filter((stage) => stage.durationSeconds > 0);
}

export const spikeStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'spike',
  description: 'Per operation: baseline, an instant spike, and recovery.',
  defaults: spikeDefaults,
  plan({ operations, options }) {
    const resolved = merged(spikeDefaults, options as Record<string, unknown>);
    const taken = new Set<string>();
    return operations.map((operation): TestCase => {
      const profile = { ...loadProfile('spike', 'Traffic Spike', resolved), stages: spikeStages(resolved) };
      profile.durationSeconds = sum(profile.stages);
      return {
        id: makeTestCaseId('spike', operation.operationId, taken),
        name: `Traffic Spike: ${label(operation)}`,
        type: 'spike',
        rationale:
          `Checks that ${label(operation)} survives a sudden jump from ${resolved.virtualUsers} to ${resolved.spikeUsers} users for ` +
          `${resolved.spikeSeconds} s with errors under ${resolved.errorRateDuringSpike * 100}%, and is back within its criteria ` +
          `${resolved.recoveryWithinSeconds} s after the spike ends.`,
        targets: [{ operationId: operation.operationId, weight: 1 }],
        profile,
        criteria: loadCriteria(resolved),
        spike: { errorRateDuringSpike: resolved.errorRateDuringSpike, recoverySeconds: resolved.recoveryWithinSeconds },
      };
    });
  },
});

// ---- mixed and soak -----------------------------------------------------------------------

/** Relative request share of an operation in system-wide tests, by its category and kind. */
export const CATEGORY_WEIGHTS = { critical: 4, standardRead: 3, standardWrite: 2, dataIntensive: 1 } as const;

export function mixedTargets(operations: readonly OperationAnalysis[]): TestTarget[] {
  return operations.map((operation) => ({
    operationId: operation.operationId,
    weight:
      operation.category === 'critical'
        ? CATEGORY_WEIGHTS.critical
        : operation.category === 'data_intensive'
          ? CATEGORY_WEIGHTS.dataIntensive
          : operation.kind === 'read'
            ? CATEGORY_WEIGHTS.standardRead
            : CATEGORY_WEIGHTS.standardWrite,
  }));
}

const mixedDefaults: LoadOptions = {
  ...GLOBAL_DEFAULTS,
  virtualUsers: 20,
  durationSeconds: 300,
  rampUpSeconds: 60,
  rampDownSeconds: 30,
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.01,
  minThroughputRps: 15,
};

export const mixedStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'mixed',
  description: 'System-wide: all operations at once, weighted by category (critical 4, read 3, write 2, data-intensive 1).',
  defaults: mixedDefaults,
  plan({ operations, options }) {
    if (operations.length === 0) return [];
    const resolved = merged(mixedDefaults, options as Record<string, unknown>);
    return [
      {
        id: 'mixed_workload',
        name: 'Mixed Workload: all operations',
        type: 'mixed',
        rationale:
          `Real traffic hits every operation at once. ${operations.length} operations share ${resolved.virtualUsers} users, each picked in ` +
          `proportion to its weight: critical paths ${CATEGORY_WEIGHTS.critical}, reads ${CATEGORY_WEIGHTS.standardRead}, writes ${CATEGORY_WEIGHTS.standardWrite}, ` +
          `data-intensive ${CATEGORY_WEIGHTS.dataIntensive}.`,
        targets: mixedTargets(operations),
        profile: { ...loadProfile('mixed', 'Mixed Workload', resolved), targetRps: resolved.minThroughputRps },
        criteria: loadCriteria(resolved),
      },
    ];
  },
});

export interface SoakOptions extends LoadOptions {
  windowSeconds: number;
  maxP95Drift: number;
  maxErrorRateGrowth: number;
}

const soakDefaults: SoakOptions = {
  ...GLOBAL_DEFAULTS,
  durationSeconds: 3600,
  rampUpSeconds: 60,
  rampDownSeconds: 30,
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.01,
  minThroughputRps: 15,
  windowSeconds: 300,
  maxP95Drift: 0.2,
  maxErrorRateGrowth: 0.01,
};

export const soakStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'soak',
  description: 'System-wide: the standard users on the mixed workload for an hour, comparing the first and last windows.',
  defaults: soakDefaults,
  plan({ operations, options }) {
    if (operations.length === 0) return [];
    const resolved = merged(soakDefaults, options as Record<string, unknown>);
    const windowSeconds = Math.min(resolved.windowSeconds, Math.max(1, Math.floor(resolved.durationSeconds / 3)));
    return [
      {
        id: 'soak_workload',
        name: 'Soak: mixed workload',
        type: 'soak',
        rationale:
          `Reveals leaks and slow degradation: ${resolved.virtualUsers} users for ${resolved.durationSeconds} s on the mixed workload; ` +
          `p95 of the last ${windowSeconds} s may exceed the first ${windowSeconds} s by at most ${resolved.maxP95Drift * 100}%, and the error rate ` +
          `may grow by at most ${resolved.maxErrorRateGrowth * 100} points.`,
        targets: mixedTargets(operations),
        profile: loadProfile('soak', 'Soak', resolved),
        criteria: loadCriteria(resolved),
        soak: { windowSeconds, maxP95Drift: resolved.maxP95Drift, maxErrorRateGrowth: resolved.maxErrorRateGrowth },
      },
    ];
  },
});
