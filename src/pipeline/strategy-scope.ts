import type { OperationAnalysis, OperationModel } from '../model/index.js';
import type { StrategyScope } from '../plugin-api/index.js';
import { matchesFilter } from './operation-filter.js';

/** True when the operation satisfies every selector the scope gives (a list: any of its items). */
export function inScope(scope: StrategyScope, operation: OperationAnalysis, spec: OperationModel | undefined): boolean {
  if (scope.categories !== undefined && !scope.categories.includes(operation.category)) return false;
  if (scope.tags !== undefined && !(spec?.tags ?? []).some((tag) => scope.tags!.includes(tag))) return false;
  if (scope.operations !== undefined && (spec === undefined || !scope.operations.some((filter) => matchesFilter(spec, filter)))) return false;
  if (scope.match !== undefined && (spec === undefined || !scope.match({ operation, spec }))) return false;
  return true;
}

/** The selectors in words, for `perfplan plugins`: `categories standard; tags payments`, or `every operation`. */
export function describeScope(scope: StrategyScope): string {
  const parts: string[] = [];
  if (scope.categories !== undefined) parts.push(`categories ${scope.categories.join(', ') || '(none)'}`);
  if (scope.tags !== undefined) parts.push(`tags ${scope.tags.join(', ') || '(none)'}`);
  if (scope.operations !== undefined) parts.push(`operations ${scope.operations.join(', ') || '(none)'}`);
  if (scope.match !== undefined) parts.push('a rule in code (match)');
  return parts.length === 0 ? 'every operation' : parts.join('; ');
}
