import type { Analysis } from './analysis.js';
import type { Diagnostic } from './diagnostic.js';
import type { HttpMethod, ParameterLocation } from './api-model.js';
import type { JsonValue } from './json.js';

export type TestType = 'load' | 'stress' | 'spike' | 'soak' | 'mixed' | 'workflow';
export const TEST_TYPES: readonly TestType[] = ['load', 'stress', 'spike', 'soak', 'mixed', 'workflow'];

/** One step of a load shape: move linearly to `target` users over `durationSeconds`. */
export interface LoadStage {
  durationSeconds: number;
  target: number;
  label?: string;
}

export interface LoadProfile {
  /** Name of the profile strategy that produced it (`standard`, `critical`, ...). */
  name: string;
  title: string;
  virtualUsers: number;
  durationSeconds: number;
  rampUpSeconds: number;
  rampDownSeconds: number;
  thinkTimeSeconds: number;
  expectedResponseTimeMs: number;
  /** The full shape, ramp-up and ramp-down included; engines follow it literally. */
  stages: LoadStage[];
}

export interface SuccessCriteria {
  p95Ms: number;
  /** Fraction of failed requests allowed, 0.01 = 1 %. */
  errorRate: number;
  minThroughputRps: number;
  meanMs?: number;
  maxMs?: number;
}

/** A value sent with a request: where it goes and what it is. */
export interface RequestParameter {
  name: string;
  in: ParameterLocation;
  value: JsonValue;
  style?: string;
  explode?: boolean;
}

export interface RequestBody {
  mediaType: string;
  value: JsonValue;
}

/** A fully resolved request for one operation; renderers only translate it. */
export interface RequestTemplate {
  operationId: string;
  method: HttpMethod;
  /** Path template with `{name}` placeholders, as in the spec. */
  path: string;
  parameters: RequestParameter[];
  body?: RequestBody;
  /** Statuses the spec documents as success (2xx/3xx), as written; `default` when none. */
  expectedStatuses: number[];
  /** Security scheme names this request needs (the first alternative the plan can satisfy). */
  auth: string[];
}

export interface TestTarget {
  operationId: string;
  /** Relative weight in a mixed workload; 1 for single-operation tests. */
  weight: number;
}

export interface TestCase {
  id: string;
  name: string;
  type: TestType;
  /** Why this test exists, for the plan reader. */
  rationale: string;
  targets: TestTarget[];
  profile: LoadProfile;
  criteria: SuccessCriteria;
}

export interface EnvironmentVariable {
  name: string;
  description: string;
  required: boolean;
  secret: boolean;
  default?: string;
}

export type AuthPlan =
  | { scheme: string; type: 'bearer'; tokenEnv: string }
  | { scheme: string; type: 'basic'; usernameEnv: string; passwordEnv: string }
  | { scheme: string; type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; valueEnv: string };

export interface PlanSource {
  title: string;
  version: string;
  specVersion: string;
  /** File name of the spec (no directories, so the plan does not leak local paths). */
  specFile: string;
  operationCount: number;
}

/**
 * The engine-neutral test plan: the only input a renderer sees. Fully resolved:
 * concrete values, durations in seconds, no `$ref`s.
 */
export interface TestPlan {
  planVersion: 1;
  source: PlanSource;
  /** Base URL the scripts use when `BASE_URL` is not set. */
  defaultBaseUrl: string;
  analysis: Analysis;
  requests: RequestTemplate[];
  testCases: TestCase[];
  auth: AuthPlan[];
  environment: EnvironmentVariable[];
  diagnostics: Diagnostic[];
}
