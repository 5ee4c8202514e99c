// Schedule arithmetic of the k6 TEST DOUBLE's executors, written from k6's documented semantics:
// how many VUs a ramping-vus scenario plans at each moment, and when arrival-rate scenarios start
// their iterations. Times are milliseconds from the scenario's start.

export interface Stage {
  durationMs: number;
  target: number;
}

export interface VuStep {
  atMs: number;
  vus: number;
}

/**
 * ramping-vus: the planned VU count changes one VU at a time, linearly over each stage; going from
 * `from` to `to` over d, the count reaches from ± k at stageStart + d·k/|to − from| (so a ramp
 * 0→10 over 10 s has 1 VU at 1 s, 10 at 10 s, and a ramp 10→0 drops to 9 at 1 s, to 0 at 10 s).
 * A stage of duration 0 jumps at once. The first step is the start VUs at 0.
 */
export function rampingVuSteps(startVUs: number, stages: Stage[]): VuStep[] {
  const steps: VuStep[] = [{ atMs: 0, vus: startVUs }];
  const add = (atMs: number, vus: number): void => {
    if (steps[steps.length - 1].vus !== vus) steps.push({ atMs, vus });
  };
  let from = startVUs;
  let stageStart = 0;
  for (const stage of stages) {
    const to = stage.target;
    if (stage.durationMs === 0) {
      add(stageStart, to);
    } else {
      const diff = Math.abs(to - from);
      const direction = Math.sign(to - from);
      for (let k = 1; k <= diff; k++) add(stageStart + (stage.durationMs * k) / diff, from + direction * k);
    }
    from = to;
    stageStart += stage.durationMs;
  }
  return steps;
}

export function totalDurationMs(stages: Stage[]): number {
  return stages.reduce((sum, stage) => sum + stage.durationMs, 0);
}

/**
 * ramping-arrival-rate: iteration n (n = 1, 2, ...) starts when the area under the rate curve
 * (iterations per ms, linear within each stage) reaches n. Yields start offsets in order.
 * `startRate` and the stage targets are per `timeUnitMs`.
 */
export function* rampingArrivalOffsets(startRate: number, timeUnitMs: number, stages: Stage[]): Generator<number> {
  let from = startRate / timeUnitMs;
  let doneSoFar = 0;
  let endCount = 0;
  let stageStart = 0;
  let n = 1;
  for (const stage of stages) {
    const to = stage.target / timeUnitMs;
    const d = stage.durationMs;
    endCount += (d * (from + to)) / 2;
    // A tolerance absorbs floating-point error so that an iteration due exactly at the end of a
    // stage (area reached exactly there) is not lost.
    for (; n <= endCount + 1e-9; n++) {
      const area = n - doneSoFar;
      let x: number;
      if (from === to) {
        x = area / to;
      } else {
        // Solve from·x + (to − from)·x²/(2d) = area for x in [0, d], in the form that stays
        // accurate when `to` is close to `from`.
        const slope = (to - from) / d;
        const root = Math.sqrt(Math.max(0, from * from + 2 * slope * area));
        x = (2 * area) / (from + root);
      }
      yield stageStart + Math.min(Math.max(x, 0), d);
    }
    doneSoFar = endCount;
    from = to;
    stageStart += d;
  }
}

/** constant-arrival-rate: iteration k (k = 0, 1, ...) starts at k · timeUnit / rate, while before the duration. */
export function* constantArrivalOffsets(rate: number, timeUnitMs: number, durationMs: number): Generator<number> {
  const period = timeUnitMs / rate;
  for (let k = 0; k * period < durationMs; k++) yield k * period;
}
