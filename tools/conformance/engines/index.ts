import type { EngineRunner } from './engine-runner.js';
import { jmeterEngine } from './jmeter.js';
import { k6DoubleEngine } from './k6-double.js';
import { locustEngine } from './locust.js';

export type { EngineRunInput, EngineRunner, EngineRunResult, FailedCheck } from './engine-runner.js';

/** Engines the harness knows, by `--engines` name. Locust and JMeter runners plug in here. */
export const ENGINE_RUNNERS: readonly EngineRunner[] = [k6DoubleEngine, jmeterEngine, locustEngine];

export const KNOWN_ENGINE_NAMES = ['k6', 'locust', 'jmeter'] as const;

export function engineRunner(name: string): EngineRunner | undefined {
  return ENGINE_RUNNERS.find((runner) => runner.name === name);
}
