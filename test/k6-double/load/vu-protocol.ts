// Messages between the k6 TEST DOUBLE's load controller and its VU threads.
import type { MessagePort } from 'node:worker_threads';
import type { ClockSpec } from '../clock.js';
import type { MetricDefinition, Sample } from '../metrics/sample.js';

export interface VuWorkerData {
  scriptPath: string;
  /** System environment plus -e values (k6's __ENV before scenario env). */
  env: Record<string, string>;
  vuId: number;
  clock: ClockSpec;
  httpPort: MessagePort;
  /** Int32Array words: see sync-http.ts (WAKE, INTERRUPT). */
  signal: SharedArrayBuffer;
  /** Int32Array shared by the whole run for exec.instance: see INSTANCE_* below. */
  instance: SharedArrayBuffer;
  /** Virtual epoch ms at which the test run started (exec.instance.currentTestRunDuration). */
  testStart: SharedArrayBuffer;
  tagHeader?: string;
  /** options.tags: test-wide tags on every sample. */
  runTags: Record<string, string>;
}

export const INSTANCE_ITERATIONS_COMPLETED = 0;
export const INSTANCE_ITERATIONS_INTERRUPTED = 1;
export const INSTANCE_VUS_ACTIVE = 2;
export const INSTANCE_VUS_INITIALIZED = 3;
export const INSTANCE_WORDS = 4;

export interface ActiveScenario {
  name: string;
  executor: string;
  exec: string;
  /** Virtual epoch ms. */
  startTime: number;
  env: Record<string, string>;
  tags: Record<string, string>;
  /** For exec.scenario.progress: time-based (regular duration) or iteration-based. */
  durationMs?: number;
  iterations?: number;
}

export type ToVu =
  | { type: 'activate'; scenario: ActiveScenario; setupData: unknown; hasSetupData: boolean }
  | { type: 'iterate'; iterationInTest: number }
  | { type: 'setup' }
  | { type: 'teardown'; data: unknown; hasData: boolean }
  | { type: 'summary'; data: unknown };

export interface ScriptInfo {
  /** Exported names whose value is a function. */
  functions: string[];
  /** options as JSON (k6 reads options as JSON too). */
  options: Record<string, unknown>;
  metrics: MetricDefinition[];
}

/** What ended a piece of script code: nothing, an exception, or exec.test.abort(). */
export interface CodeOutcome {
  error?: string;
  aborted?: string;
  /** exec.test.fail() was called. */
  markedFailed?: string;
}

export type FromVu =
  | { type: 'ready'; info: ScriptInfo }
  | { type: 'init-error'; outcome: CodeOutcome; kind: 'exception' | 'syntax' | 'options' }
  | { type: 'samples'; samples: Sample[] }
  | ({ type: 'iteration-done'; samples: Sample[]; interrupted: boolean } & CodeOutcome)
  | ({ type: 'setup-done'; samples: Sample[]; data?: unknown; hasData: boolean } & CodeOutcome)
  | ({ type: 'teardown-done'; samples: Sample[] } & CodeOutcome)
  | ({ type: 'summary-done'; result?: Record<string, string | Uint8Array> } & CodeOutcome);
