import { defineAnalyzer } from '../plugin-api/index.js';
import type { OperationAnalysis } from '../model/index.js';
import { findIndicator, operationTexts } from './text-match.js';

/** The reference design's indicators plus token/session/register/cart. */
export const DEFAULT_CRITICAL_INDICATORS = [
  'login',
  'logout',
  'auth',
  'token',
  'session',
  'register',
  'signup',
  'payment',
  'checkout',
  'cart',
  'order',
  'search',
  'dashboard',
  'home',
  'index',
  'list',
  'feed',
] as const;

const SOURCE_LABEL = { path: 'path', operationId: 'operationId', tag: 'tag', summary: 'summary', spec: 'spec' } as const;

export const criticalPathAnalyzer = defineAnalyzer({
  name: 'critical-path',
  description: 'Marks high-impact operations (auth, payment, search, ...) with the indicator that matched and where.',
  analyze({ model, analysis, options }) {
    const indicators = Array.isArray(options.indicators)
      ? (options.indicators as string[])
      : [...DEFAULT_CRITICAL_INDICATORS, ...(Array.isArray(options.extraIndicators) ? (options.extraIndicators as string[]) : [])];
    const byId = new Map(model.operations.map((operation) => [operation.id, operation]));
    const operations = analysis.operations.map((entry): OperationAnalysis => {
      const operation = byId.get(entry.operationId);
      if (!operation) return entry;
      const match = findIndicator(operationTexts(operation), indicators);
      if (!match) return entry;
      return {
        ...entry,
        critical: {
          indicator: match.indicator,
          matchedIn: match.field.source,
          value: match.field.value,
          reason: `"${match.indicator}" in ${SOURCE_LABEL[match.field.source]} "${match.field.value}"`,
        },
        category: entry.category === 'data_intensive' ? entry.category : 'critical',
      };
    });
    return { ...analysis, operations };
  },
});
