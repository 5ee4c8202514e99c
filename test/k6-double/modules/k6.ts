// TEST DOUBLE of k6's `k6` module (check, group, sleep, fail, randomSeed). In load mode it emits
// k6's `checks` and `group_duration` samples; in functional mode it records failed checks.
import { currentTags, doubleState, emitSample, groupPath, tagValue } from '../double-state.js';

type Checker = ((value: unknown) => unknown) | unknown;

function isAsyncFunction(value: unknown): boolean {
  return typeof value === 'function' && value.constructor?.name === 'AsyncFunction';
}

/** Runs every check, records them and returns whether all passed (k6 semantics). */
export function check(value: unknown, sets: Record<string, Checker>, tags?: Record<string, unknown>): boolean {
  const state = doubleState();
  if (state.phase === 'init') throw new Error('k6 double: using check() in the init context is not supported (as in k6)');
  state.checkInterrupt();
  const extra: Record<string, string> = {};
  for (const [key, tag] of Object.entries(tags ?? {})) extra[key] = tagValue(key, tag);
  let all = true;
  for (const [name, checker] of Object.entries(sets)) {
    if (name.includes('::')) throw new Error(`k6 double: check name ${JSON.stringify(name)} contains "::", which k6 rejects`);
    if (isAsyncFunction(checker)) throw new Error('k6 double: check() does not support async functions (as in k6)');
    let passed: boolean;
    try {
      passed = typeof checker === 'function' ? Boolean((checker as (value: unknown) => unknown)(value)) : Boolean(checker);
    } catch (error) {
      // As in k6, a check whose function throws counts as failed, then the exception propagates.
      emitSample(state, 'checks', 0, currentTags(state, { ...extra, check: name }));
      throw error;
    }
    emitSample(state, 'checks', passed ? 1 : 0, currentTags(state, { ...extra, check: name }));
    if (passed) {
      if (state.recording) state.passedChecks++;
      continue;
    }
    all = false;
    if (!state.recording) continue;
    const last = state.requests.at(-1);
    const record: (typeof state.failedChecks)[number] = { phase: state.phase, group: groupPath(state), name };
    if (state.scenario !== undefined) record.scenario = state.scenario.name;
    if (last !== undefined) {
      record.lastRequest = `${last.method} ${last.url}`;
      record.lastStatus = last.status;
    }
    state.failedChecks.push(record);
  }
  return all;
}

export function group<T>(name: string, fn: () => T): T {
  const state = doubleState();
  if (state.phase === 'init') throw new Error('k6 double: using group() in the init context is not supported (as in k6)');
  if (name.includes('::')) throw new Error(`k6 double: group name ${JSON.stringify(name)} contains "::", which k6 rejects`);
  if (isAsyncFunction(fn)) throw new Error('k6 double: group() got an async function; k6 does not support async functions in group()');
  state.checkInterrupt();
  state.groupStack.push(name);
  const started = state.elapsedMs();
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new Error('k6 double: group() got an async function; k6 does not support async functions in group()');
    }
    return result;
  } finally {
    // k6 emits the group's duration even when its function throws, tagged with the group's own path.
    emitSample(state, 'group_duration', state.elapsedMs() - started, currentTags(state));
    state.groupStack.pop();
  }
}

/** Waits `seconds` of the run's (virtual) time in load mode; functional mode only counts them so smoke runs stay fast. */
export function sleep(seconds: number): void {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`k6 double: sleep() needs a non-negative number of seconds, got ${String(seconds)}`);
  }
  doubleState().sleep(seconds);
}

export function fail(message?: string): never {
  throw new Error(message ?? '');
}

export function randomSeed(_seed: number): void {
  // The double makes no random choices of its own.
}

export default { check, group, sleep, fail, randomSeed };
