// TEST DOUBLE of k6's `k6/execution` module: scenario, VU (with its metric tags), instance and test.
import { doubleState, groupPath, tagValue, TestAbortedError } from '../double-state.js';

function inVuContext(what: string): void {
  if (doubleState().phase === 'init') {
    throw new Error(`k6 double: getting ${what} information in the init context is not supported (as in k6)`);
  }
}

/** exec.vu.tags / exec.vu.metrics.tags: reads include `scenario` and `group`; writes tag every later sample of the VU. */
function vuTags(): Record<string, string> {
  const state = doubleState();
  return new Proxy({} as Record<string, string>, {
    get: (_target, key) => (typeof key !== 'string' ? undefined : key === 'group' ? groupPath(state) : state.tags[key]),
    set: (_target, key, value) => {
      if (typeof key !== 'string') return false;
      state.tags[key] = tagValue(key, value);
      return true;
    },
    has: (_target, key) => typeof key === 'string' && (key === 'group' || key in state.tags),
    deleteProperty: (_target, key) => {
      if (typeof key === 'string') delete state.tags[key];
      return true;
    },
    ownKeys: () => [...new Set([...Object.keys(state.tags), 'group'])],
    getOwnPropertyDescriptor: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      const value = key === 'group' ? groupPath(state) : state.tags[key];
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

function vuMetadata(): Record<string, string> {
  const state = doubleState();
  return new Proxy(state.metadata, {
    set: (target, key, value) => {
      if (typeof key !== 'string') return false;
      target[key] = tagValue(key, value);
      return true;
    },
  });
}

const execution = {
  get scenario() {
    inVuContext('scenario');
    const scenario = doubleState().scenario;
    if (scenario === undefined) throw new Error('k6 double: there is no scenario outside scenario iterations (setup/teardown)');
    return {
      name: scenario.name,
      executor: scenario.executor,
      startTime: scenario.startTime,
      progress: scenario.progress ?? 0,
      iterationInInstance: scenario.iterationInTest,
      iterationInTest: scenario.iterationInTest,
    };
  },
  get vu() {
    inVuContext('VU');
    const state = doubleState();
    return {
      idInInstance: state.vuId,
      idInTest: state.vuId,
      iterationInInstance: state.iteration,
      iterationInScenario: state.iterationInScenario,
      tags: vuTags(),
      metrics: { tags: vuTags(), metadata: vuMetadata() },
    };
  },
  get instance() {
    const state = doubleState();
    if (state.instance !== undefined) return state.instance();
    return { iterationsInterrupted: 0, iterationsCompleted: 0, vusActive: 1, vusInitialized: 1, currentTestRunDuration: 0 };
  },
  test: {
    abort(message?: string): never {
      const text = message ?? 'test aborted';
      doubleState().abortedWith = text;
      throw new TestAbortedError(text);
    },
    fail(message?: string): void {
      const state = doubleState();
      state.failedWith = message ?? '';
      state.scriptErrors.push({ phase: state.phase, message: `exec.test.fail: ${message ?? ''}` });
    },
    get options(): Record<string, unknown> {
      return (globalThis as { __K6_DOUBLE_OPTIONS__?: Record<string, unknown> }).__K6_DOUBLE_OPTIONS__ ?? {};
    },
  },
};

export default execution;
