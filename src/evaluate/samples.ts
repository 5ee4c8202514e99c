/** What a run says about itself: which file and test case ran, at which time scale, or why it refused to start. */
export interface RunInfo {
  /** The script file that ran (jmeter/load.jmx). */
  file?: string;
  /** Its test type. */
  type?: string;
  /** The test case selected by name; empty or absent: the file's default run. */
  testCase?: string;
  /** The time scale the run used. */
  timeScale?: number;
  /** The users property the run was given (each test case's peak), when given. */
  users?: number;
  /** Why the run refused to start (it sent nothing). */
  refused?: string;
}

/** One result of a results file, whatever the engine: what the evaluator judges. */
export interface Sample {
  /** Start, epoch milliseconds. */
  startMs: number;
  elapsedMs: number;
  label: string;
  success: boolean;
  /** Failed only because it took longer than a Duration Assertion allowed: not an error (the max criterion judges it). */
  slowOnly: boolean;
  responseCode: string;
  failureMessage: string;
  /** The test case it belongs to (JMeter: the thread group name, k6: the scenario). */
  testCase: string;
  /**
   * request: a request of the test case; workflow: one workflow iteration; auxiliary: a request
   * that is not the test case's (an OAuth2 token); run: the run's own record (`run`); start: the
   * moment the run's schedules count from; check: a check the script runs before any load (an
   * OAuth2 token URL's host); a failed one stopped the run at start.
   */
  kind: 'request' | 'workflow' | 'auxiliary' | 'run' | 'start' | 'check';
  /** kind run: what the run says about itself. */
  run?: RunInfo;
}

/** Reads one engine's results file into samples; throws PerfplanError on a file it cannot read. */
export type ResultsReader = (input: { text: string; file: string }) => Sample[];
