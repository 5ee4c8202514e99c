/**
 * State shared by the k6 test double's modules (k6, k6/http, k6/execution, ...) and its runner, per
 * thread: where the script is (init, setup, a scenario iteration, teardown), what it did (functional
 * mode records requests and checks), and, in load mode, the VU's tags, clock and metric samples.
 * This is a TEST DOUBLE of k6 for perfplan's tests, not k6.
 */
import type { MetricDefinition, Sample } from './metrics/sample.js';

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
  /** Virtual epoch milliseconds at which the scenario started. */
  startTime: number;
  /** 0..1; time- or iteration-based as the executor defines it. */
  progress?: number;
}

/** Which responses k6 counts as expected (http_req_failed = 0): statuses and ranges. */
export type ExpectedStatuses = (number | { min: number; max: number })[];

export interface DoubleState {
  phase: DoublePhase;
  scenario?: ScenarioInfo;
  vuId: number;
  /** The VU's iteration count across scenarios (exec.vu.iterationInInstance, __ITER). */
  iteration: number;
  /** The VU's iteration count in the current scenario (exec.vu.iterationInScenario). */
  iterationInScenario: number;
  groupStack: string[];
  /** Request header that carries the `name` tag to the recording proxy (`--tag-header`). */
  tagHeader?: string;
  scriptDir: string;
  /** Functional mode records every request and check below; load mode keeps metrics instead. */
  recording: boolean;
  requests: DoubleRequestRecord[];
  passedChecks: number;
  failedChecks: DoubleCheckRecord[];
  scriptErrors: DoubleScriptError[];
  /** Seconds the script asked to sleep. */
  sleptSeconds: number;
  /** Set by exec.test.abort(). */
  abortedWith?: string;
  /** Set by exec.test.fail(). */
  failedWith?: string;
  /** The VU's tags (test-wide, scenario, exec.vu.tags, `scenario`); `group` comes from groupStack. */
  tags: Record<string, string>;
  /** exec.vu.metrics.metadata: sent with samples, never indexed. */
  metadata: Record<string, string>;
  /** Where samples go (load mode); functional mode drops them. */
  emit: (sample: Sample) => void;
  /** Virtual epoch milliseconds (load mode's clock); Date.now in functional mode. */
  now: () => number;
  /**
   * Milliseconds for the durations the double measures itself (iteration_duration, group_duration):
   * real time for work and HTTP, virtual time for sleep() — what k6 would measure against the same
   * server. Only differences of it mean anything.
   */
  elapsedMs: () => number;
  /** Waits for `seconds` of virtual time (load mode); functional mode only counts them. */
  sleep: (seconds: number) => void;
  /** Throws when the controller interrupted the iteration (load mode). */
  checkInterrupt: () => void;
  /** http.setResponseCallback: null disables http_req_failed. */
  responseCallback: ExpectedStatuses | null;
  /** Custom metrics created in the init context (k6/metrics). */
  customMetrics: Map<string, MetricDefinition>;
  /** Bytes of the current iteration's requests and responses (data_sent / data_received). */
  dataSent: number;
  dataReceived: number;
  /** Run by the load runner before each iteration (k6 resets the VU's cookie jar, ...). */
  iterationStartHooks: (() => void)[];
  /** Shared counters of the whole run for exec.instance (load mode). */
  instance?: () => { iterationsInterrupted: number; iterationsCompleted: number; vusActive: number; vusInitialized: number; currentTestRunDuration: number };
}

const KEY = Symbol.for('perfplan.k6-double.state');

/** The one state object of this thread, kept on globalThis so every copy of this module sees the same one. */
export function doubleState(): DoubleState {
  const holder = globalThis as unknown as Record<symbol, DoubleState | undefined>;
  let state = holder[KEY];
  if (state === undefined) {
    const created: DoubleState = {
      phase: 'init',
      vuId: 0,
      iteration: 0,
      iterationInScenario: 0,
      groupStack: [],
      scriptDir: process.cwd(),
      recording: true,
      requests: [],
      passedChecks: 0,
      failedChecks: [],
      scriptErrors: [],
      sleptSeconds: 0,
      tags: {},
      metadata: {},
      emit: () => {},
      now: () => Date.now(),
      elapsedMs: () => performance.now(),
      sleep: (seconds) => {
        created.sleptSeconds += seconds;
      },
      checkInterrupt: () => {},
      responseCallback: [{ min: 200, max: 399 }],
      customMetrics: new Map(),
      dataSent: 0,
      dataReceived: 0,
      iterationStartHooks: [],
    };
    state = created;
    holder[KEY] = state;
  }
  return state;
}

/** k6's group path: `::outer::inner`, '' at the top. */
export function groupPath(state: DoubleState): string {
  return state.groupStack.length === 0 ? '' : `::${state.groupStack.join('::')}`;
}

/** The tags a sample gets now: the VU's tags, the group, then `extra` (call-site tags) over them. */
export function currentTags(state: DoubleState, extra?: Record<string, string>): Record<string, string> {
  return { ...state.tags, group: groupPath(state), ...extra };
}

/** Emits one sample with the VU's current tags (load mode; a no-op in functional mode). */
export function emitSample(state: DoubleState, metric: string, value: number, tags: Record<string, string>): void {
  const sample: Sample = { metric, time: state.now(), value, tags };
  if (Object.keys(state.metadata).length > 0) sample.metadata = { ...state.metadata };
  state.emit(sample);
}

/** Tag values as k6 accepts them: strings, numbers and booleans, as text; anything else is an error. */
export function tagValue(key: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`invalid value for metric tag '${key}': only String, Boolean and Number types are accepted as a metric tag values`);
}

/** Thrown by exec.test.abort(); the runner stops the run with k6's exit code 108. */
export class TestAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestAbortedError';
  }
}

/** Thrown inside a VU whose iteration the controller interrupted (gracefulStop, gracefulRampDown, abort). */
export class IterationInterruptedError extends Error {
  constructor() {
    super('k6 double: iteration interrupted (the executor stopped it)');
    this.name = 'IterationInterruptedError';
  }
}
