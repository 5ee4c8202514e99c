// The k6 TEST DOUBLE's executors, written from k6's documentation of each executor: they start
// iterations on their VUs per the scenario's schedule on the virtual clock, stop starting new ones
// at the end of the scenario's duration, let running ones finish for gracefulStop (ramping-vus:
// gracefulRampDown for VUs it ramps down), then interrupt what is still running.
import type { ScenarioPlan } from './scenario-config.js';
import { constantArrivalOffsets, rampingArrivalOffsets, rampingVuSteps, totalDurationMs } from './schedules.js';
import type { RunContext } from './run-context.js';
import type { VuHandle } from './vu-handle.js';
import type { ActiveScenario } from './vu-protocol.js';

interface ScenarioRun {
  plan: ScenarioPlan;
  ctx: RunContext;
  /** Virtual epoch ms at which the scenario started. */
  start: number;
  /** exec.scenario.iterationInTest of the next iteration. */
  nextIteration: number;
  setup: SetupData;
}

export interface SetupData {
  data: unknown;
  has: boolean;
}

async function runIteration(run: ScenarioRun, vu: VuHandle): Promise<void> {
  const result = await vu.iterate(run.nextIteration++);
  run.ctx.onIteration(run.plan, result);
}

/** Runs iterations on one VU while `claim()` grants one; counts the VU as active meanwhile. */
async function loopVu(run: ScenarioRun, vu: VuHandle, claim: () => boolean): Promise<void> {
  run.ctx.changeActiveVus(1);
  try {
    while (!run.ctx.aborted && !vu.dead && claim()) await runIteration(run, vu);
  } finally {
    run.ctx.changeActiveVus(-1);
  }
}

/** Waits for `work` until virtual time `hardStopAt`, then interrupts the VUs still running and waits for them. */
async function stopBy(run: ScenarioRun, work: Promise<unknown>, hardStopAt: number, vus: Iterable<VuHandle>): Promise<void> {
  if (!(await run.ctx.finishedBy(work, hardStopAt))) {
    for (const vu of vus) vu.interrupt();
    await work;
  }
}

async function iterationsExecutor(run: ScenarioRun, vus: VuHandle[]): Promise<void> {
  const plan = run.plan as Extract<ScenarioPlan, { executor: 'shared-iterations' | 'per-vu-iterations' }>;
  const endRegular = run.start + plan.maxDurationMs;
  const inTime = (): boolean => run.ctx.clock.now() < endRegular;
  let shared = 0;
  const loops = vus.map((vu) => {
    let own = 0;
    const claim =
      plan.executor === 'shared-iterations'
        ? () => inTime() && shared < plan.iterations && ++shared > 0
        : () => inTime() && own < plan.iterations && ++own > 0;
    return loopVu(run, vu, claim);
  });
  await stopBy(run, Promise.all(loops), endRegular + plan.gracefulStopMs, vus);
}

async function constantVusExecutor(run: ScenarioRun, vus: VuHandle[]): Promise<void> {
  const plan = run.plan as Extract<ScenarioPlan, { executor: 'constant-vus' }>;
  const endRegular = run.start + plan.durationMs;
  const loops = vus.map((vu) => loopVu(run, vu, () => run.ctx.clock.now() < endRegular));
  await stopBy(run, Promise.all(loops), endRegular + plan.gracefulStopMs, vus);
}

/**
 * ramping-vus: VU slot i runs iterations while the planned VU count is above i. When the count
 * drops, the slot finishes its iteration (gracefully) and is interrupted if still running
 * gracefulRampDown later, unless it is wanted again by then; at the end of the stages every slot
 * stops gracefully and is interrupted at gracefulStop.
 */
async function rampingVusExecutor(run: ScenarioRun, vus: VuHandle[]): Promise<void> {
  const plan = run.plan as Extract<ScenarioPlan, { executor: 'ramping-vus' }>;
  const stagesEnd = run.start + totalDurationMs(plan.stages);
  const executorEnd = stagesEnd + plan.gracefulStopMs;
  const slots = vus.map((vu) => ({ vu, wanted: false, loop: undefined as Promise<void> | undefined, hardStop: undefined as Promise<boolean> | undefined }));
  let planned = 0;
  let finish = (): void => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const setPlanned = (count: number, hardStopAt: number): void => {
    for (let i = planned; i < count; i++) {
      const slot = slots[i];
      slot.wanted = true;
      slot.hardStop = undefined;
      slot.loop ??= loopVu(run, slot.vu, () => slot.wanted && run.ctx.clock.now() < stagesEnd).finally(() => {
        slot.loop = undefined;
      });
    }
    for (let i = count; i < planned; i++) {
      const slot = slots[i];
      slot.wanted = false;
      const hardStop = run.ctx.waitUntil(Math.min(hardStopAt, executorEnd), finished);
      slot.hardStop = hardStop;
      // Reached (true): interrupt if still unwanted; aborted or scenario over (false): nothing to do.
      void hardStop.then((reached) => {
        if (reached && slot.hardStop === hardStop && !slot.wanted) slot.vu.interrupt();
      });
    }
    planned = count;
  };
  for (const step of rampingVuSteps(plan.startVUs, plan.stages)) {
    if (!(await run.ctx.waitUntil(run.start + step.atMs))) break;
    setPlanned(step.vus, run.start + step.atMs + plan.gracefulRampDownMs);
  }
  await run.ctx.waitUntil(stagesEnd);
  setPlanned(0, executorEnd);
  await stopBy(run, Promise.all(slots.map((slot) => slot.loop)), executorEnd, vus);
  finish();
}

/**
 * Arrival-rate executors: an iteration starts at each scheduled time on a free VU; when none is
 * free it is dropped (dropped_iterations) and, below maxVUs, one more VU is started for later.
 */
async function arrivalRateExecutor(run: ScenarioRun, vus: VuHandle[], offsets: Iterable<number>, regularMs: number): Promise<void> {
  const plan = run.plan;
  const idle = [...vus];
  const all = [...vus];
  const inFlight = new Set<Promise<void>>();
  let starting = false;
  const endRegular = run.start + regularMs;
  const droppedTags = { ...run.ctx.runTags, scenario: plan.name };
  for (const offset of offsets) {
    const due = run.start + offset;
    if (due > endRegular) break;
    if (!(await run.ctx.waitUntil(due))) break;
    const vu = idle.pop();
    if (vu !== undefined) {
      run.ctx.changeActiveVus(1);
      const iteration = runIteration(run, vu).finally(() => {
        run.ctx.changeActiveVus(-1);
        inFlight.delete(iteration);
        if (!vu.dead) idle.push(vu);
      });
      inFlight.add(iteration);
      continue;
    }
    run.ctx.emit('dropped_iterations', 1, droppedTags);
    if (all.length < plan.maxVUs && !starting) {
      starting = true;
      void run.ctx.startVu(plan).then((started) => {
        starting = false;
        if (started === undefined) return;
        started.activate(activeScenario(run), run.setup.data, run.setup.has);
        all.push(started);
        idle.push(started);
      });
    }
  }
  await stopBy(run, Promise.all(inFlight), endRegular + plan.gracefulStopMs, all);
}

function activeScenario(run: ScenarioRun): ActiveScenario {
  const { plan } = run;
  const scenario: ActiveScenario = { name: plan.name, executor: plan.executor, exec: plan.exec, startTime: run.start, env: plan.env, tags: plan.tags };
  if ('durationMs' in plan) scenario.durationMs = plan.durationMs;
  else if ('stages' in plan) scenario.durationMs = totalDurationMs(plan.stages);
  else if (plan.executor === 'shared-iterations') scenario.iterations = plan.iterations;
  else scenario.iterations = plan.iterations * plan.vus;
  return scenario;
}

/** Runs one scenario from its startTime (after `executorsStart`) to its end; resolves when its last iteration ended. */
export async function runScenario(plan: ScenarioPlan, vus: VuHandle[], ctx: RunContext, executorsStart: number, setup: SetupData): Promise<void> {
  if (!(await ctx.waitUntil(executorsStart + plan.startTimeMs))) return;
  const run: ScenarioRun = { plan, ctx, start: ctx.clock.now(), nextIteration: 0, setup };
  for (const vu of vus) vu.activate(activeScenario(run), setup.data, setup.has);
  switch (plan.executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
      return iterationsExecutor(run, vus);
    case 'constant-vus':
      return constantVusExecutor(run, vus);
    case 'ramping-vus':
      return rampingVusExecutor(run, vus);
    case 'constant-arrival-rate':
      return arrivalRateExecutor(run, vus, constantArrivalOffsets(plan.rate, plan.timeUnitMs, plan.durationMs), plan.durationMs);
    case 'ramping-arrival-rate':
      return arrivalRateExecutor(run, vus, rampingArrivalOffsets(plan.startRate, plan.timeUnitMs, plan.stages), totalDurationMs(plan.stages));
  }
}
