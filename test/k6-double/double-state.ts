/**
 * State shared by the k6 test double's modules (k6, k6/http, k6/execution, ...) and its runner:
 * where the script is (init, setup, a scenario iteration, teardown) and what it did.
 * This is a TEST DOUBLE of k6 for the conformance harness, not k6.
 */
export type DoublePhase = 'init' | 'setup' | 'iteration' | 'teardown';

export interface DoubleRequestRecord {
  phase: DoublePhase;
  scenario?: string;
  group: string;
  method: string;
  url: string;
  status: number;
  /** The request's `name` tag (k6 defaults it to the URL; only an explicit tag is recorded). */
  nameTag?: string;
  error?: string;
  durationMs: number;
}

export interface DoubleCheckRecord {
  phase: DoublePhase;
  scenario?: string;
  group: string;
  name: string;
  /** Method and URL of the last request before the check, to say what was checked. */
  lastRequest?: string;
  lastStatus?: number;
}

export interface DoubleScriptError {
  phase: DoublePhase;
  scenario?: string;
  message: string;
}

export interface ScenarioInfo {
  name: string;
  executor: string;
  iterationInTest: number;
  startTime: number;
}

export interface DoubleState {
  phase: DoublePhase;
  scenario?: ScenarioInfo;
  vuId: number;
  iteration: number;
  groupStack: string[];
  /** Request header that carries the `name` tag to the recording proxy (`--tag-header`). */
  tagHeader?: string;
  scriptDir: string;
  requests: DoubleRequestRecord[];
  passedChecks: number;
  failedChecks: DoubleCheckRecord[];
  scriptErrors: DoubleScriptError[];
  /** Seconds the script asked to sleep; the double does not wait. */
  sleptSeconds: number;
  /** Set by exec.test.abort(). */
  abortedWith?: string;
}

const KEY = Symbol.for('perfplan.k6-double.state');

/** The one state object, kept on globalThis so every copy of this module sees the same one. */
export function doubleState(): DoubleState {
  const holder = globalThis as unknown as Record<symbol, DoubleState | undefined>;
  let state = holder[KEY];
  if (state === undefined) {
    state = {
      phase: 'init',
      vuId: 0,
      iteration: 0,
      groupStack: [],
      scriptDir: process.cwd(),
      requests: [],
      passedChecks: 0,
      failedChecks: [],
      scriptErrors: [],
      sleptSeconds: 0,
    };
    holder[KEY] = state;
  }
  return state;
}

/** k6's group path: `::outer::inner`, '' at the top. */
export function groupPath(state: DoubleState): string {
  return state.groupStack.length === 0 ? '' : `::${state.groupStack.join('::')}`;
}

/** Thrown by exec.test.abort(); the runner stops the run with k6's exit code 108. */
export class TestAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestAbortedError';
  }
}
