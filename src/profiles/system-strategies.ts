import { defineProfileStrategy } from '../plugin-api/index.js';
import type { ProfileStrategy, StrategyTestCase } from '../plugin-api/index.js';
import type { OperationAnalysis, TestTarget } from '../model/index.js';
import { closedProfile, GLOBAL_DEFAULTS, labelledWindow, openProfile, resolveOptions, spikeStages, spikeUsersOf, stageWindows, stressStages, totalSeconds, type LoadOptions } from '../plugin-api/index.js';
import { makeTestCaseId } from './test-case-id.js';
import { plural } from '../plugin-api/plural.js';

function label(operation: OperationAnalysis): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100}%`;
}

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

const MIX_TEXT = `weighted by category (critical paths ${CATEGORY_WEIGHTS.critical}, reads ${CATEGORY_WEIGHTS.standardRead}, writes ${CATEGORY_WEIGHTS.standardWrite}, data-intensive ${CATEGORY_WEIGHTS.dataIntensive})`;

/**
 * A system-wide case over the weighted mix, run by default, then one case per operation that
 * runs only when selected by name: N operations never start at once.
 */
function systemThenPerOperation(input: {
  type: 'stress' | 'spike';
  operations: readonly OperationAnalysis[];
  system: (targets: TestTarget[]) => Omit<StrategyTestCase, 'id' | 'type' | 'targets'> & { name: string };
  perOperation: (operation: OperationAnalysis) => Omit<StrategyTestCase, 'id' | 'type' | 'targets'>;
}): StrategyTestCase[] {
  if (input.operations.length === 0) return [];
  const taken = new Set<string>([`${input.type}_system`]);
  return [
    { ...input.system(mixedTargets(input.operations)), id: `${input.type}_system`, type: input.type, targets: mixedTargets(input.operations) },
    ...input.operations.map((operation) => ({
      ...input.perOperation(operation),
      id: makeTestCaseId(input.type, operation.operationId, taken),
      type: input.type,
      targets: [{ operationId: operation.operationId, weight: 1 }],
      onlyByName: true,
    })),
  ];
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
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.01,
  steps: 5,
  breakingP95Ms: 5000,
  breakingErrorRate: 0.1,
  breakingThroughputDrop: 0.5,
  recoverySeconds: 60,
};

/** Recovery is judged once the backlog of the peak has had time to drain: the later half of the recovery stage, at most 30 s in. */
export function recoverySettleSeconds(recoverySeconds: number): number {
  return Math.min(30, Math.floor(recoverySeconds / 2));
}

export const stressStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'stress',
  description:
    'System-wide: gradual steps of the weighted mix up to the maximum users to find the breaking point, then recovery at the baseline. One case per operation, run by name.',
  defaults: stressDefaults,
  appliesTo: { testType: 'stress' },
  readsOptions: true,
  plan({ operations, options }) {
    const resolved = resolveOptions(stressDefaults, options);
    const stages = stressStages(resolved);
    const settle = recoverySettleSeconds(resolved.recoverySeconds);
    const recoveryWindow = labelledWindow(stages, 'recovery');
    const judged = recoveryWindow ? { fromSeconds: recoveryWindow.fromSeconds + settle, toSeconds: recoveryWindow.toSeconds } : undefined;
    const common = (what: string) => {
      const { profile, criteria } = closedProfile({ name: 'stress', title: 'Breaking Point Stress', options: resolved, stages });
      if (judged) criteria.latencyWindow = judged;
      return {
        profile,
        criteria,
        rationale:
          `Finds the load at which ${what} breaks: ${resolved.steps} steps up to ${resolved.maxUsers} users who think ${resolved.thinkTimeSeconds} s; ` +
          `the breaking point is the first step with p95 over ${resolved.breakingP95Ms} ms, errors over ${percent(resolved.breakingErrorRate)} or ` +
          `throughput more than ${percent(resolved.breakingThroughputDrop)} below what the users would give at the best step's rate per user (reported, with the capacity it implies). ` +
          `Then ${resolved.recoverySeconds} s back at ${resolved.virtualUsers} users: from ${settle} s in, p95 must be under ${resolved.p95Ms} ms and errors under ${percent(resolved.errorRate)} (recovery, the pass/fail criteria).`,
        breakingPoint: { p95Ms: resolved.breakingP95Ms, errorRate: resolved.breakingErrorRate, throughputDrop: resolved.breakingThroughputDrop },
        recovery: { users: resolved.virtualUsers, durationSeconds: resolved.recoverySeconds, settleSeconds: settle },
      };
    };
    return systemThenPerOperation({
      type: 'stress',
      operations,
      system: () => ({ ...common(`the system (every operation, ${MIX_TEXT})`), name: 'Breaking Point Stress: weighted mix of all operations' }),
      perOperation: (operation) => ({ ...common(label(operation)), name: `Breaking Point Stress: ${label(operation)}` }),
    });
  },
});

// ---- spike --------------------------------------------------------------------------------

export interface SpikeOptions extends LoadOptions {
  /** Users at the spike; default SPIKE_FACTOR × virtualUsers. */
  spikeUsers?: number;
  baselineSeconds: number;
  /** How long the spike holds; default durationSeconds (so `--duration` sets the spike). */
  spikeSeconds?: number;
  recoverySeconds: number;
  errorRateDuringSpike: number;
  /** Within how many seconds after the spike the baseline criteria must hold again. */
  recoveryWithinSeconds: number;
}

const spikeDefaults: SpikeOptions = {
  ...GLOBAL_DEFAULTS,
  durationSeconds: 120,
  rampUpSeconds: 10,
  rampDownSeconds: 10,
  expectedResponseTimeMs: 500,
  p95Ms: 2000,
  errorRate: 0.05,
  baselineSeconds: 60,
  recoverySeconds: 180,
  errorRateDuringSpike: 0.05,
  recoveryWithinSeconds: 60,
};

export const spikeStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'spike',
  description: 'System-wide: baseline, an instant jump to five times the users, and recovery, on the weighted mix. One case per operation, run by name.',
  defaults: spikeDefaults,
  appliesTo: { testType: 'spike' },
  readsOptions: true,
  plan({ operations, options }) {
    const resolved = resolveOptions(spikeDefaults, options);
    const stages = spikeStages(resolved);
    const spikeUsers = spikeUsersOf(resolved);
    const windows = stageWindows(stages);
    const spikeFrom = windows.find((window) => window.stage.label === 'spike')?.fromSeconds ?? 0;
    const spikeTo = windows.find((window) => window.stage.label === 'hold spike')?.toSeconds ?? spikeFrom;
    const recovery = labelledWindow(stages, 'recovery');
    const recoveredFrom = spikeTo + resolved.recoveryWithinSeconds;
    const recoveredWindow = recovery && recoveredFrom < recovery.toSeconds ? { fromSeconds: recoveredFrom, toSeconds: recovery.toSeconds } : undefined;
    const common = (what: string) => {
      const { profile, criteria } = closedProfile({ name: 'spike', title: 'Traffic Spike', options: resolved, stages, throughputOver: 'baseline' });
      return {
        profile,
        criteria,
        rationale:
          `Checks that ${what} survives a sudden jump from ${resolved.virtualUsers} to ${spikeUsers} users for ${resolved.spikeSeconds ?? resolved.durationSeconds} s ` +
          `with errors under ${percent(resolved.errorRateDuringSpike)}, and is back within its criteria (p95 under ${resolved.p95Ms} ms, errors under ` +
          `${percent(resolved.errorRate)}) ${resolved.recoveryWithinSeconds} s after the spike ends.`,
        spike: {
          errorRateDuringSpike: resolved.errorRateDuringSpike,
          recoverySeconds: resolved.recoveryWithinSeconds,
          spikeWindow: { fromSeconds: spikeFrom, toSeconds: spikeTo },
          ...(recoveredWindow ? { recoveredWindow } : {}),
        },
      };
    };
    return systemThenPerOperation({
      type: 'spike',
      operations,
      system: () => ({ ...common(`the system (every operation, ${MIX_TEXT})`), name: 'Traffic Spike: weighted mix of all operations' }),
      perOperation: (operation) => ({ ...common(label(operation)), name: `Traffic Spike: ${label(operation)}` }),
    });
  },
});

// ---- mixed and soak -----------------------------------------------------------------------

const mixedDefaults: LoadOptions = {
  ...GLOBAL_DEFAULTS,
  virtualUsers: 20,
  durationSeconds: 300,
  rampUpSeconds: 60,
  rampDownSeconds: 30,
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.01,
};

export const mixedStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'mixed',
  description: `System-wide: all operations at once, ${MIX_TEXT}.`,
  defaults: mixedDefaults,
  appliesTo: { testType: 'mixed' },
  readsOptions: true,
  plan({ operations, options }) {
    if (operations.length === 0) return [];
    const resolved = resolveOptions(mixedDefaults, options);
    const { profile, criteria } = openProfile('mixed', 'Mixed Workload', resolved);
    return [
      {
        id: 'mixed_workload',
        name: 'Mixed Workload: all operations',
        type: 'mixed',
        rationale:
          `Real traffic hits every operation at once. ${plural(operations.length, 'operation')} share ${profile.targetRps} requests/s ` +
          `(the load of ${resolved.virtualUsers} users), each picked in proportion to its weight: critical paths ${CATEGORY_WEIGHTS.critical}, ` +
          `reads ${CATEGORY_WEIGHTS.standardRead}, writes ${CATEGORY_WEIGHTS.standardWrite}, data-intensive ${CATEGORY_WEIGHTS.dataIntensive}.`,
        targets: mixedTargets(operations),
        profile,
        criteria,
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
  windowSeconds: 300,
  maxP95Drift: 0.2,
  maxErrorRateGrowth: 0.01,
};

export const soakStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'soak',
  description: 'System-wide: the standard load on the weighted mix for an hour, comparing the first and last windows of the hold.',
  defaults: soakDefaults,
  appliesTo: { testType: 'soak' },
  readsOptions: true,
  plan({ operations, options }) {
    if (operations.length === 0) return [];
    const resolved = resolveOptions(soakDefaults, options);
    const { profile, criteria } = openProfile('soak', 'Soak', resolved);
    const hold = labelledWindow(profile.stages, 'hold') ?? { fromSeconds: 0, toSeconds: totalSeconds(profile.stages) };
    const windowSeconds = Math.min(resolved.windowSeconds, Math.max(1, Math.floor((hold.toSeconds - hold.fromSeconds) / 3)));
    return [
      {
        id: 'soak_workload',
        name: 'Soak: mixed workload',
        type: 'soak',
        rationale:
          `Reveals leaks and slow degradation: ${profile.targetRps} requests/s (the load of ${resolved.virtualUsers} users) for ${resolved.durationSeconds} s on the mixed workload; ` +
          `p95 of the last ${windowSeconds} s of the hold may exceed the first ${windowSeconds} s by at most ${resolved.maxP95Drift * 100}%, and the error rate ` +
          `may grow by at most ${resolved.maxErrorRateGrowth * 100} points.`,
        targets: mixedTargets(operations),
        profile,
        criteria,
        soak: {
          windowSeconds,
          maxP95Drift: resolved.maxP95Drift,
          maxErrorRateGrowth: resolved.maxErrorRateGrowth,
          firstWindow: { fromSeconds: hold.fromSeconds, toSeconds: hold.fromSeconds + windowSeconds },
          lastWindow: { fromSeconds: hold.toSeconds - windowSeconds, toSeconds: hold.toSeconds },
        },
      },
    ];
  },
});
