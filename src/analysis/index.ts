import type { Analysis } from '../model/index.js';
import type { Analyzer } from '../plugin-api/index.js';
import { complexityAnalyzer } from './complexity-analyzer.js';
import { criticalPathAnalyzer } from './critical-path-analyzer.js';
import { dataIntensiveAnalyzer } from './data-intensive-analyzer.js';
import { dependencyAnalyzer } from './dependency-analyzer.js';
import { operationsAnalyzer } from './operations-analyzer.js';

export { DEFAULT_CRITICAL_INDICATORS } from './critical-path-analyzer.js';
export { DEFAULT_DATA_KEYWORDS } from './data-intensive-analyzer.js';
export { followRef } from './schema-facts.js';

/** Built-in analyzers in the order they run; data-intensive runs before critical-path so uploads keep their profile. */
export const builtinAnalyzers: readonly Analyzer[] = [
  operationsAnalyzer,
  dataIntensiveAnalyzer,
  criticalPathAnalyzer,
  dependencyAnalyzer,
  complexityAnalyzer,
];

export function emptyAnalysis(): Analysis {
  return {
    totals: { operations: 0, read: 0, write: 0, deprecated: 0 },
    authenticationRequired: false,
    complexity: { level: 'low', reasons: [] },
    recommendedLoadPatterns: [],
    operations: [],
    dependencies: [],
  };
}
