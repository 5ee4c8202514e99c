import { defineAnalyzer } from '../plugin-api/index.js';
import type { Analysis, Complexity } from '../model/index.js';
import { plural } from '../plugin-api/plural.js';

export function estimateComplexity(analysis: Analysis): Complexity {
  const reasons: string[] = [];
  let score = 0;
  const { operations, read, write } = analysis.totals;
  if (operations > 100) {
    score += 2;
    reasons.push(`${plural(operations, 'operation')} (over 100)`);
  } else if (operations > 20) {
    score += 1;
    reasons.push(`${plural(operations, 'operation')} (over 20)`);
  } else {
    reasons.push(plural(operations, 'operation'));
  }
  const authed = analysis.operations.filter((operation) => operation.auth.required).length;
  if (authed > 0) {
    score += 1;
    reasons.push(`authentication required on ${authed} of ${plural(operations, 'operation')}`);
  }
  if (analysis.operations.some((operation) => operation.auth.schemeTypes.includes('oauth2'))) {
    score += 1;
    reasons.push('OAuth2 token handling');
  }
  const dataIntensive = analysis.operations.filter((operation) => operation.dataIntensive).length;
  if (dataIntensive > 0) {
    score += 1;
    reasons.push(plural(dataIntensive, 'data-intensive operation'));
  }
  if (operations > 0 && write / operations > 0.5) {
    score += 1;
    reasons.push(`write-heavy (${plural(write, 'write')}, ${plural(read, 'read')})`);
  }
  if (analysis.dependencies.length > 10) {
    score += 1;
    reasons.push(`${plural(analysis.dependencies.length, 'dependency', 'dependencies')} between operations`);
  }
  return { level: score >= 4 ? 'high' : score >= 2 ? 'medium' : 'low', reasons };
}

export function recommendLoadPatterns(analysis: Analysis): string[] {
  const patterns = ['steady load per operation at the expected concurrency'];
  const critical = analysis.operations.filter((operation) => operation.category === 'critical').length;
  if (critical > 0) patterns.push(`higher concurrency and stricter latency targets on ${plural(critical, 'critical-path operation')}`);
  const dataIntensive = analysis.operations.filter((operation) => operation.category === 'data_intensive').length;
  if (dataIntensive > 0) patterns.push(`reduced concurrency with longer think time on ${plural(dataIntensive, 'data-intensive operation')}`);
  if (analysis.totals.read > analysis.totals.write) patterns.push('read-heavy mixed workload weighted towards reads');
  else if (analysis.totals.write > 0) patterns.push('mixed workload with a significant share of writes');
  if (analysis.authenticationRequired) patterns.push('authenticate once per virtual user and reuse the credential');
  if (analysis.dependencies.length > 0) patterns.push('multi-step workflows that carry values between dependent operations');
  patterns.push('gradual stress ramp to find the breaking point', 'sudden spike with recovery check', 'long soak to reveal degradation');
  return patterns;
}

export const complexityAnalyzer = defineAnalyzer({
  name: 'complexity',
  description: 'Estimates complexity (low/medium/high, with reasons) and recommends load patterns.',
  analyze({ analysis }) {
    return { ...analysis, complexity: estimateComplexity(analysis), recommendedLoadPatterns: recommendLoadPatterns(analysis) };
  },
});
