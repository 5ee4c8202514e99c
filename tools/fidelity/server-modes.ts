/**
 * How the reference server behaves. Every mode answers what Prism answers (spec-valid statuses
 * and bodies, so checks and workflows pass); the mode only adds time or replaces answers:
 * - healthy: Prism's answer after a steady service time (`serviceMs`), so that latency is the
 *   server's, not the noise of a busy machine;
 * - slow: the same after `serviceMs + addedMs`, above the p95 limits of the plan;
 * - erroring: every `errorEvery`-th request answers 500 (undocumented) instead, a share of
 *   1 / errorEvery above the plan's error limits;
 * - capacity: at most `concurrency` requests served at once, each for `serviceMs`; the rest wait
 *   in a FIFO queue (bounded). Its capacity is concurrency / serviceMs requests per second.
 */
export type ServerMode =
  | { kind: 'healthy'; serviceMs: number }
  | { kind: 'slow'; serviceMs: number; addedMs: number }
  | { kind: 'erroring'; serviceMs: number; errorEvery: number }
  | { kind: 'capacity'; serviceMs: number; concurrency: number };

export type ModeName = ServerMode['kind'];

export const MODE_NAMES: readonly ModeName[] = ['healthy', 'slow', 'erroring', 'capacity'];

/** Requests per second a capacity-limited server serves at most: concurrency / service time. */
export function capacityRps(mode: Extract<ServerMode, { kind: 'capacity' }>): number {
  return mode.concurrency / (mode.serviceMs / 1000);
}

/**
 * Users at the knee of a closed model against a capacity-limited server: users who each wait
 * `serviceMs` for an answer and think `thinkSeconds` ask for users / (think + service) requests
 * per second, which reaches the capacity at capacity × (think + service) users (Little's law).
 */
export function kneeUsers(mode: Extract<ServerMode, { kind: 'capacity' }>, thinkSeconds: number): number {
  return capacityRps(mode) * (thinkSeconds + mode.serviceMs / 1000);
}

/** One line saying what a mode does, for logs and the verdict table. */
export function describeMode(mode: ServerMode): string {
  switch (mode.kind) {
    case 'healthy':
      return `healthy (Prism's answers after ${mode.serviceMs} ms)`;
    case 'slow':
      return `slow (Prism's answers after ${mode.serviceMs + mode.addedMs} ms)`;
    case 'erroring':
      return `erroring (every ${mode.errorEvery}th request answers 500: ${Math.round(1000 / mode.errorEvery) / 10} %)`;
    case 'capacity':
      return `capacity-limited (${mode.concurrency} at a time, ${mode.serviceMs} ms each: ${capacityRps(mode)} requests/s; the rest queue)`;
  }
}
