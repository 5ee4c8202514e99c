import type { UserConfig } from '../../src/config/types.js';
import type { TestType } from '../../src/model/index.js';
import type { ServerMode } from './server-modes.js';

/**
 * The operations the suite plans: two reads and writes of one resource, enough for a lifecycle
 * workflow (createUser gives the username getUserByName reads). Each operation is a load test
 * case, and a load file runs its cases one after another, so every operation more makes each
 * load run longer: two keep the suite within a few minutes.
 */
export const FIDELITY_OPERATIONS = ['createUser', 'getUserByName'] as const;

/** Latency limit of every test type, and what the slow mode adds above it. */
export const P95_LIMIT_MS = 300;
/** Think time of the stress test's users (the knee of the capacity-limited server depends on it). */
export const STRESS_THINK_SECONDS = 0.5;

const common = { thinkTimeSeconds: 0.25, expectedResponseTimeMs: 50, p95Ms: P95_LIMIT_MS, errorRate: 0.01 };

/**
 * The config `perfplan generate` runs with (written as .perfplanrc.json): small, short loads.
 * Load and mixed: 4 users' worth of 13.3 requests/s, 16 s hold; soak: a 60 s hold compared over
 * 20 s windows; spike: 2 → 10 users; stress: 5, 10, 15, 20 users who think 0.5 s; workflows: 3
 * users. Every test type is then run at a time scale (see RUNS) so each run takes seconds.
 */
export function fidelityConfig(spec: string): UserConfig {
  const load = { ...common, virtualUsers: 4, durationSeconds: 16, rampUpSeconds: 4, rampDownSeconds: 2 };
  return {
    spec,
    output: 'out',
    include: [...FIDELITY_OPERATIONS],
    timeScale: 0.25,
    profiles: {
      standard: load,
      'critical-path': load,
      'data-intensive': load,
      mixed: load,
      soak: { ...load, durationSeconds: 60, windowSeconds: 20 },
      spike: { ...common, virtualUsers: 2, rampUpSeconds: 10, baselineSeconds: 40, spikeSeconds: 40, recoverySeconds: 90, rampDownSeconds: 10 },
      stress: { ...common, thinkTimeSeconds: STRESS_THINK_SECONDS, p95Ms: 1000, virtualUsers: 5, maxUsers: 20, steps: 4, durationSeconds: 200, recoverySeconds: 60, rampDownSeconds: 10 },
      workflow: { ...load, virtualUsers: 3 },
    },
  };
}

/** Reference server modes as the suite uses them. */
export const MODES = {
  healthy: { kind: 'healthy', serviceMs: 50 },
  slow: { kind: 'slow', serviceMs: 50, addedMs: 400 },
  erroring: { kind: 'erroring', serviceMs: 50, errorEvery: 5 },
  capacity: { kind: 'capacity', serviceMs: 200, concurrency: 2 },
} as const satisfies Record<ServerMode['kind'], ServerMode>;

/** Time scale of each test type's runs: every one takes seconds. */
export const TIME_SCALES: Readonly<Record<TestType, number>> = {
  load: 0.25,
  mixed: 0.25,
  workflow: 0.25,
  soak: 0.1,
  spike: 0.05,
  stress: 0.08,
};

/** Which test types run against which mode. */
export interface FidelityRun {
  mode: ServerMode['kind'];
  types: TestType[];
}

/**
 * Healthy: every test type must pass. Slow and erroring: every type with a latency and error
 * criterion must fail naming p95 or the error rate. Stress is judged on its breaking point and its
 * recovery, whose p95 limit (1 s) the slow mode does not reach: the capacity-limited server is its
 * sick server, where it must find the breaking point and the capacity.
 */
export const FIDELITY_RUNS: readonly FidelityRun[] = [
  { mode: 'healthy', types: ['load', 'stress', 'spike', 'soak', 'mixed', 'workflow'] },
  { mode: 'slow', types: ['load', 'spike', 'soak', 'mixed', 'workflow'] },
  { mode: 'erroring', types: ['load', 'spike', 'soak', 'mixed', 'workflow'] },
  { mode: 'capacity', types: ['stress'] },
];
