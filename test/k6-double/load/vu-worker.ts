// One VU of the k6 TEST DOUBLE's load mode, in its own worker thread (k6 gives every VU its own
// JS runtime): imports the script (init context), then runs what the controller asks — iterations
// of a scenario, or setup/teardown/handleSummary for VU 0 — and sends back its metric samples.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { installVirtualDate, VirtualClock } from '../clock.js';
import { currentTags, doubleState, emitSample, IterationInterruptedError, TestAbortedError } from '../double-state.js';
import type { Sample } from '../metrics/sample.js';
import { errorText } from '../script-errors.js';
import { INTERRUPT, useHttpClient, WAKE } from '../sync-http.js';
import { loadScript } from './vu-loader.js';
import {
  INSTANCE_ITERATIONS_COMPLETED,
  INSTANCE_ITERATIONS_INTERRUPTED,
  INSTANCE_VUS_ACTIVE,
  INSTANCE_VUS_INITIALIZED,
  type ActiveScenario,
  type CodeOutcome,
  type FromVu,
  type ToVu,
  type VuWorkerData,
} from './vu-protocol.js';

const data = workerData as VuWorkerData;
const port = parentPort as NonNullable<typeof parentPort>;
const clock = new VirtualClock(data.clock);
const signal = new Int32Array(data.signal);
const instance = new Int32Array(data.instance);
const testStart = new Float64Array(data.testStart);
const state = doubleState();
const globals = globalThis as Record<string, unknown>;
const FLUSH_EVERY_MS = 250;

let buffer: Sample[] = [];
let lastFlush = performance.now();

function send(message: FromVu): void {
  port.postMessage(message);
}

function takeSamples(): Sample[] {
  const taken = buffer;
  buffer = [];
  lastFlush = performance.now();
  return taken;
}

function setUpState(): void {
  installVirtualDate(clock);
  useHttpClient(data.httpPort, data.signal);
  state.recording = false;
  state.vuId = data.vuId;
  state.scriptDir = path.dirname(data.scriptPath);
  if (data.tagHeader !== undefined) state.tagHeader = data.tagHeader;
  state.tags = { ...data.runTags };
  state.now = () => clock.now();
  state.checkInterrupt = () => {
    if (Atomics.load(signal, INTERRUPT) === 1) throw new IterationInterruptedError();
  };
  // Sleeps count at their virtual length in the double's own duration metrics, work at its real one.
  let sleepCorrectionMs = 0;
  state.elapsedMs = () => performance.now() + sleepCorrectionMs;
  state.sleep = (seconds) => {
    state.sleptSeconds += seconds;
    const sleepStarted = performance.now();
    try {
      sleepUntil(sleepStarted + clock.toRealMs(seconds * 1000));
    } finally {
      const sleptReal = performance.now() - sleepStarted;
      sleepCorrectionMs += sleptReal / clock.spec.scale - sleptReal;
    }
  };
  const sleepUntil = (deadline: number): void => {
    for (;;) {
      // Cleared before the interrupt check, so an interrupt that comes after the check still wakes the wait.
      Atomics.store(signal, WAKE, 0);
      state.checkInterrupt();
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(signal, WAKE, 0, left);
    }
  };
  state.emit = (sample) => {
    buffer.push(sample);
    if (performance.now() - lastFlush >= FLUSH_EVERY_MS) send({ type: 'samples', samples: takeSamples() });
  };
  state.instance = () => ({
    iterationsCompleted: Atomics.load(instance, INSTANCE_ITERATIONS_COMPLETED),
    iterationsInterrupted: Atomics.load(instance, INSTANCE_ITERATIONS_INTERRUPTED),
    vusActive: Atomics.load(instance, INSTANCE_VUS_ACTIVE),
    vusInitialized: Atomics.load(instance, INSTANCE_VUS_INITIALIZED),
    currentTestRunDuration: testStart[0] === 0 ? 0 : clock.now() - testStart[0],
  });
  globals.__ENV = { ...data.env };
  globals.__VU = data.vuId;
  globals.__ITER = 0;
  globals.open = (file: string, mode?: string) => {
    if (state.phase !== 'init') throw new Error('k6 double: open() is only available in the init context (as in k6)');
    const bytes = fs.readFileSync(path.resolve(state.scriptDir, file));
    return mode === 'b' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes.toString('utf8');
  };
}

/** Runs script code and says how it ended. */
async function run(code: () => unknown): Promise<CodeOutcome & { value?: unknown }> {
  const outcome: CodeOutcome & { value?: unknown } = {};
  try {
    outcome.value = await code();
  } catch (error) {
    if (error instanceof TestAbortedError) outcome.aborted = error.message;
    else if (!(error instanceof IterationInterruptedError)) outcome.error = errorText(error);
  }
  if (state.failedWith !== undefined) {
    outcome.markedFailed = state.failedWith;
    state.failedWith = undefined;
  }
  return outcome;
}

let exportsOf: Record<string, unknown> = {};
let active: ActiveScenario | undefined;
let setupData: unknown;
let hasSetupData = false;

function progressOf(scenario: ActiveScenario, iterationInTest: number): number {
  if (scenario.durationMs !== undefined && scenario.durationMs > 0) return Math.min(1, (clock.now() - scenario.startTime) / scenario.durationMs);
  if (scenario.iterations !== undefined && scenario.iterations > 0) return Math.min(1, iterationInTest / scenario.iterations);
  return 0;
}

async function iterate(iterationInTest: number): Promise<void> {
  const scenario = active as ActiveScenario;
  state.phase = 'iteration';
  state.scenario = { name: scenario.name, executor: scenario.executor, iterationInTest, startTime: scenario.startTime, progress: progressOf(scenario, iterationInTest) };
  state.groupStack = [];
  state.dataSent = 0;
  state.dataReceived = 0;
  for (const hook of state.iterationStartHooks) hook();
  globals.__ITER = state.iteration;
  const started = state.elapsedMs();
  const outcome = await run(() => (exportsOf[scenario.exec] as (data: unknown) => unknown)(hasSetupData ? setupData : undefined));
  const interrupted = Atomics.load(signal, INTERRUPT) === 1 || outcome.aborted !== undefined;
  state.groupStack = [];
  const tags = currentTags(state);
  emitSample(state, 'data_sent', state.dataSent, tags);
  emitSample(state, 'data_received', state.dataReceived, tags);
  // Only whole iterations count (k6 leaves interrupted ones out of iterations and iteration_duration).
  if (!interrupted) {
    emitSample(state, 'iteration_duration', state.elapsedMs() - started, tags);
    emitSample(state, 'iterations', 1, tags);
  }
  Atomics.add(instance, interrupted ? INSTANCE_ITERATIONS_INTERRUPTED : INSTANCE_ITERATIONS_COMPLETED, 1);
  state.iteration++;
  state.iterationInScenario++;
  send({ type: 'iteration-done', samples: takeSamples(), interrupted, ...withoutValue(outcome) });
}

function withoutValue(outcome: CodeOutcome & { value?: unknown }): CodeOutcome {
  const { value: _value, ...rest } = outcome;
  return rest;
}

function activate(message: Extract<ToVu, { type: 'activate' }>): void {
  active = message.scenario;
  setupData = message.setupData;
  hasSetupData = message.hasSetupData;
  globals.__ENV = { ...data.env, ...message.scenario.env };
  // k6 replaces the VU's tags at each activation: test-wide tags, the scenario's, then `scenario`.
  state.tags = { ...data.runTags, ...message.scenario.tags, scenario: message.scenario.name };
  state.metadata = {};
  state.iterationInScenario = 0;
}

/** setup() and teardown() run in VU 0 in the groups ::setup and ::teardown, as in k6. */
async function lifecycle(name: 'setup' | 'teardown', argument: unknown): Promise<CodeOutcome & { value?: unknown }> {
  state.phase = name;
  state.scenario = undefined;
  state.groupStack = [name];
  state.tags = { ...data.runTags };
  const outcome = await run(() => (exportsOf[name] as (data: unknown) => unknown)(argument));
  state.groupStack = [];
  return outcome;
}

function summaryBytes(result: unknown): Record<string, string | Uint8Array> | undefined {
  if (result === undefined || result === null) return undefined;
  if (typeof result !== 'object') throw new Error('handleSummary() should return an object with string keys');
  const files: Record<string, string | Uint8Array> = {};
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    if (typeof value === 'string') files[key] = value;
    else if (value instanceof ArrayBuffer) files[key] = new Uint8Array(value);
    else if (ArrayBuffer.isView(value)) files[key] = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else throw new Error(`handleSummary() returned an unsupported value for ${JSON.stringify(key)}: expected a string or an ArrayBuffer`);
  }
  return files;
}

async function handle(message: ToVu): Promise<void> {
  switch (message.type) {
    case 'activate':
      activate(message);
      return;
    case 'iterate':
      await iterate(message.iterationInTest);
      return;
    case 'setup': {
      const outcome = await lifecycle('setup', undefined);
      const done: FromVu = { type: 'setup-done', samples: takeSamples(), hasData: false, ...withoutValue(outcome) };
      if (outcome.value !== undefined && outcome.error === undefined && outcome.aborted === undefined) {
        try {
          // k6 hands setup's data to the VUs as JSON.
          done.data = JSON.parse(JSON.stringify(outcome.value));
          done.hasData = true;
        } catch (error) {
          done.error = `error marshaling setup() data to JSON: ${(error as Error).message}`;
        }
      }
      send(done);
      return;
    }
    case 'teardown': {
      const outcome = await lifecycle('teardown', message.hasData ? message.data : undefined);
      send({ type: 'teardown-done', samples: takeSamples(), ...withoutValue(outcome) });
      return;
    }
    case 'summary': {
      state.phase = 'teardown';
      const outcome = await run(() => (exportsOf.handleSummary as (data: unknown) => unknown)(message.data));
      const done: FromVu = { type: 'summary-done', ...withoutValue(outcome) };
      try {
        const result = summaryBytes(outcome.value);
        if (result !== undefined) done.result = result;
      } catch (error) {
        done.error = (error as Error).message;
      }
      send(done);
      return;
    }
  }
}

/** The answer type of each request that expects one. */
const ANSWER: Partial<Record<ToVu['type'], FromVu['type']>> = { iterate: 'iteration-done', setup: 'setup-done', teardown: 'teardown-done', summary: 'summary-done' };

async function start(): Promise<void> {
  setUpState();
  state.phase = 'init';
  try {
    exportsOf = await loadScript(data.scriptPath);
  } catch (error) {
    const outcome: CodeOutcome = error instanceof TestAbortedError ? { aborted: error.message } : { error: errorText(error) };
    send({ type: 'init-error', outcome, kind: error instanceof SyntaxError ? 'syntax' : 'exception' });
    return;
  }
  try {
    // k6 reads the exported options as JSON.
    globals.__K6_DOUBLE_OPTIONS__ = JSON.parse(JSON.stringify(exportsOf.options ?? {})) as Record<string, unknown>;
  } catch (error) {
    send({ type: 'init-error', outcome: { error: `the exported options are not JSON: ${(error as Error).message}` }, kind: 'options' });
    return;
  }
  send({
    type: 'ready',
    info: {
      functions: Object.keys(exportsOf).filter((name) => typeof exportsOf[name] === 'function'),
      options: globals.__K6_DOUBLE_OPTIONS__ as Record<string, unknown>,
      metrics: [...state.customMetrics.values()],
    },
  });
  // Messages are handled one at a time: the controller sends the next only after an answer.
  let queue = Promise.resolve();
  port.on('message', (message: ToVu) => {
    queue = queue
      .then(() => handle(message))
      .catch((error: unknown) => {
        const answer = ANSWER[message.type];
        if (answer === undefined) throw error;
        send({ type: answer, samples: takeSamples(), interrupted: true, hasData: false, error: `k6 double internal error: ${errorText(error)}` } as FromVu);
      });
  });
}

void start();
