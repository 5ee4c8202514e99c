import type { TestType } from '../../src/model/index.js';
import type { ModeName } from './server-modes.js';

export type EngineName = 'k6' | 'locust' | 'jmeter';
export const ENGINE_NAMES: readonly EngineName[] = ['k6', 'locust', 'jmeter'];

/** One failed criterion of one test case, by its engine-neutral name (see criterion-names.ts). */
export interface FailedCriterion {
  testCase: string;
  criterion: string;
  /** What the engine said about it. */
  detail: string;
}

/** The breaking point and capacity a stress run reported. */
export interface StressFindings {
  /** Users at the breaking point; undefined when no step broke. */
  breakingUsers?: number;
  breakingText: string;
  /** The highest step throughput (requests/s) and the users at which the best rate per user reaches it. */
  capacityRps?: number;
  capacityUsers?: number;
  capacityText: string;
  /** Whether recovery was judged (its criteria are among the results), and passed. */
  recoveryJudged: boolean;
  recoveryPassed: boolean;
}

/** What one engine said about one test type's run against one mode of the reference server. */
export interface RunVerdict {
  engine: EngineName;
  type: TestType;
  mode: ModeName;
  timeScale: number;
  /** The engine's exit code (JMeter: perfplan evaluate's); null when it was killed. */
  exitCode: number | null;
  /** Criteria judged, and those that failed (engine-neutral names). */
  judged: number;
  failed: FailedCriterion[];
  /** Failures of the run as a whole (refused start, nothing sent, script errors). */
  runProblems: string[];
  stress?: StressFindings;
  /** Requests the reference server received during the run. */
  served: number;
  seconds: number;
  /** Where the engine's output and results are. */
  logs: string[];
}

/** Engine-neutral names of the failed criteria, each once, in first-seen order. */
export function failedNames(verdict: Pick<RunVerdict, 'failed'>): string[] {
  return [...new Set(verdict.failed.map((entry) => entry.criterion))];
}
