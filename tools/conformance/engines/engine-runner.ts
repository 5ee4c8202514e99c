import type { TestPlan } from '../../../src/model/index.js';

/**
 * One load-test engine as the conformance harness drives it. A runner finds the files its
 * renderer wrote under `outDir` (k6/, locust/, jmeter/), runs them briefly against `baseUrl`
 * (the recording proxy in front of Prism), and says how the run went. What was sent and how
 * Prism judged it is recorded by the proxy, not by the runner, so every engine is judged alike.
 *
 * To add an engine (Locust, JMeter, ...): implement this interface in engines/<name>.ts and list
 * it in engines/index.ts. A smoke run should call every operation and workflow step at least
 * once with few users for a few seconds, send every request to `baseUrl`, take credentials from
 * `env`, stop by itself within `timeoutMs` (the harness kills it otherwise), and report script
 * failures (exceptions, failed assertions/checks) in `scriptErrors`/`failedChecks`.
 */
export interface EngineRunner {
  /** As in `--engines`: k6, locust, jmeter. */
  name: string;
  /** true when the engine can run here; otherwise why not (the harness reports the engine as skipped). */
  available(): Promise<boolean | string>;
  run(input: EngineRunInput): Promise<EngineRunResult>;
}

export interface EngineRunInput {
  /** The `perfplan generate` output folder (holds plan.json and one folder per engine). */
  outDir: string;
  /** Where to send every request: the recording proxy, `http://127.0.0.1:PORT` (no base path). */
  baseUrl: string;
  plan: TestPlan;
  /** Wall-clock budget for the whole engine run. */
  timeoutMs: number;
  /** Environment the scripts read: BASE_URL and a dummy value for every credential in plan.environment. */
  env: Record<string, string>;
  /**
   * Request header that carries the engine's own name for a request (k6's `name` tag, ...) to
   * the proxy, which records and strips it. Optional for an engine to use.
   */
  nameTagHeader: string;
  /** A folder for the engine's logs and result files. */
  workDir: string;
  /** Told before each script (file) runs, with its test type (`load`, `workflow`, ...): the proxy marks what arrives with it. */
  onScript?: (testType: string) => void;
}

export interface FailedCheck {
  /** Scenario / task / thread group the check ran in. */
  scenario?: string;
  group?: string;
  name: string;
  /** What was checked, e.g. `GET http://.../pet/1 -> 404`. */
  context?: string;
}

export interface EngineRunResult {
  /** The engine's exit code; null when it was killed (timeout). */
  exitCode: number | null;
  /** Exceptions and other failures of the script itself (one line or stack each). */
  scriptErrors: string[];
  /** Checks/assertions that failed: reported, not counted as script errors. */
  failedChecks: FailedCheck[];
  durationMs: number;
  timedOut: boolean;
  /** Requests the engine says it sent (for cross-checking the proxy's count), when it knows. */
  requestsSent?: number;
  /** Files worth reading after a failure (engine log, result file). */
  logFiles: string[];
  /** Anything else worth reporting (scenarios run, skipped steps, ...). */
  notes: string[];
}
