// Load mode of the k6 TEST DOUBLE (the default `run`, as in k6): initializes the VUs (one worker
// thread each), runs setup(), every scenario concurrently on its schedule, teardown(), then judges
// the thresholds and writes the end-of-test summary, like `k6 run` — on a virtual clock that
// `--time-scale` can compress. It is a stand-in for tests, not k6 (see README.md).
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { DoubleArgs } from '../cli-args.js';
import { VirtualClock, type ClockSpec } from '../clock.js';
import { EXIT } from '../exit-codes.js';
import { GroupTree } from '../metrics/group-tree.js';
import { JsonOutput } from '../metrics/json-output.js';
import { MetricStore, type ThresholdOutcome } from '../metrics/metric-store.js';
import type { Sample } from '../metrics/sample.js';
import { buildSummaryData, checkTrendStats, legacySummaryExport } from '../metrics/summary-data.js';
import { textSummary } from '../metrics/text-summary.js';
import { locateSyntaxError } from '../script-errors.js';
import { startHttpWorker } from '../sync-http.js';
import { endOfTestExitCode, writeSummaryFiles } from './end-of-test.js';
import { runScenario, type SetupData } from './executors.js';
import { RunContext } from './run-context.js';
import { planScenarios, ScenarioConfigError, type ScenarioPlan } from './scenario-config.js';
import { VuHandle, type InitFailure, type IterationResult } from './vu-handle.js';
import { INSTANCE_WORDS, type CodeOutcome, type FromVu, type ScriptInfo } from './vu-protocol.js';

const VUS_PER_HTTP_WORKER = 64;
const VU_START_BATCH = 16;
const MAX_PRINTED_ERRORS = 20;
/** k6 evaluates thresholds every 2 s and samples vus/vus_max every second (virtual seconds here). */
const THRESHOLD_EVERY_MS = 2000;
const VUS_GAUGE_EVERY_MS = 1000;
const MIN_TIMER_MS = 5;

function log(line: string): void {
  process.stderr.write(`k6 double: ${line}\n`);
}

class LoadRun {
  private readonly clock: VirtualClock;
  private readonly store = new MetricStore();
  private readonly groups = new GroupTree();
  private readonly jsonOut: JsonOutput | undefined;
  private readonly instance = new SharedArrayBuffer(4 * INSTANCE_WORDS);
  private readonly testStartBuffer = new SharedArrayBuffer(8);
  private readonly httpWorkers: Worker[] = [];
  private readonly env: Record<string, string>;
  private readonly allVus: VuHandle[] = [];
  /** VU starts not finished yet (an arrival-rate scenario may start one as the run ends). */
  private readonly starting = new Set<Promise<unknown>>();
  private nextVuId = 1;
  private printedErrors = 0;
  private suppressedErrors = 0;
  private markedFailed = false;
  private scriptException = false;
  private runTags: Record<string, string> = {};
  private ctx: RunContext | undefined;

  constructor(private readonly args: DoubleArgs) {
    const spec: ClockSpec = { originMs: performance.timeOrigin + performance.now(), scale: args.timeScale };
    this.clock = new VirtualClock(spec);
    // k6 run passes the system environment to __ENV, then the -e values over it.
    this.env = { ...(process.env as Record<string, string>), ...args.env };
    this.jsonOut = args.jsonOut === undefined ? undefined : new JsonOutput(args.jsonOut, this.store);
  }

  private ingest = (samples: Sample[]): void => {
    for (const sample of samples) {
      this.store.ingest(sample);
      this.groups.ingest(sample);
      this.jsonOut?.write(sample);
    }
  };

  private reportError(where: string, message: string): void {
    if (this.printedErrors >= MAX_PRINTED_ERRORS) {
      this.suppressedErrors++;
      return;
    }
    this.printedErrors++;
    log(`error in ${where}: ${message.split('\n').slice(0, 4).join('\n    ')}`);
  }

  private noteOutcome(where: string, outcome: CodeOutcome): void {
    if (outcome.error !== undefined) this.reportError(where, outcome.error);
    if (outcome.markedFailed !== undefined) {
      this.markedFailed = true;
      log(`${where} marked the test as failed (exec.test.fail): ${outcome.markedFailed}`);
    }
    if (outcome.aborted !== undefined) this.ctx?.abort({ kind: 'script', message: outcome.aborted });
  }

  private httpWorkerFor(vuId: number): Worker {
    const index = Math.floor(vuId / VUS_PER_HTTP_WORKER);
    while (this.httpWorkers.length <= index) this.httpWorkers.push(startHttpWorker());
    return this.httpWorkers[index];
  }

  private startVu(vuId: number): ReturnType<typeof VuHandle.start> {
    const input: Parameters<typeof VuHandle.start>[0] = {
      vuId,
      scriptPath: this.args.script,
      env: this.env,
      clock: this.clock.spec,
      httpWorker: this.httpWorkerFor(vuId),
      instance: this.instance,
      testStart: this.testStartBuffer,
      runTags: this.runTags,
      onSamples: this.ingest,
    };
    if (this.args.tagHeader !== undefined) input.tagHeader = this.args.tagHeader;
    const start = VuHandle.start(input).then((started) => {
      this.allVus.push(started.vu);
      this.starting.delete(start);
      return started;
    });
    this.starting.add(start);
    return start;
  }

  private initFailure(failure: InitFailure): number {
    const { outcome } = failure;
    if (outcome.aborted !== undefined) {
      log(`test aborted in the init context: ${outcome.aborted}`);
      return EXIT.scriptAborted;
    }
    let message = outcome.error ?? 'unknown error';
    if (failure.kind === 'syntax' && !/\.m?js:\d+/.test(message)) {
      const where = locateSyntaxError(path.dirname(this.args.script));
      if (where !== undefined) message = `${message} (${where})`;
    }
    log(`error in the init context: ${message}`);
    return failure.kind === 'options' ? EXIT.invalidConfig : EXIT.scriptException;
  }

  /** Starts the VUs every scenario needs before the test starts (k6 initializes them up front). */
  private async startScenarioVus(plans: ScenarioPlan[]): Promise<Map<ScenarioPlan, VuHandle[]> | InitFailure> {
    const wanted: { plan: ScenarioPlan; id: number }[] = [];
    for (const plan of plans) for (let i = 0; i < plan.preAllocatedVUs; i++) wanted.push({ plan, id: this.nextVuId++ });
    const byPlan = new Map<ScenarioPlan, VuHandle[]>(plans.map((plan) => [plan, []]));
    for (let i = 0; i < wanted.length; i += VU_START_BATCH) {
      const batch = await Promise.all(wanted.slice(i, i + VU_START_BATCH).map(({ id }) => this.startVu(id)));
      for (const [j, started] of batch.entries()) {
        if ('failure' in started) return started.failure;
        byPlan.get(wanted[i + j].plan)?.push(started.vu);
      }
    }
    return byPlan;
  }

  private async lifecycle(vu: VuHandle, message: Parameters<VuHandle['lifecycle']>[0], where: string): Promise<FromVu & CodeOutcome> {
    const answer = (await vu.lifecycle(message)) as FromVu & CodeOutcome;
    if ('samples' in answer) this.ingest(answer.samples);
    if (answer.error !== undefined) this.reportError(where, answer.error);
    if (answer.markedFailed !== undefined) this.markedFailed = true;
    return answer;
  }

  /** Virtual epoch ms at which the run ended (after teardown); the elapsed time stops there, as in k6. */
  private testEnd: number | undefined;

  private testRunMs(): number {
    const start = new Float64Array(this.testStartBuffer)[0];
    return start === 0 ? 0 : (this.testEnd ?? this.clock.now()) - start;
  }

  private startPeriodicWork(ctx: RunContext): () => void {
    const timers: NodeJS.Timeout[] = [];
    const gauges = (): void => {
      const tags = { ...this.runTags };
      this.ingest([
        { metric: 'vus', time: this.clock.now(), value: ctx.activeVus, tags },
        { metric: 'vus_max', time: this.clock.now(), value: ctx.initializedVus, tags },
      ]);
    };
    gauges();
    timers.push(setInterval(gauges, Math.max(MIN_TIMER_MS, this.clock.toRealMs(VUS_GAUGE_EVERY_MS))));
    if (this.store.hasAbortingThresholds()) {
      timers.push(
        setInterval(() => {
          const { outcomes, abort } = this.store.evaluate(this.testRunMs(), false);
          if (!abort) return;
          const crossed = [...new Set(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.key))].sort();
          ctx.abort({ kind: 'thresholds', message: `thresholds on metrics '${crossed.join(', ')}' were crossed; at least one has abortOnFail enabled, stopping test prematurely` });
        }, Math.max(MIN_TIMER_MS, this.clock.toRealMs(THRESHOLD_EVERY_MS))),
      );
    }
    return () => {
      for (const timer of timers) clearInterval(timer);
    };
  }

  private async writeSummary(vu0: VuHandle, info: ScriptInfo, outcomes: ThresholdOutcome[], setup: SetupData): Promise<void> {
    const data = buildSummaryData({
      store: this.store,
      outcomes,
      rootGroup: this.groups.export(),
      testRunMs: this.testRunMs(),
      trendStats: checkTrendStats(info.options.summaryTrendStats),
      summaryTimeUnit: typeof info.options.summaryTimeUnit === 'string' ? info.options.summaryTimeUnit : '',
      setupData: setup.data,
      hasSetupData: setup.has,
    });
    const files: Record<string, string | Uint8Array> = {};
    if (info.functions.includes('handleSummary')) {
      const answer = (await vu0.lifecycle({ type: 'summary', data })) as Extract<FromVu, { type: 'summary-done' }>;
      if (answer.error !== undefined) log(`failed to handle the end-of-test summary: ${answer.error}`);
      Object.assign(files, answer.result ?? {});
    } else {
      files.stdout = textSummary(data, outcomes);
    }
    if (this.args.summaryExport !== undefined) files[this.args.summaryExport] = legacySummaryExport(data);
    writeSummaryFiles(files, log);
  }

  async run(): Promise<number> {
    // VU 0 runs the init context first (options), then setup(), teardown() and handleSummary().
    const first = await this.startVu(0);
    if ('failure' in first) return this.initFailure(first.failure);
    const vu0 = first.vu;
    const { info } = first;
    const options = info.options;
    let plans: ScenarioPlan[];
    try {
      for (const metric of info.metrics) this.store.define(metric);
      if (options.thresholds !== undefined && options.thresholds !== null) this.store.addThresholds(options.thresholds as Record<string, unknown>);
      checkTrendStats(options.summaryTrendStats);
      plans = planScenarios(options, new Set(info.functions));
      this.runTags = options.tags !== null && typeof options.tags === 'object' ? Object.fromEntries(Object.entries(options.tags as Record<string, unknown>).map(([key, value]) => [key, String(value)])) : {};
    } catch (error) {
      const problems = error instanceof ScenarioConfigError ? error.problems : [(error as Error).message];
      for (const problem of problems) log(`invalid options: ${problem}`);
      return EXIT.invalidConfig;
    }
    const ctx = new RunContext(
      this.clock,
      new Int32Array(this.instance),
      this.runTags,
      this.ingest,
      (plan: ScenarioPlan, result: IterationResult) => this.noteOutcome(`scenario ${plan.name}`, result),
      async () => {
        const started = await this.startVu(this.nextVuId++);
        if ('failure' in started) {
          this.noteOutcome('the init context of a VU started during the run', started.failure.outcome);
          return undefined;
        }
        ctx.addInitializedVu(started.vu);
        return started.vu;
      },
    );
    this.ctx = ctx;
    const scenarioVus = await this.startScenarioVus(plans);
    if (!(scenarioVus instanceof Map)) return this.initFailure(scenarioVus);
    for (const vus of scenarioVus.values()) for (const vu of vus) ctx.addInitializedVu(vu);
    log(
      `TEST DOUBLE of k6 (not k6): ${plans.length} scenario(s), ${ctx.initializedVus} VUs initialized, time scale ${this.args.timeScale}${this.args.timeScale === 1 ? '' : ` (1 s of test time takes ${this.args.timeScale} s)`}`,
    );

    // k6 starts the test run's clock before setup().
    new Float64Array(this.testStartBuffer)[0] = this.clock.now();
    const stopPeriodicWork = this.startPeriodicWork(ctx);
    const setup: SetupData = { data: undefined, has: false };
    let setupFailed = false;
    if (info.functions.includes('setup')) {
      const answer = (await this.lifecycle(vu0, { type: 'setup' }, 'setup()')) as Extract<FromVu, { type: 'setup-done' }>;
      // k6 runs neither the scenarios nor teardown() after setup() failed or aborted the test.
      if (answer.aborted !== undefined) {
        ctx.abort({ kind: 'script', message: answer.aborted });
        setupFailed = true;
      } else if (answer.error !== undefined) {
        setupFailed = true;
        this.scriptException = true;
      } else if (answer.hasData) {
        setup.data = answer.data;
        setup.has = true;
      }
    }
    if (!setupFailed && !ctx.aborted) {
      const executorsStart = this.clock.now();
      await Promise.all(plans.map((plan) => runScenario(plan, scenarioVus.get(plan) ?? [], ctx, executorsStart, setup)));
    }
    // k6 runs teardown() even after test.abort() or an abortOnFail threshold, but not after a failed setup().
    if (!setupFailed && info.functions.includes('teardown')) {
      const answer = await this.lifecycle(vu0, { type: 'teardown', data: setup.data, hasData: setup.has }, 'teardown()');
      if (answer.error !== undefined) this.scriptException = true;
      if (answer.aborted !== undefined && ctx.abortReason === undefined) ctx.abort({ kind: 'script', message: answer.aborted });
    }
    stopPeriodicWork();
    this.testEnd = this.clock.now();
    const testRunMs = this.testRunMs();
    const { outcomes } = this.store.evaluate(testRunMs, true);
    await this.writeSummary(vu0, info, outcomes, setup);
    this.jsonOut?.close();
    if (this.suppressedErrors > 0) log(`${this.suppressedErrors} more script errors not shown`);
    return endOfTestExitCode({ abortReason: ctx.abortReason, scriptException: this.scriptException, markedFailed: this.markedFailed, outcomes }, log);
  }

  async close(): Promise<void> {
    await Promise.all(this.starting);
    await Promise.all(this.allVus.map((vu) => vu.close()));
    await Promise.all(this.httpWorkers.map((worker) => worker.terminate()));
  }
}

export async function runLoad(args: DoubleArgs): Promise<number> {
  let run: LoadRun;
  try {
    run = new LoadRun(args);
  } catch (error) {
    log(`cannot write --out json: ${(error as Error).message}`);
    return EXIT.usage;
  }
  try {
    return await run.run();
  } finally {
    await run.close();
  }
}
