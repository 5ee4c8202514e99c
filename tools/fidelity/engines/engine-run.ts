import type { TestType } from '../../../src/model/index.js';
import type { FailedCriterion, StressFindings } from '../verdict.js';

/** One test type's default run of one engine, as a user runs it (from the output folder). */
export interface EngineRunInput {
  /** The `perfplan generate` output folder. */
  outDir: string;
  type: TestType;
  /** The server under test; undefined: the run is given no base URL at all. */
  baseUrl?: string;
  /** Passed as the engine's time-scale variable (TIME_SCALE, -JtimeScale). */
  timeScale: number;
  /** Credentials the scripts need (dummy values), never BASE_URL. */
  env: Record<string, string>;
  /** Where logs and results go. */
  workDir: string;
  timeoutMs: number;
}

export interface EngineRunOutput {
  exitCode: number | null;
  judged: number;
  failed: FailedCriterion[];
  runProblems: string[];
  stress?: StressFindings;
  /** What the engine printed (for messages). */
  output: string;
  logs: string[];
}

/** The file of a test type, per engine, without extension: workflows are `workflows.js`/`.jmx` but `workflow.conf`. */
export function scriptBase(type: TestType, engine: 'k6' | 'jmeter' | 'locust'): string {
  return type === 'workflow' && engine !== 'locust' ? 'workflows' : type;
}

/** The last lines of a text, for a message. */
export function tail(text: string, lines = 12): string {
  return text.split('\n').filter((line) => line.trim() !== '').slice(-lines).join('\n');
}
