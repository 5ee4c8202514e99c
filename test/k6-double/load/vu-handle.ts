// The load controller's side of one VU of the k6 TEST DOUBLE: starts its worker thread, sends it
// requests one at a time, forwards its samples, and interrupts it (gracefulStop, gracefulRampDown,
// abort). A VU that does not stop within KILL_AFTER_MS of an interrupt — a script looping without
// ever calling a k6 function — is terminated and taken out of service.
import { Worker } from 'node:worker_threads';
import type { ClockSpec } from '../clock.js';
import type { Sample } from '../metrics/sample.js';
import { attachHttpClient, INTERRUPT, SIGNAL_WORDS, WAKE } from '../sync-http.js';
import type { ActiveScenario, CodeOutcome, FromVu, ScriptInfo, ToVu, VuWorkerData } from './vu-protocol.js';

const KILL_AFTER_MS = 3000;

export interface VuStartInput {
  vuId: number;
  scriptPath: string;
  env: Record<string, string>;
  clock: ClockSpec;
  httpWorker: Worker;
  instance: SharedArrayBuffer;
  testStart: SharedArrayBuffer;
  tagHeader?: string;
  runTags: Record<string, string>;
  onSamples: (samples: Sample[]) => void;
}

export type InitFailure = Extract<FromVu, { type: 'init-error' }>;

export type IterationResult = CodeOutcome & { interrupted: boolean };

export class VuHandle {
  busy = false;
  dead = false;
  private pending: ((message: FromVu) => void) | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly id: number,
    private readonly worker: Worker,
    private readonly signal: Int32Array,
    private readonly onSamples: (samples: Sample[]) => void,
  ) {}

  /** Starts the VU thread and waits for its init context to finish. */
  static start(input: VuStartInput): Promise<{ vu: VuHandle; info: ScriptInfo } | { failure: InitFailure; vu: VuHandle }> {
    const signal = new SharedArrayBuffer(4 * SIGNAL_WORDS);
    const httpPort = attachHttpClient(input.httpWorker, signal);
    const workerData: VuWorkerData = {
      scriptPath: input.scriptPath,
      env: input.env,
      vuId: input.vuId,
      clock: input.clock,
      httpPort,
      signal,
      instance: input.instance,
      testStart: input.testStart,
      runTags: input.runTags,
    };
    if (input.tagHeader !== undefined) workerData.tagHeader = input.tagHeader;
    const worker = new Worker(new URL('./vu-worker.js', import.meta.url), {
      workerData,
      transferList: [httpPort],
      execArgv: ['--experimental-vm-modules', '--no-warnings'],
    });
    const vu = new VuHandle(input.vuId, worker, new Int32Array(signal), input.onSamples);
    return new Promise((resolve) => {
      worker.on('message', (message: FromVu) => {
        if (message.type === 'ready') resolve({ vu, info: message.info });
        else if (message.type === 'init-error') resolve({ failure: message, vu });
        else vu.receive(message);
      });
      const died = (reason: string): void => {
        vu.dead = true;
        resolve({ failure: { type: 'init-error', outcome: { error: reason }, kind: 'exception' }, vu });
        vu.settle({ type: 'iteration-done', samples: [], interrupted: true, error: reason });
      };
      worker.on('error', (error) => died(`k6 double: VU ${input.vuId} thread failed: ${error.stack ?? error.message}`));
      worker.on('exit', (code) => died(`k6 double: VU ${input.vuId} thread exited (code ${code})`));
    });
  }

  private receive(message: FromVu): void {
    if ('samples' in message && message.samples.length > 0) this.onSamples(message.samples);
    if (message.type !== 'samples') this.settle(message);
  }

  private settle(message: FromVu): void {
    const pending = this.pending;
    this.pending = undefined;
    this.busy = false;
    if (this.killTimer !== undefined) clearTimeout(this.killTimer);
    this.killTimer = undefined;
    pending?.(message);
  }

  private ask(message: ToVu): Promise<FromVu> {
    if (this.dead) return Promise.resolve({ type: 'iteration-done', samples: [], interrupted: true, error: `k6 double: VU ${this.id} is out of service` });
    this.busy = true;
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(message);
    });
  }

  /** Gives the VU its scenario (tags, env, exec) and setup's data; k6 calls this activation. */
  activate(scenario: ActiveScenario, setupData: unknown, hasSetupData: boolean): void {
    if (!this.dead) this.worker.postMessage({ type: 'activate', scenario, setupData, hasSetupData } satisfies ToVu);
  }

  async iterate(iterationInTest: number): Promise<IterationResult> {
    Atomics.store(this.signal, INTERRUPT, 0);
    const answer = await this.ask({ type: 'iterate', iterationInTest });
    const { type: _type, samples: _samples, ...result } = answer as Extract<FromVu, { type: 'iteration-done' }>;
    return { ...result, interrupted: result.interrupted ?? true };
  }

  async lifecycle(message: Extract<ToVu, { type: 'setup' | 'teardown' | 'summary' }>): Promise<FromVu> {
    Atomics.store(this.signal, INTERRUPT, 0);
    return this.ask(message);
  }

  /** Stops the running iteration at its next k6 call (HTTP request, sleep, check, group). */
  interrupt(): void {
    if (!this.busy || this.dead) return;
    Atomics.store(this.signal, INTERRUPT, 1);
    Atomics.store(this.signal, WAKE, 1);
    Atomics.notify(this.signal, WAKE);
    this.killTimer ??= setTimeout(() => {
      this.dead = true;
      void this.worker.terminate();
      this.settle({ type: 'iteration-done', samples: [], interrupted: true, error: `k6 double: VU ${this.id} did not stop within ${KILL_AFTER_MS} ms of an interrupt and was terminated` });
    }, KILL_AFTER_MS);
  }

  async close(): Promise<void> {
    this.dead = true;
    if (this.killTimer !== undefined) clearTimeout(this.killTimer);
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
