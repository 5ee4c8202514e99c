import type { RequestTemplate, TestCase } from '../model/index.js';
import { GLOBAL_DEFAULTS, openProfile } from '../plugin-api/index.js';

/** The request of sampleSpec()'s getItem (GET /items/{itemId}, bearer auth), with `overrides` on top. */
export function makeRequest(overrides: Partial<RequestTemplate> = {}): RequestTemplate {
  return {
    operationId: 'getItem',
    method: 'get',
    path: '/items/{itemId}',
    parameters: [{ name: 'itemId', in: 'path', value: 7 }],
    expectedStatuses: [200],
    auth: ['bearer'],
    ...overrides,
  };
}

/**
 * A load test case of getItem with the standard profile and criteria, shaped by the kit's
 * openProfile as the built-in strategy shapes them, starting its run (startSeconds 0), with
 * `overrides` on top.
 */
export function makeTestCase(overrides: Partial<TestCase> = {}): TestCase {
  const { profile, criteria } = openProfile('standard', 'Standard Load', { ...GLOBAL_DEFAULTS, expectedResponseTimeMs: 500, p95Ms: 1000, errorRate: 0.01 });
  return {
    id: 'load_getItem',
    name: 'Standard Load: GET /items/{itemId}',
    type: 'load',
    rationale: 'The standard load of getItem (made by makeTestCase).',
    targets: [{ operationId: 'getItem', weight: 1 }],
    profile,
    criteria,
    startSeconds: 0,
    requiresChosenBaseUrl: false,
    ...overrides,
  };
}
