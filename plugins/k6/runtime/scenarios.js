import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { PLANNED_TIME_SCALE } from './plan.js';
import { serverProblems } from './support.js';

/**
 * One test case: its k6 scenario (stage durations already scaled), thresholds, the credentials
 * its requests use, when it starts in the file's default run (planned seconds), whether it runs
 * only by name, whether it refuses to run without a BASE_URL the user chose, and the servers
 * other than BASE_URL its requests go to (with what each needs, see support.js serverProblems).
 * @typedef {{ scenario: import('k6/options').Scenario, thresholds: Record<string, import('k6/options').Threshold[]>, auth: import('./support.js').Auth[], startSeconds: number, onlyByName: boolean, requiresChosenBaseUrl: boolean, servers?: Array<{ env: string, requiresChosen: boolean, credentials: boolean }> }} TestCase
 */

/**
 * The run's time scale: every stage duration, start time and judged window is multiplied by it
 * (0.05 rehearses the plan 20 times shorter); think time and latency limits are not.
 * @param {string | undefined} text
 * @returns {number}
 */
function timeScaleOf(text) {
  if (text === undefined || text === '') return PLANNED_TIME_SCALE;
  const value = Number(text);
  if (!/^\s*(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text) || !Number.isFinite(value) || value <= 0) {
    throw new Error(`TIME_SCALE must be a positive number such as 0.05 (got "${text}"): every stage, start time and judged window is multiplied by it. Run k6 with -e TIME_SCALE=0.05, or leave it unset for ${PLANNED_TIME_SCALE}.`);
  }
  return value;
}

/** Read once, at init: a bad value stops k6 before any request. */
export const TIME_SCALE = timeScaleOf(__ENV.TIME_SCALE);

/**
 * A k6 duration for planned seconds times the time scale, to the millisecond.
 * @param {number} seconds
 * @returns {string}
 */
export function scaled(seconds) {
  const ms = Math.round(seconds * TIME_SCALE * 1000);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * A count threshold for "at least `rps` requests/s over a window of `seconds` planned seconds":
 * floor(rps × the scaled window's seconds) requests. A Counter's `rate` cannot say this in k6,
 * which divides the count by the whole run's duration.
 * @param {number} rps
 * @param {number} seconds
 * @returns {string}
 */
export function countAtLeast(rps, seconds) {
  // The small epsilon keeps 0.95 × 60 from flooring to 56 through binary rounding.
  return `count>=${Math.floor(rps * seconds * TIME_SCALE + 1e-9)}`;
}

/** One point per run, at the end of setup(): see markRunStart. */
const RUN = new Counter('perfplan_run');

/**
 * Marks in the results (k6 run --out json=FILE) the moment the scenarios start, the end of
 * setup(), with what the run is: perfplan evaluate --engine k6 counts every test case's start
 * time and judged windows from it, at the run's time scale, for the test case SCENARIO chose.
 * @param {string} type the script's test type
 * @param {string} file the script, relative to the output folder
 */
export function markRunStart(type, file) {
  /** @type {Record<string, string>} */
  const tags = { type, file, time_scale: String(TIME_SCALE) };
  if (__ENV.SCENARIO !== undefined && __ENV.SCENARIO !== '') tags.test_case = __ENV.SCENARIO;
  RUN.add(1, tags);
}

/**
 * The options to run. By default: every test case not marked onlyByName, each starting at its
 * planned start time (scaled), so they run one after another. With `k6 run -e SCENARIO=<name>`:
 * only that test case (by-name ones too), starting at once, with its own thresholds. Refuses,
 * before any request, to run a test case that requires a chosen base URL when BASE_URL is not set,
 * or a server of its own that it may not use as the variables are (see support.js serverProblems).
 * @param {Record<string, TestCase>} all
 * @param {string | undefined} wanted
 * @param {string} [refusal] why BASE_URL must be set, for test cases that require it
 * @returns {import('k6/options').Options}
 */
export function selectScenario(all, wanted, refusal) {
  const chosen = wanted !== undefined && wanted !== '';
  if (chosen && !Object.prototype.hasOwnProperty.call(all, wanted)) {
    throw new Error(`Unknown SCENARIO "${wanted}". Valid names: ${Object.keys(all).join(', ')}`);
  }
  const names = chosen ? [wanted] : Object.keys(all).filter((name) => !all[name].onlyByName);
  if (names.length === 0) {
    throw new Error(`Every test case of this script runs only by name: run k6 with -e SCENARIO=<name>, one of ${Object.keys(all).join(', ')}`);
  }
  const baseUrl = __ENV.BASE_URL;
  if ((baseUrl === undefined || baseUrl === '') && names.some((name) => all[name].requiresChosenBaseUrl)) {
    throw new Error(refusal || 'BASE_URL is not set: these test cases never run against the spec\'s server by default. Run k6 with -e BASE_URL=https://your-test-server');
  }
  const servers = serverProblems(names.flatMap((name) => all[name].servers || []));
  if (servers.length > 0) throw new Error(servers.join(' '));
  /** @type {Record<string, import('k6/options').Scenario>} */
  const scenarios = {};
  /** @type {Record<string, import('k6/options').Threshold[]>} */
  const thresholds = {};
  for (const name of names) {
    scenarios[name] = Object.assign({}, all[name].scenario, { startTime: chosen ? '0s' : scaled(all[name].startSeconds) });
    Object.assign(thresholds, all[name].thresholds);
  }
  return { scenarios, thresholds };
}

/**
 * The credentials of the test cases `options` runs, for setup().
 * @param {Record<string, TestCase>} all
 * @param {import('k6/options').Options} options
 * @returns {import('./support.js').Auth[]}
 */
export function credentialsOf(all, options) {
  return Object.keys(options.scenarios || {}).flatMap((name) => all[name].auth);
}

/**
 * The target for this iteration of the scenario: `cycle` lists target indexes in
 * proportion to their weights, so the mix is the same on every run.
 * @template T
 * @param {T[]} targets
 * @param {number[]} cycle
 * @returns {T}
 */
export function pickByWeight(targets, cycle) {
  return targets[cycle[exec.scenario.iterationInTest % cycle.length]];
}

/**
 * Whether a workflow step with this weight runs in this iteration of the virtual user:
 * always in its first iteration (later steps may need what the step creates), then in a
 * share `weight` of iterations, evenly spread.
 * @param {number} weight
 * @returns {boolean}
 */
export function stepRuns(weight) {
  const n = exec.vu.iterationInScenario;
  return n === 0 || Math.floor((n + 1) * weight) > Math.floor(n * weight);
}

/**
 * Tags for the windows the scenario is in now (`throughput:hold`, `phase:spike`, `step:3`, ...):
 * a request started at t seconds since the scenario started is in [from, to) × TIME_SCALE.
 * Each kind of window has its own tag key, as windows of different kinds overlap.
 * @param {Array<{ tag: string, name: string, from: number, to: number }>} windows
 * @returns {Record<string, string>}
 */
export function phaseTags(windows) {
  const elapsed = (Date.now() - exec.scenario.startTime) / 1000;
  /** @type {Record<string, string>} */
  const tags = {};
  for (const window of windows) {
    if (elapsed >= window.from * TIME_SCALE && elapsed < window.to * TIME_SCALE) tags[window.tag] = window.name;
  }
  return tags;
}
