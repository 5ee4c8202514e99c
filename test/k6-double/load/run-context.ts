// What the k6 TEST DOUBLE's executors share during a load run: the virtual clock and waits on it,
// the abort of the whole run, VU counters, samples the controller emits itself, and where each
// iteration's outcome goes.
import type { VirtualClock } from '../clock.js';
import type { Sample } from '../metrics/sample.js';
import type { ScenarioPlan } from './scenario-config.js';
import type { IterationResult, VuHandle } from './vu-handle.js';
import { INSTANCE_VUS_ACTIVE, INSTANCE_VUS_INITIALIZED } from './vu-protocol.js';

export type AbortReason = { kind: 'script'; message: string } | { kind: 'thresholds'; message: string };

export class RunContext {
  abortReason: AbortReason | undefined;
  private readonly abortListeners = new Set<() => void>();
  /** Every VU that may be running an iteration, to interrupt them on abort. */
  readonly vus = new Set<VuHandle>();

  constructor(
    readonly clock: VirtualClock,
    private readonly instance: Int32Array,
    readonly runTags: Record<string, string>,
    private readonly emitSamples: (samples: Sample[]) => void,
    readonly onIteration: (scenario: ScenarioPlan, result: IterationResult) => void,
    /** Starts one more VU for a scenario during the run (arrival-rate executors beyond preAllocatedVUs). */
    readonly startVu: (scenario: ScenarioPlan) => Promise<VuHandle | undefined>,
  ) {}

  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  /** Ends the run: waits return at once and every running iteration is interrupted. */
  abort(reason: AbortReason): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    for (const listener of this.abortListeners) listener();
    this.abortListeners.clear();
    for (const vu of this.vus) vu.interrupt();
  }

  /**
   * Resolves true at virtual time `atMs` (epoch ms), or false as soon as the run is aborted or
   * `cancel` settles (its timer is then cleared, so it never keeps the process alive).
   */
  waitUntil(atMs: number, cancel?: Promise<unknown>): Promise<boolean> {
    if (this.aborted) return Promise.resolve(false);
    const delay = this.clock.toRealMs(atMs - this.clock.now());
    if (delay <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.abortListeners.delete(stop);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.abortListeners.delete(stop);
        resolve(true);
      }, delay);
      this.abortListeners.add(stop);
      void cancel?.then(stop, stop);
    });
  }

  /** Resolves when `work` is done or at virtual time `atMs`, whichever comes first (true when `work` finished). */
  async finishedBy(work: Promise<unknown>, atMs: number): Promise<boolean> {
    let done = false;
    const tracked = work.then(() => {
      done = true;
    });
    await Promise.race([tracked, this.waitUntil(atMs, tracked)]);
    return done;
  }

  emit(metric: string, value: number, tags: Record<string, string>): void {
    this.emitSamples([{ metric, time: this.clock.now(), value, tags }]);
  }

  changeActiveVus(delta: number): void {
    Atomics.add(this.instance, INSTANCE_VUS_ACTIVE, delta);
  }

  addInitializedVu(vu: VuHandle): void {
    this.vus.add(vu);
    Atomics.add(this.instance, INSTANCE_VUS_INITIALIZED, 1);
  }

  get activeVus(): number {
    return Atomics.load(this.instance, INSTANCE_VUS_ACTIVE);
  }

  get initializedVus(): number {
    return Atomics.load(this.instance, INSTANCE_VUS_INITIALIZED);
  }
}
