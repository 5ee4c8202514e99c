/** One result of a results file, whatever the engine: what the evaluator judges. */
export interface Sample {
  /** Start, epoch milliseconds. */
  startMs: number;
  elapsedMs: number;
  label: string;
  success: boolean;
  /** Failed only because it took longer than the expected response time (a Duration Assertion): not an error. */
  slowOnly: boolean;
  responseCode: string;
  failureMessage: string;
  /** The test case it belongs to (JMeter: the thread group name, k6: the scenario). */
  testCase: string;
  /** `check`: a check the script runs before any load (JMeter's setUp group); a failed one stopped the run at start. */
  kind: 'request' | 'workflow' | 'auxiliary' | 'check';
}

/** Reads one engine's results file into samples; throws PerfplanError on a file it cannot read. */
export type ResultsReader = (input: { text: string; file: string }) => Sample[];
