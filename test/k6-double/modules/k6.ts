// TEST DOUBLE of k6's `k6` module (check, group, sleep, fail, randomSeed) for the conformance harness.
import { doubleState, groupPath } from '../double-state.js';

type Checker = ((value: unknown) => unknown) | unknown;

/** Runs every check, records the failed ones and returns whether all passed (k6 semantics). */
export function check(value: unknown, sets: Record<string, Checker>, _tags?: Record<string, string>): boolean {
  const state = doubleState();
  let all = true;
  for (const [name, checker] of Object.entries(sets)) {
    // As in k6, an exception thrown by a check function propagates and ends the iteration.
    const passed = typeof checker === 'function' ? Boolean((checker as (value: unknown) => unknown)(value)) : Boolean(checker);
    if (passed) {
      state.passedChecks++;
      continue;
    }
    all = false;
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
  if (name.includes('::')) throw new Error(`k6 double: group name ${JSON.stringify(name)} contains "::", which k6 rejects`);
  state.groupStack.push(name);
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new Error('k6 double: group() got an async function; k6 does not support async functions in group()');
    }
    return result;
  } finally {
    state.groupStack.pop();
  }
}

/** k6 waits; the double only counts the time so smoke runs stay fast. */
export function sleep(seconds: number): void {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`k6 double: sleep() needs a non-negative number of seconds, got ${String(seconds)}`);
  }
  doubleState().sleptSeconds += seconds;
}

export function fail(message?: string): never {
  throw new Error(message ?? '');
}

export function randomSeed(_seed: number): void {
  // The double makes no random choices of its own.
}

export default { check, group, sleep, fail, randomSeed };
