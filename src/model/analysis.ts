import type { HttpMethod } from './api-model.js';

export type OperationKind = 'read' | 'write';
export type DataIntensiveCategory = 'file_upload' | 'file_download' | 'data_export' | 'bulk_operation' | 'large_payload';
export type ComplexityLevel = 'low' | 'medium' | 'high';
/** Where an indicator matched. */
export type MatchSource = 'path' | 'operationId' | 'tag' | 'summary' | 'spec';

export interface CriticalPathFinding {
  indicator: string;
  matchedIn: MatchSource;
  /** The text the indicator was found in. */
  value: string;
  reason: string;
}

export interface DataIntensiveFinding {
  category: DataIntensiveCategory;
  matchedIn: MatchSource;
  reason: string;
}

export interface OperationAuth {
  /** True when every alternative needs credentials. */
  required: boolean;
  /** Alternatives, each a list of scheme names that must all be satisfied. */
  alternatives: string[][];
  /** Scheme types involved (`http:bearer`, `apiKey:header`, `oauth2`, ...), sorted. */
  schemeTypes: string[];
}

export interface OperationAnalysis {
  operationId: string;
  method: HttpMethod;
  path: string;
  kind: OperationKind;
  critical?: CriticalPathFinding;
  dataIntensive?: DataIntensiveFinding;
  auth: OperationAuth;
  /** The load profile category this operation's load test uses. */
  category: 'standard' | 'critical' | 'data_intensive';
}

export interface Complexity {
  level: ComplexityLevel;
  reasons: string[];
}

export type DependencySource = 'link' | 'location-header' | 'naming';

export interface DependencyBinding {
  /** Runtime expression of where the value comes from, e.g. `$response.body#/id`. */
  from: string;
  /** Where it goes in the consumer: `path.petId`, `query.id`, `header.X-Id`, `body#/id`. */
  to: string;
}

export interface DependencyEdge {
  from: string;
  to: string;
  source: DependencySource;
  bindings: DependencyBinding[];
  reason: string;
}

export interface ApiTotals {
  operations: number;
  read: number;
  write: number;
  deprecated: number;
}

export interface Analysis {
  totals: ApiTotals;
  authenticationRequired: boolean;
  complexity: Complexity;
  recommendedLoadPatterns: string[];
  operations: OperationAnalysis[];
  dependencies: DependencyEdge[];
}
