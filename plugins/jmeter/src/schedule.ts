import type { ThreadLayer } from './thread-layers.js';

// When each thread group of a test case runs, as JMeter expressions evaluated at test start:
//
// - `-JtestCase=<id>` runs that test case alone, starting at once; without it the test cases of
//   the file that are not `onlyByName` run one after another, each `startSeconds` in.
// - `-JtimeScale` (default: the plan's) multiplies every start, ramp and duration.
// - Every time is counted from the run's start, the `perfplan.start` property the first main
//   thread group records (run-check.ts), not from when JMeter gets round to a thread group:
//   starting a thousand thread groups takes JMeter seconds. A thread group's delay is evaluated
//   when it is started, its ramp-up and duration when its delay is over, each as what is left
//   until the boundary it aims at. JMeter's scheduler counts whole seconds, so each boundary
//   lands within half a second of its scaled time, and rounding never adds up along a shape.
// - A thread group runs no thread unless the run check of the setUp thread group passed
//   (the `perfplan.ready` property): a refused run sends nothing.
//
// The arithmetic is JEXL (commons-jexl3 3.2.1 in JMeter 5.6): `(x).intValue()` truncates, and
// every division is written on a double so that JEXL's integer division never applies. Test
// case ids are plain ([A-Za-z0-9_.-], see safeName), so they sit in JEXL strings as they are.

/** The property the first main thread group sets to the run's start (epoch milliseconds). */
export const START_PROPERTY = 'perfplan.start';

/** The property the run check sets when the run may start. */
export const READY_PROPERTY = 'perfplan.ready';

export interface CaseSchedule {
  /** The test case id as written in thread group names and `-JtestCase` (safeName). */
  id: string;
  startSeconds: number;
  onlyByName: boolean;
  /** The plan's time scale: the default of `-JtimeScale`. */
  timeScale: number;
}

/** The text of a number JEXL and JMeter read back exactly. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}

const TEST_CASE = '"${__P(testCase,)}"';

function selected(schedule: CaseSchedule): string {
  return `${TEST_CASE} == "${schedule.id}"`;
}

/** JEXL: this test case runs in this run. */
export function activeCondition(schedule: CaseSchedule): string {
  const chosen = schedule.onlyByName ? selected(schedule) : `(${selected(schedule)} || ${TEST_CASE} == "")`;
  return `props.get("${READY_PROPERTY}") == "true" && ${chosen}`;
}

/** JEXL: seconds from the run's start to `offset` seconds (plan time) into the test case. */
function target(schedule: CaseSchedule, offset: number): string {
  const start = schedule.startSeconds > 0 ? `(${selected(schedule)} ? 0 : ${number(schedule.startSeconds)})` : '0';
  return `(${start} + ${number(offset)}) * \${__P(timeScale,${number(schedule.timeScale)})}`;
}

/** JEXL: seconds since the run's start, now. */
const ELAPSED = `(\${__time()} - \${__P(${START_PROPERTY},\${__time()})}) / 1000.0`;

/** JEXL: `left` = whole seconds from now to `offset` seconds into the test case (rounded). */
function secondsLeft(schedule: CaseSchedule, offset: number): string {
  return `var left = (${target(schedule, offset)} - ${ELAPSED} + 0.5).intValue();`;
}

export interface LayerTiming {
  threads: string;
  delay: string;
  rampUp: string;
  duration: string;
  delayedStart: string;
}

/**
 * The thread group fields of one layer. `users` is a JEXL number: the layer's users (at least 1
 * is started when the test case runs).
 */
export function layerTiming(schedule: CaseSchedule, layer: ThreadLayer, users: string): LayerTiming {
  const active = activeCondition(schedule);
  return {
    threads: `\${__jexl3(var users = ${users}; ${active} ? (users < 1 ? 1 : users) : 0)}`,
    delay: `\${__jexl3(${secondsLeft(schedule, layer.delay)} ${active} ? (left < 0 ? 0 : left) : 0)}`,
    rampUp: `\${__jexl3(${secondsLeft(schedule, layer.delay + layer.rampUp)} left < 0 ? 0 : left)}`,
    // JMeter refuses a scheduled thread group of 0 seconds: at least 1.
    duration: `\${__jexl3(${secondsLeft(schedule, layer.delay + layer.duration)} left < 1 ? 1 : left)}`,
    // A running test case's threads are created when due, by the group's own starter thread,
    // which evaluates the fields above after the delay. A thread group that does not run starts
    // at once with no thread, so the fields of the hundreds of test cases a run leaves out cost
    // next to nothing (each starter thread would build a JEXL engine of its own: ~20 ms).
    delayedStart: `\${__jexl3(${active})}`,
  };
}

/**
 * JEXL: the users of one layer. `peak` is `-J<id>.users` or `-Jusers` (default: the shape's
 * peak); with several layers each takes its share of it, rounded.
 */
export function layerUsers(input: { id: string; threads: number; peak: number; layers: number }): string {
  const peak = `\${__P(${input.id}.users,\${__P(users,${input.peak})})}`;
  if (input.layers === 1) return peak;
  return `(${peak} * ${input.threads} * 1.0 / ${input.peak} + 0.5).intValue()`;
}
