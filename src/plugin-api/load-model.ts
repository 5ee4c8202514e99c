import type { LoadModel, LoadStage, TimeWindow } from '../model/index.js';

/** The throughput criterion may miss the expected rate by this share (0.05: at least 95 %). */
export const DEFAULT_THROUGHPUT_TOLERANCE = 0.05;

export interface LoadModelInput {
  users: number;
  thinkTimeSeconds: number;
  expectedResponseTimeMs: number;
  p95Ms: number;
  /** Open model only: a rate the user asked for; absent, users / (think + expected response time). */
  rateRps?: number;
  tolerance?: number;
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function seconds(ms: number): number {
  return Math.max(0, ms) / 1000;
}

/**
 * An open model (paced arrivals). Users who think `think` seconds between requests answered in
 * the expected response time offer users / (think + expected) requests per second (Little's law).
 * The pool is sized so the rate still holds when every response takes the p95 limit:
 * rate × (p95 + think) users in flight. A server within its latency targets then serves the whole
 * rate, and one that is slower runs out of users and falls short of it.
 */
export function openLoadModel(input: LoadModelInput): LoadModel {
  const users = Math.max(1, Math.round(input.users));
  const think = Math.max(0, input.thinkTimeSeconds);
  const expected = seconds(input.expectedResponseTimeMs);
  const p95 = seconds(input.p95Ms);
  const tolerance = input.tolerance ?? DEFAULT_THROUGHPUT_TOLERANCE;
  const asked = input.rateRps !== undefined && Number.isFinite(input.rateRps) && input.rateRps > 0;
  const rate = round(asked ? input.rateRps! : users / Math.max(0.001, think + expected), 3);
  const needed = Math.ceil(rate * Math.max(0.001, p95 + think) - 1e-9);
  const pool = Math.max(users, needed, 1);
  const explanation = asked
    ? [`A rate of ${rate} requests/s was asked for.`]
    : [`${users} users who think ${round(think, 3)} s between requests answered in the expected ${input.expectedResponseTimeMs} ms offer ${users} / (${round(think, 3)} + ${round(expected, 3)}) = ${rate} requests/s (Little's law).`];
  explanation.push(
    `Arrivals are paced at that rate; ${pool} users in flight carry it as long as a response takes at most p95 + think time = ${round(p95 + think, 3)} s (${rate} × ${round(p95 + think, 3)} = ${round(rate * (p95 + think))}${pool > needed ? `, at least the ${users} configured users` : ''}).`,
    `Throughput passes at ${round((1 - tolerance) * 100)} % of the offered rate or more: at least ${round(rate * (1 - tolerance), 3)} requests/s over the hold.`,
  );
  return { kind: 'open', users, thinkTimeSeconds: think, expectedResponseTimeMs: input.expectedResponseTimeMs, p95Ms: input.p95Ms, rateRps: rate, poolUsers: pool, tolerance, explanation };
}

/**
 * A closed model: `users` users who each wait for a response, then think. They give
 * users / (think + response time) requests per second: at the p95 limit that is the least a
 * healthy server gives, so the throughput criterion is that rate less the tolerance.
 */
export function closedLoadModel(input: LoadModelInput): LoadModel {
  const users = Math.max(1, Math.round(input.users));
  const think = Math.max(0, input.thinkTimeSeconds);
  const expected = seconds(input.expectedResponseTimeMs);
  const tolerance = input.tolerance ?? DEFAULT_THROUGHPUT_TOLERANCE;
  const rate = round(users / Math.max(0.001, think + expected), 3);
  return {
    kind: 'closed',
    users,
    thinkTimeSeconds: think,
    expectedResponseTimeMs: input.expectedResponseTimeMs,
    p95Ms: input.p95Ms,
    rateRps: rate,
    poolUsers: users,
    tolerance,
    explanation: [
      `${users} users each send a request, wait for the response, then think ${round(think, 3)} s: at the expected ${input.expectedResponseTimeMs} ms they give ${users} / (${round(think, 3)} + ${round(expected, 3)}) = ${rate} requests/s (Little's law).`,
    ],
  };
}

/** Closed model: what users give when every response takes the p95 limit, less the tolerance. */
export function closedMinimumRps(model: LoadModel): number {
  const slowest = model.thinkTimeSeconds + seconds(model.p95Ms);
  return round((model.users / Math.max(0.001, slowest)) * (1 - model.tolerance), 3);
}

/** Open model: the offered rate less the tolerance. */
export function openMinimumRps(model: LoadModel): number {
  return round(model.rateRps * (1 - model.tolerance), 3);
}

/** Start and end of each stage, in seconds from the start of the shape. */
export function stageWindows(stages: readonly LoadStage[]): Array<TimeWindow & { stage: LoadStage }> {
  let at = 0;
  return stages.map((stage) => {
    const fromSeconds = at;
    at += Math.max(0, stage.durationSeconds);
    return { stage, fromSeconds, toSeconds: at };
  });
}

/** The window of the first stage with this label (`hold`, `baseline`, `recovery`, ...). */
export function labelledWindow(stages: readonly LoadStage[], label: string): TimeWindow | undefined {
  const found = stageWindows(stages).find((window) => window.stage.label === label && window.toSeconds > window.fromSeconds);
  return found === undefined ? undefined : { fromSeconds: found.fromSeconds, toSeconds: found.toSeconds };
}

export function totalSeconds(stages: readonly LoadStage[]): number {
  return stages.reduce((sum, stage) => sum + Math.max(0, stage.durationSeconds), 0);
}
