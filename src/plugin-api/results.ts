/**
 * The result-reader contract: an engine's results files in, engine-neutral samples out, which
 * `perfplan evaluate` judges against the plan's criteria.
 */

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

/**
 * request: a request of the test case; workflow: one workflow iteration (its elapsed time is the
 * iteration's); auxiliary: a request that is not the test case's (an OAuth2 token); run: the
 * run's own record (`run`); start: the moment the run's schedules count from; check: a check the
 * script runs before any load, a failed one stopped the run at start.
 */
export type SampleKind = 'request' | 'workflow' | 'auxiliary' | 'run' | 'start' | 'check';

/** One result of a results file, whatever the engine: what `perfplan evaluate` judges. */
export interface ResultSample {
  /** Start, epoch milliseconds. */
  startMs: number;
  elapsedMs: number;
  /**
   * The id of the test case it belongs to, as the generated scripts name it (JMeter: the thread
   * group, k6: the scenario). Characters other than [A-Za-z0-9_.-] may be written as `_`.
   */
  testCase: string;
  success: boolean;
  /** `request` when absent. */
  kind?: SampleKind;
  /** The request's name (its operationId in perfplan's scripts), or the workflow's, or the check's. */
  label?: string;
  responseCode?: string;
  failureMessage?: string;
  /** Failed only because it took longer than allowed: not an error (the max criterion judges it). */
  slowOnly?: boolean;
  /** kind run: what the run says about itself. */
  run?: RunInfo;
}

/** A sample with every field but `run` filled in: what perfplan judges, and what the first-party readers return. */
export type CompleteResultSample = ResultSample & Required<Pick<ResultSample, 'kind' | 'label' | 'responseCode' | 'failureMessage' | 'slowOnly'>>;

/** A results file as perfplan evaluate was given it. */
export interface ResultsFile {
  path: string;
  text: string;
}

export interface ReadResultsInput {
  files: readonly ResultsFile[];
}

/**
 * Reads an engine's results files into samples. A file it cannot read is a PerfplanError
 * (see `resultsError`) naming the file, the line and what to do.
 */
export type ReadResults = (input: ReadResultsInput) => ResultSample[] | Promise<ResultSample[]>;

/**
 * Reads the results of one engine: `perfplan evaluate --engine <name>` uses it. A renderer can
 * instead carry `readResults` itself; a result reader of the same name wins over it.
 */
export interface ResultReader {
  kind: 'result-reader';
  /** The engine whose results it reads. */
  name: string;
  description?: string;
  /** Which file to pass, for messages: `the file k6 wrote with --out json (k6 run --out json=results.json k6/load.js)`. */
  resultsFile?: string;
  readResults: ReadResults;
}
