import type { LoadProfile, LoadStage, SuccessCriteria } from '../model/index.js';
import type { ProfileOptions } from '../plugin-api/index.js';

/** The global defaults of the reference design. */
export const GLOBAL_DEFAULTS = {
  virtualUsers: 10,
  maxUsers: 1000,
  durationSeconds: 60,
  rampUpSeconds: 30,
  rampDownSeconds: 30,
  thinkTimeSeconds: 1,
} as const;

type Required<T> = { [K in keyof T]-?: T[K] };
export type LoadOptions = Required<
  Pick<
    ProfileOptions,
    | 'virtualUsers'
    | 'durationSeconds'
    | 'rampUpSeconds'
    | 'rampDownSeconds'
    | 'thinkTimeSeconds'
    | 'expectedResponseTimeMs'
    | 'p95Ms'
    | 'errorRate'
    | 'minThroughputRps'
  >
> &
  Pick<ProfileOptions, 'meanMs' | 'maxMs'>;

/** Ramp up to the users, hold for the duration, ramp down to zero. */
export function rampHoldStages(options: Pick<LoadOptions, 'virtualUsers' | 'durationSeconds' | 'rampUpSeconds' | 'rampDownSeconds'>): LoadStage[] {
  const stages: LoadStage[] = [];
  if (options.rampUpSeconds > 0) stages.push({ durationSeconds: options.rampUpSeconds, target: options.virtualUsers, label: 'ramp-up' });
  stages.push({ durationSeconds: options.durationSeconds, target: options.virtualUsers, label: 'hold' });
  if (options.rampDownSeconds > 0) stages.push({ durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' });
  return stages;
}

export function loadProfile(name: string, title: string, options: LoadOptions): LoadProfile {
  return {
    name,
    title,
    virtualUsers: options.virtualUsers,
    durationSeconds: options.durationSeconds,
    rampUpSeconds: options.rampUpSeconds,
    rampDownSeconds: options.rampDownSeconds,
    thinkTimeSeconds: options.thinkTimeSeconds,
    expectedResponseTimeMs: options.expectedResponseTimeMs,
    stages: rampHoldStages(options),
  };
}

export function loadCriteria(options: LoadOptions): SuccessCriteria {
  const criteria: SuccessCriteria = {
    p95Ms: options.p95Ms,
    errorRate: options.errorRate,
    minThroughputRps: options.minThroughputRps,
  };
  if (options.meanMs !== undefined) criteria.meanMs = options.meanMs;
  if (options.maxMs !== undefined) criteria.maxMs = options.maxMs;
  return criteria;
}
