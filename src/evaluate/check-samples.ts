import { ExitCode, PerfplanError } from '../errors/index.js';
import type { ResultSample, SampleKind } from './samples.js';

const KINDS: readonly SampleKind[] = ['request', 'workflow', 'auxiliary', 'run', 'start', 'check'];
const OPTIONAL_TEXT = ['label', 'responseCode', 'failureMessage'] as const;
const RUN_TEXT = ['file', 'type', 'testCase', 'refused'] as const;
const RUN_NUMBERS = ['timeScale', 'users'] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${String(value)}` : typeof value;
}

/** What is wrong with one sample a reader returned, or undefined. */
function sampleProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `is ${describe(value)}, not a sample object`;
  const sample = value as Record<string, unknown>;
  for (const key of ['startMs', 'elapsedMs'] as const) {
    if (typeof sample[key] !== 'number' || !Number.isFinite(sample[key])) return `${key} is ${describe(sample[key])}, not a finite number of milliseconds`;
  }
  if ((sample.elapsedMs as number) < 0) return `elapsedMs is negative (${String(sample.elapsedMs)})`;
  if (typeof sample.testCase !== 'string') return `testCase is ${describe(sample.testCase)}, not a test case id`;
  if (typeof sample.success !== 'boolean') return `success is ${describe(sample.success)}, not true or false`;
  if (sample.kind !== undefined && !(KINDS as readonly unknown[]).includes(sample.kind)) return `kind is ${describe(sample.kind)}, not one of ${KINDS.join(', ')}`;
  for (const key of OPTIONAL_TEXT) if (sample[key] !== undefined && typeof sample[key] !== 'string') return `${key} is ${describe(sample[key])}, not a string`;
  if (sample.slowOnly !== undefined && typeof sample.slowOnly !== 'boolean') return `slowOnly is ${describe(sample.slowOnly)}, not true or false`;
  if (sample.run !== undefined) {
    const run = sample.run as Record<string, unknown> | null;
    if (run === null || typeof run !== 'object' || Array.isArray(run)) return `run is ${describe(sample.run)}, not an object`;
    for (const key of RUN_TEXT) if (run[key] !== undefined && typeof run[key] !== 'string') return `run.${key} is ${describe(run[key])}, not a string`;
    for (const key of RUN_NUMBERS) {
      if (run[key] !== undefined && (typeof run[key] !== 'number' || !Number.isFinite(run[key]))) return `run.${key} is ${describe(run[key])}, not a finite number`;
    }
  }
  return undefined;
}

/**
 * The samples a result reader returned, checked: a reader is a plugin, and what it returns is
 * judged as it is, so a sample of the wrong shape stops evaluate naming the reader and the sample.
 */
export function checkSamples(input: { samples: unknown; engine: string; source: string }): ResultSample[] {
  const failed = (detail: string) =>
    new PerfplanError('evaluate/reader-failed', `The result reader for engine "${input.engine}" (${input.source}) ${detail}`, {
      fix: `Fix the reader's readResults (see the ResultSample type of perfplan/plugin), or report this to the plugin's author.`,
      exitCode: ExitCode.failed,
    });
  if (!Array.isArray(input.samples)) throw failed(`returned ${describe(input.samples)}, not an array of samples.`);
  for (const [index, sample] of input.samples.entries()) {
    const problem = sampleProblem(sample);
    if (problem !== undefined) throw failed(`returned a sample that is not valid: samples[${index}] ${problem}.`);
  }
  return input.samples as ResultSample[];
}
