// TEST DOUBLE of k6's `k6/execution` module for the conformance harness.
import { doubleState, TestAbortedError } from '../double-state.js';

function inVuContext(what: string): void {
  if (doubleState().phase === 'init') {
    throw new Error(`k6 double: getting ${what} information in the init context is not supported (as in k6)`);
  }
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
      progress: 0,
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
      iterationInScenario: state.iteration,
      tags: {} as Record<string, string>,
      metrics: { tags: {} as Record<string, string>, metadata: {} as Record<string, string> },
    };
  },
  get instance() {
    return { iterationsInterrupted: 0, iterationsCompleted: 0, vusActive: 1, vusInitialized: 1, currentTestRunDuration: 0 };
  },
  test: {
    abort(message?: string): never {
      const text = message ?? 'test aborted';
      doubleState().abortedWith = text;
      throw new TestAbortedError(text);
    },
    fail(message?: string): void {
      doubleState().scriptErrors.push({ phase: doubleState().phase, message: `exec.test.fail: ${message ?? ''}` });
    },
    get options(): Record<string, unknown> {
      return (globalThis as { __K6_DOUBLE_OPTIONS__?: Record<string, unknown> }).__K6_DOUBLE_OPTIONS__ ?? {};
    },
  },
};

export default execution;
