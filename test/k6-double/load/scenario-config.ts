// Scenarios of a k6 script as the k6 TEST DOUBLE reads them in load mode: options.scenarios (or
// k6's shortcuts vus/duration/iterations/stages), with k6's defaults and validation rules.
import { durationMs } from '../durations.js';
import type { Stage } from './schedules.js';

export const EXECUTORS = new Set([
  'shared-iterations',
  'per-vu-iterations',
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'externally-controlled',
]);

/** A bad script cannot exhaust the machine: every VU is a thread. */
export const MAX_TOTAL_VUS = 2000;

const DEFAULT_GRACEFUL_STOP_MS = 30_000;
const DEFAULT_MAX_DURATION_MS = 600_000;
const MIN_DURATION_MS = 1000;

interface ScenarioBase {
  name: string;
  exec: string;
  startTimeMs: number;
  gracefulStopMs: number;
  env: Record<string, string>;
  tags: Record<string, string>;
  /** VUs initialized before the test starts. */
  preAllocatedVUs: number;
  /** Most VUs the scenario may use. */
  maxVUs: number;
}

export type ScenarioPlan = ScenarioBase &
  (
    | { executor: 'shared-iterations' | 'per-vu-iterations'; vus: number; iterations: number; maxDurationMs: number }
    | { executor: 'constant-vus'; vus: number; durationMs: number }
    | { executor: 'ramping-vus'; startVUs: number; stages: Stage[]; gracefulRampDownMs: number }
    | { executor: 'constant-arrival-rate'; rate: number; timeUnitMs: number; durationMs: number }
    | { executor: 'ramping-arrival-rate'; startRate: number; timeUnitMs: number; stages: Stage[] }
  );

export class ScenarioConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioConfigError';
  }
}

type Raw = Record<string, unknown>;

/** k6 derives one `default` scenario from the shortcut options when there is no options.scenarios. */
function scenariosOf(options: Raw, problems: string[]): Record<string, Raw> {
  const scenarios = options.scenarios as Record<string, Raw> | undefined;
  const has = (key: string): boolean => options[key] !== undefined && options[key] !== null;
  const stages = Array.isArray(options.stages) ? (options.stages as Raw[]) : undefined;
  if (has('iterations')) {
    if (stages !== undefined && stages.length > 0) problems.push('using `iterations` and `stages` options simultaneously is not allowed');
    if (scenarios !== undefined) problems.push('using `iterations` and `scenarios` options simultaneously is not allowed');
    const scenario: Raw = { executor: 'shared-iterations', vus: options.vus ?? 1, iterations: options.iterations };
    if (has('duration')) scenario.maxDuration = options.duration;
    return { default: scenario };
  }
  if (has('duration')) {
    if (stages !== undefined && stages.length > 0) problems.push('using `duration` and `stages` options simultaneously is not allowed');
    if (scenarios !== undefined) problems.push('using `duration` and `scenarios` options simultaneously is not allowed');
    return { default: { executor: 'constant-vus', vus: options.vus ?? 1, duration: options.duration } };
  }
  if (stages !== undefined && stages.length > 0) {
    if (scenarios !== undefined) problems.push('using `stages` and `scenarios` options simultaneously is not allowed');
    return { default: { executor: 'ramping-vus', startVUs: options.vus ?? 1, stages } };
  }
  if (has('vus')) return { default: { executor: 'shared-iterations', vus: options.vus, iterations: options.vus } };
  if (scenarios !== undefined && Object.keys(scenarios).length > 0) return scenarios;
  return { default: { executor: 'per-vu-iterations' } };
}

function integer(raw: Raw, key: string, fallback: number | undefined, where: string, problems: string[]): number {
  const value = raw[key] ?? fallback;
  if (value === undefined) {
    problems.push(`${where}: ${key} is required`);
    return 0;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push(`${where}: ${key} must be an integer, got ${JSON.stringify(value)}`);
    return 0;
  }
  return value;
}

function duration(raw: Raw, key: string, fallback: number | undefined, where: string, problems: string[]): number {
  const value = raw[key];
  if (value === undefined || value === null) {
    if (fallback === undefined) problems.push(`${where}: ${key} is required`);
    return fallback ?? 0;
  }
  try {
    return durationMs(value);
  } catch (error) {
    problems.push(`${where}: ${key}: ${(error as Error).message}`);
    return 0;
  }
}

function stagesOf(raw: Raw, where: string, problems: string[]): Stage[] {
  const stages = raw.stages;
  if (!Array.isArray(stages) || stages.length === 0) {
    problems.push(`${where}: at least one stage has to be specified`);
    return [];
  }
  return stages.map((stage: Raw, i) => {
    const at = `${where}: stage ${i}`;
    const result = { durationMs: duration(stage, 'duration', undefined, at, problems), target: integer(stage, 'target', undefined, at, problems) };
    if (result.durationMs < 0) problems.push(`${at}: duration can't be negative`);
    if (result.target < 0) problems.push(`${at}: target can't be negative`);
    return result;
  });
}

function stringMap(value: unknown, where: string, problems: string[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where} must be an object of strings`);
    return {};
  }
  return Object.fromEntries(Object.entries(value as Raw).map(([key, item]) => [key, String(item)]));
}

function planOne(name: string, raw: Raw, exported: Set<string>, problems: string[]): ScenarioPlan | undefined {
  const where = `scenario ${name}`;
  const executor = String(raw.executor ?? '');
  if (!/^[0-9A-Za-z_-]+$/.test(name)) problems.push(`scenario name ${JSON.stringify(name)} has characters k6 does not allow`);
  if (!EXECUTORS.has(executor)) {
    problems.push(`${where}: unknown executor ${JSON.stringify(executor)}`);
    return undefined;
  }
  if (executor === 'externally-controlled') {
    problems.push(`${where}: the k6 test double does not support the externally-controlled executor (it needs k6's REST API); use another executor`);
    return undefined;
  }
  const exec = typeof raw.exec === 'string' ? raw.exec : 'default';
  if (!exported.has(exec)) problems.push(`${where}: function '${exec}' not found in exports`);
  const base: ScenarioBase = {
    name,
    exec,
    startTimeMs: duration(raw, 'startTime', 0, where, problems),
    gracefulStopMs: duration(raw, 'gracefulStop', DEFAULT_GRACEFUL_STOP_MS, where, problems),
    env: stringMap(raw.env, `${where}: env`, problems),
    tags: stringMap(raw.tags, `${where}: tags`, problems),
    preAllocatedVUs: 0,
    maxVUs: 0,
  };
  if (base.startTimeMs < 0) problems.push(`${where}: the startTime can't be negative`);
  if (base.gracefulStopMs < 0) problems.push(`${where}: the gracefulStop timeout can't be negative`);
  switch (executor) {
    case 'shared-iterations':
    case 'per-vu-iterations': {
      const vus = integer(raw, 'vus', 1, where, problems);
      const iterations = integer(raw, 'iterations', 1, where, problems);
      const maxDurationMs = duration(raw, 'maxDuration', DEFAULT_MAX_DURATION_MS, where, problems);
      if (vus <= 0) problems.push(`${where}: the number of VUs must be more than 0`);
      if (iterations <= 0) problems.push(`${where}: the number of iterations must be more than 0`);
      if (executor === 'shared-iterations' && iterations < vus) problems.push(`${where}: the number of iterations (${iterations}) can't be less than the number of VUs (${vus})`);
      if (maxDurationMs < MIN_DURATION_MS) problems.push(`${where}: the maxDuration must be at least 1s`);
      return { ...base, executor, vus, iterations, maxDurationMs, preAllocatedVUs: vus, maxVUs: vus };
    }
    case 'constant-vus': {
      const vus = integer(raw, 'vus', 1, where, problems);
      const durationMsValue = duration(raw, 'duration', undefined, where, problems);
      if (vus <= 0) problems.push(`${where}: the number of VUs must be more than 0`);
      if (durationMsValue < MIN_DURATION_MS) problems.push(`${where}: the duration must be at least 1s`);
      return { ...base, executor, vus, durationMs: durationMsValue, preAllocatedVUs: vus, maxVUs: vus };
    }
    case 'ramping-vus': {
      const startVUs = integer(raw, 'startVUs', 1, where, problems);
      const stages = stagesOf(raw, where, problems);
      const gracefulRampDownMs = duration(raw, 'gracefulRampDown', DEFAULT_GRACEFUL_STOP_MS, where, problems);
      const most = Math.max(startVUs, ...stages.map((stage) => stage.target));
      if (startVUs < 0) problems.push(`${where}: the number of start VUs can't be negative`);
      if (most <= 0) problems.push(`${where}: either startVUs or one of the stages' target values must be greater than 0`);
      return { ...base, executor, startVUs, stages, gracefulRampDownMs, preAllocatedVUs: most, maxVUs: most };
    }
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const timeUnitMs = duration(raw, 'timeUnit', 1000, where, problems);
      const preAllocatedVUs = integer(raw, 'preAllocatedVUs', undefined, where, problems);
      const maxVUs = integer(raw, 'maxVUs', preAllocatedVUs, where, problems);
      if (timeUnitMs <= 0) problems.push(`${where}: the timeUnit must be more than 0`);
      if (preAllocatedVUs < 0) problems.push(`${where}: the number of preAllocatedVUs can't be negative`);
      if (maxVUs < preAllocatedVUs) problems.push(`${where}: maxVUs can't be less than preAllocatedVUs`);
      if (executor === 'constant-arrival-rate') {
        const rate = integer(raw, 'rate', undefined, where, problems);
        const durationMsValue = duration(raw, 'duration', undefined, where, problems);
        if (rate <= 0) problems.push(`${where}: the iteration rate must be more than 0`);
        if (durationMsValue < MIN_DURATION_MS) problems.push(`${where}: the duration must be at least 1s`);
        return { ...base, executor, rate, timeUnitMs, durationMs: durationMsValue, preAllocatedVUs, maxVUs };
      }
      const startRate = integer(raw, 'startRate', 0, where, problems);
      if (startRate < 0) problems.push(`${where}: the startRate value can't be negative`);
      return { ...base, executor, startRate, timeUnitMs, stages: stagesOf(raw, where, problems), preAllocatedVUs, maxVUs };
    }
  }
  return undefined;
}

/**
 * The scenarios to run, in declaration order; throws a ScenarioConfigError (k6: invalid config,
 * exit 104) listing every problem, including more VUs in total than MAX_TOTAL_VUS.
 */
export function planScenarios(options: Raw, exported: Set<string>): ScenarioPlan[] {
  const problems: string[] = [];
  const plans: ScenarioPlan[] = [];
  for (const [name, raw] of Object.entries(scenariosOf(options, problems))) {
    const plan = planOne(name, raw ?? {}, exported, problems);
    if (plan !== undefined) plans.push(plan);
  }
  const total = plans.reduce((sum, plan) => sum + plan.maxVUs, 0);
  if (total > MAX_TOTAL_VUS) {
    problems.push(`the scenarios need ${total} VUs in total; the k6 test double runs each VU in a thread and refuses more than ${MAX_TOTAL_VUS} (lower vus/maxVUs, or run one scenario with -e SCENARIO=...)`);
  }
  if (problems.length > 0) throw new ScenarioConfigError(problems);
  return plans;
}
