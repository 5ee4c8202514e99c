import type { CompleteResultSample, ResultSample } from '../plugin-api/index.js';

export type { CompleteResultSample, ResultSample, RunInfo, SampleKind } from '../plugin-api/index.js';

/** A sample as the evaluator judges it: what a reader left out filled in. */
export type Sample = CompleteResultSample;

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
