import path from 'node:path';
import type { RoutingResult } from '../pipeline/index.js';
import { plural } from '../plugin-api/plural.js';

/** How many operation ids the text lists per strategy; --json lists them all. */
const MAX_LISTED = 20;

export interface RoutingJson {
  spec: string;
  operations: number;
  strategies: Array<{ name: string; testType: string | null; origin: string; scope: string; operations: string[] }>;
  /** Per test type some strategy plans per operation, the operations none of them plans. */
  uncovered: Record<string, string[]>;
}

/** Which strategy plans which operations, as data. */
export function routingJson(specFile: string, routing: RoutingResult): RoutingJson {
  const uncovered: Record<string, string[]> = {};
  const testTypes = [...new Set(routing.routes.flatMap((route) => (route.testType === undefined ? [] : [route.testType])))];
  for (const testType of testTypes) {
    const covered = new Set(routing.routes.filter((route) => route.testType === testType).flatMap((route) => route.operations.map((operation) => operation.operationId)));
    const missing = routing.operations.filter((operation) => !covered.has(operation.operationId)).map((operation) => operation.operationId);
    if (missing.length > 0) uncovered[testType] = missing;
  }
  return {
    spec: specFile,
    operations: routing.operations.length,
    strategies: routing.routes.map((route) => ({
      name: route.strategy.name,
      testType: route.testType ?? null,
      origin: route.origin,
      scope: route.scope,
      operations: route.operations.map((operation) => operation.operationId),
    })),
    uncovered,
  };
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(', ');
  return ids.length > MAX_LISTED ? `${shown}, … (${ids.length - MAX_LISTED} more; --json lists all)` : shown;
}

/** The text of `perfplan plugins SPEC`: per strategy its test type, scope and operations. */
export function formatRouting(report: RoutingJson): string[] {
  const lines = [`Routing of ${path.basename(report.spec)} (${plural(report.operations, 'operation')} planned):`];
  for (const strategy of report.strategies) {
    const what = strategy.testType === null ? 'shares operations' : `${strategy.testType} tests`;
    const all = strategy.operations.length > 0 && strategy.operations.length === report.operations;
    lines.push(`  ${strategy.name.padEnd(16)} ${what}; ${strategy.scope} (${strategy.origin}): ${all ? 'all' : plural(strategy.operations.length, 'operation')}`);
    if (strategy.operations.length > 0 && !all) lines.push(`  ${''.padEnd(16)} ${listed(strategy.operations)}`);
  }
  for (const [testType, ids] of Object.entries(report.uncovered)) lines.push(`  No ${testType} test (no strategy's scope holds them): ${listed(ids)}`);
  return lines;
}
