import type { ResultSample, RunInfo, SampleKind } from '../plugin-api/index.js';

export type { ResultSample, RunInfo, SampleKind } from '../plugin-api/index.js';

/** A sample as the evaluator judges it: what a reader left out filled in. */
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
  /** The id of the test case it belongs to, as the scripts write it. */
  testCase: string;
  kind: SampleKind;
  /** kind run: what the run says about itself. */
  run?: RunInfo;
}

/** A reader's sample with its optional fields filled in: a request, labelled '', not slow-only. */
export function completeSample(sample: ResultSample): Sample {
  return {
    startMs: sample.startMs,
    elapsedMs: sample.elapsedMs,
    label: sample.label ?? '',
    success: sample.success,
    slowOnly: sample.slowOnly ?? false,
    responseCode: sample.responseCode ?? '',
    failureMessage: sample.failureMessage ?? '',
    testCase: sample.testCase,
    kind: sample.kind ?? 'request',
    ...(sample.run === undefined ? {} : { run: sample.run }),
  };
}
