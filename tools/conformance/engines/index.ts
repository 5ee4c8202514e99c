import type { EngineRunner } from './engine-runner.js';
import { k6DoubleEngine } from './k6-double.js';

export type { EngineRunInput, EngineRunner, EngineRunResult, FailedCheck } from './engine-runner.js';

/** Engines the harness knows, by `--engines` name. Locust and JMeter runners plug in here. */
export const ENGINE_RUNNERS: readonly EngineRunner[] = [k6DoubleEngine];

export const KNOWN_ENGINE_NAMES = ['k6', 'locust', 'jmeter'] as const;

export function engineRunner(name: string): EngineRunner | undefined {
  return ENGINE_RUNNERS.find((runner) => runner.name === name);
}
