import type { LoadModel, LoadProfile, LoadStage, SuccessCriteria } from '../model/index.js';
import type { ProfileOptions } from './types.js';
import { closedLoadModel, closedMinimumRps, labelledWindow, openLoadModel, openMinimumRps } from './load-model.js';

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
    'virtualUsers' | 'durationSeconds' | 'rampUpSeconds' | 'rampDownSeconds' | 'thinkTimeSeconds' | 'expectedResponseTimeMs' | 'p95Ms' | 'errorRate'
  >
> &
  Pick<ProfileOptions, 'meanMs' | 'maxMs' | 'targetRps' | 'minThroughputRps' | 'throughputTolerance'>;

/** Options over defaults, ignoring undefined values. */
export function resolveOptions<T extends object>(defaults: T, options: Readonly<ProfileOptions> | Record<string, unknown>): T {
  return { ...defaults, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) } as T;
}

/** Ramp up to the users, hold for the duration, ramp down to zero. */
export function rampHoldStages(options: Pick<LoadOptions, 'virtualUsers' | 'durationSeconds' | 'rampUpSeconds' | 'rampDownSeconds'>): LoadStage[] {
  const stages: LoadStage[] = [];
  if (options.rampUpSeconds > 0) stages.push({ durationSeconds: options.rampUpSeconds, target: options.virtualUsers, label: 'ramp-up' });
  stages.push({ durationSeconds: options.durationSeconds, target: options.virtualUsers, label: 'hold' });
  if (options.rampDownSeconds > 0) stages.push({ durationSeconds: options.rampDownSeconds, target: 0, label: 'ramp-down' });
  return stages;
}

function modelInput(options: LoadOptions): Parameters<typeof openLoadModel>[0] {
  const tolerance = options.throughputTolerance;
  // minThroughputRps is what the test must show: offer enough that the tolerance still reaches it.
  const rateRps =
    options.targetRps ?? (options.minThroughputRps !== undefined && options.minThroughputRps > 0 ? options.minThroughputRps / (1 - (tolerance ?? 0.05)) : undefined);
  return {
    users: options.virtualUsers,
    thinkTimeSeconds: options.thinkTimeSeconds,
    expectedResponseTimeMs: options.expectedResponseTimeMs,
    p95Ms: options.p95Ms,
    ...(rateRps !== undefined ? { rateRps } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
  };
}

function profileOf(name: string, title: string, options: LoadOptions, model: LoadModel, stages: LoadStage[]): LoadProfile {
  return {
    name,
    title,
    virtualUsers: model.poolUsers,
    durationSeconds: options.durationSeconds,
    rampUpSeconds: options.rampUpSeconds,
    rampDownSeconds: options.rampDownSeconds,
    thinkTimeSeconds: options.thinkTimeSeconds,
    expectedResponseTimeMs: options.expectedResponseTimeMs,
    stages,
    loadModel: model,
  };
}

function baseCriteria(options: LoadOptions): SuccessCriteria {
  const criteria: SuccessCriteria = { p95Ms: options.p95Ms, errorRate: options.errorRate, minThroughputRps: 0 };
  if (options.meanMs !== undefined) criteria.meanMs = options.meanMs;
  if (options.maxMs !== undefined) criteria.maxMs = options.maxMs;
  return criteria;
}

/**
 * An open-model profile (load, mixed, soak): ramp, hold and ramp-down of a pool of users whose
 * arrivals are paced at the model's rate; throughput is judged over the hold.
 */
export function openProfile(name: string, title: string, options: LoadOptions): { profile: LoadProfile; criteria: SuccessCriteria } {
  const model = openLoadModel(modelInput(options));
  const stages = rampHoldStages({ ...options, virtualUsers: model.poolUsers });
  const profile = { ...profileOf(name, title, options, model, stages), targetRps: model.rateRps };
  const criteria = baseCriteria(options);
  criteria.minThroughputRps = openMinimumRps(model);
  const hold = labelledWindow(stages, 'hold');
  if (hold) criteria.throughputWindow = hold;
  return { profile, criteria };
}

/**
 * A closed-model profile (spike, stress, workflow): `stages` of users who think between requests.
 * With `throughputOver`, throughput is judged over that stage (by label) at the rate the users
 * give when every response takes the p95 limit.
 */
export function closedProfile(input: {
  name: string;
  title: string;
  options: LoadOptions;
  stages: LoadStage[];
  throughputOver?: string;
}): { profile: LoadProfile; criteria: SuccessCriteria } {
  const { options } = input;
  const model = closedLoadModel(modelInput(options));
  const profile = profileOf(input.name, input.title, options, model, input.stages);
  profile.virtualUsers = Math.max(1, ...input.stages.map((stage) => Math.round(stage.target)));
  profile.durationSeconds = input.stages.reduce((sum, stage) => sum + stage.durationSeconds, 0);
  const criteria = baseCriteria(options);
  const window = input.throughputOver === undefined ? undefined : labelledWindow(input.stages, input.throughputOver);
  if (window) {
    criteria.minThroughputRps = closedMinimumRps(model);
    criteria.throughputWindow = window;
    model.explanation.push(
      `During the ${input.throughputOver} they give at least ${model.users} / (${model.thinkTimeSeconds} + ${model.p95Ms / 1000}) requests/s when every response takes the p95 limit; throughput passes at ${criteria.minThroughputRps} requests/s or more (${Math.round((1 - model.tolerance) * 100)} % of that).`,
    );
  }
  return { profile, criteria };
}
