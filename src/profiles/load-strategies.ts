import { defineProfileStrategy } from '../plugin-api/index.js';
import type { ProfileOptions, ProfileStrategy, ProfileStrategyInput, StrategyTestCase } from '../plugin-api/index.js';
import type { OperationAnalysis } from '../model/index.js';
import { GLOBAL_DEFAULTS, openProfile, resolveOptions, type LoadOptions } from '../plugin-api/index.js';
import { makeTestCaseId } from './test-case-id.js';

function describeTarget(operation: OperationAnalysis): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100}%`;
}

function loadTestCases(input: {
  strategy: string;
  title: string;
  options: LoadOptions;
  operations: OperationAnalysis[];
  why: (operation: OperationAnalysis) => string;
}): StrategyTestCase[] {
  const taken = new Set<string>();
  const { options } = input;
  const { profile, criteria } = openProfile(input.strategy, input.title, options);
  const rate = profile.targetRps ?? 0;
  return input.operations.map((operation) => ({
    id: makeTestCaseId('load', operation.operationId, taken),
    name: `${input.title}: ${describeTarget(operation)}`,
    type: 'load',
    rationale:
      `${input.why(operation)} Offers ${rate} requests/s (paced arrivals, at most ${profile.virtualUsers} users in flight) ` +
      `for ${options.durationSeconds} s after a ${options.rampUpSeconds} s ramp-up, and expects p95 under ${options.p95Ms} ms, ` +
      `errors under ${percent(options.errorRate)} and at least ${criteria.minThroughputRps} requests/s served over the hold.`,
    targets: [{ operationId: operation.operationId, weight: 1 }],
    profile,
    criteria,
  }));
}

function resolved(options: Readonly<ProfileOptions>, defaults: LoadOptions): LoadOptions {
  return resolveOptions(defaults, options);
}

const standardDefaults: LoadOptions = {
  ...GLOBAL_DEFAULTS,
  expectedResponseTimeMs: 500,
  p95Ms: 1000,
  errorRate: 0.01,
};

const criticalDefaults: LoadOptions = {
  ...GLOBAL_DEFAULTS,
  virtualUsers: 20,
  expectedResponseTimeMs: 200,
  p95Ms: 500,
  errorRate: 0.005,
};

const dataIntensiveDefaults: LoadOptions = {
  ...GLOBAL_DEFAULTS,
  virtualUsers: 5,
  thinkTimeSeconds: 3,
  expectedResponseTimeMs: 2000,
  p95Ms: 5000,
  errorRate: 0.02,
};

export const standardStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'standard',
  description: 'Load test at normal expected concurrency for operations with no special risk.',
  defaults: standardDefaults,
  appliesTo: { testType: 'load', categories: ['standard'] },
  readsOptions: true,
  plan: ({ operations, options }: ProfileStrategyInput) =>
    loadTestCases({
      strategy: 'standard',
      title: 'Standard Load',
      options: resolved(options, standardDefaults),
      operations,
      why: (operation) => `A ${operation.kind} operation with no critical-path or data-intensive marker gets the standard load.`,
    }),
});

export const criticalPathStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'critical-path',
  description: 'Double load and stricter latency for high-impact operations (auth, payment, search, ...).',
  defaults: criticalDefaults,
  appliesTo: { testType: 'load', categories: ['critical'] },
  readsOptions: true,
  plan: ({ operations, options }: ProfileStrategyInput) =>
    loadTestCases({
      strategy: 'critical-path',
      title: 'Critical Path Load',
      options: resolved(options, criticalDefaults),
      operations,
      why: (operation) => `Critical path: ${operation.critical?.reason ?? 'marked critical'}.`,
    }),
});

export const dataIntensiveStrategy: ProfileStrategy = defineProfileStrategy({
  name: 'data-intensive',
  description: 'Reduced concurrency, longer think time and relaxed latency for uploads, downloads, exports and bulk operations.',
  defaults: dataIntensiveDefaults,
  appliesTo: { testType: 'load', categories: ['data_intensive'] },
  readsOptions: true,
  plan: ({ operations, options }: ProfileStrategyInput) =>
    loadTestCases({
      strategy: 'data-intensive',
      title: 'Data Intensive Load',
      options: resolved(options, dataIntensiveDefaults),
      operations,
      why: (operation) =>
        `Data intensive (${operation.dataIntensive?.category ?? 'large payload'}): ${operation.dataIntensive?.reason ?? 'marked data intensive'}.`,
    }),
});
