import type { Diagnostic, OperationAnalysis, OperationModel, TestType } from '../model/index.js';
import type { ProfileStrategy, RouteOrigin, RoutingInput, StrategyRoute, StrategyRouting, StrategyScope } from '../plugin-api/index.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { PipelineSettings } from './settings.js';
import { describeScope, inScope } from './strategy-scope.js';

interface Scoped {
  strategy: ProfileStrategy;
  scope: StrategyScope;
  origin: RouteOrigin;
  /** Who wins a contested test: lower first. */
  rank: number;
}

/** The scope a strategy plans with: config `routing`, else its `appliesTo`, else the replaced one's, else every operation. */
function scopeOf(strategy: ProfileStrategy, settings: PipelineSettings, registry: PluginRegistry): { scope: StrategyScope; origin: RouteOrigin } {
  const declared = strategy.appliesTo ?? registry.replacedScope(strategy.name);
  const configured = settings.routing !== undefined && Object.hasOwn(settings.routing, strategy.name) ? settings.routing[strategy.name] : undefined;
  if (configured !== undefined) {
    const testType = configured.testType ?? declared?.testType;
    return { scope: { ...configured, ...(testType === undefined ? {} : { testType }) }, origin: 'config routing' };
  }
  if (strategy.appliesTo !== undefined) return { scope: strategy.appliesTo, origin: 'appliesTo' };
  if (declared !== undefined) return { scope: declared, origin: 'replaced strategy' };
  return { scope: {}, origin: 'all operations' };
}

/**
 * Routing by declaration, the same for built-in and outside strategies. Each operation's test of
 * a type comes from one strategy: the one its `x-perfplan.profile` names, else the first of the
 * strategies config `routing` names (in its key order) whose scope holds it, else the one
 * registered last whose scope holds it. A strategy without a test type competes with none.
 */
export function createStrategyRouting(input: { registry: PluginRegistry; settings: PipelineSettings }): StrategyRouting {
  const { registry, settings } = input;
  return {
    route({ model, operations, strategies, requested, report }: RoutingInput): StrategyRoute[] {
      const configuredOrder = Object.keys(settings.routing ?? {});
      const scoped: Scoped[] = strategies.map((strategy, index) => {
        const configured = configuredOrder.indexOf(strategy.name);
        const rank = configured >= 0 ? configured : configuredOrder.length + (strategies.length - index);
        return { strategy, ...scopeOf(strategy, settings, registry), rank };
      });
      const byName = new Map(scoped.map((entry) => [entry.strategy.name, entry]));
      const specOf = new Map<string, OperationModel>(model.operations.map((operation) => [operation.id, operation]));
      const contenders = [...scoped].sort((a, b) => a.rank - b.rank);
      const testTypes = [...new Set(scoped.flatMap((entry) => (entry.scope.testType === undefined ? [] : [entry.scope.testType])))];
      const assigned = new Map<string, Set<string>>(scoped.map((entry) => [entry.strategy.name, new Set<string>()]));
      for (const operation of operations) {
        const spec = specOf.get(operation.operationId);
        const named = requested.get(operation.operationId);
        const chosen = named === undefined ? undefined : byName.get(named);
        /** The test type the named strategy takes over: its own, else the load test. */
        const chosenType: TestType | undefined = chosen === undefined ? undefined : (chosen.scope.testType ?? 'load');
        const winners = new Map<TestType, Scoped | undefined>();
        for (const testType of testTypes) {
          winners.set(testType, chosenType === testType ? chosen : contenders.find((entry) => entry.scope.testType === testType && inScope(entry.scope, operation, spec)));
        }
        if (named !== undefined && chosen === undefined) report(unknownProfile(operation, named, winners.get('load'), strategies));
        for (const entry of scoped) {
          const testType = entry.scope.testType;
          const takes = testType === undefined ? entry === chosen || inScope(entry.scope, operation, spec) : winners.get(testType) === entry;
          if (takes) assigned.get(entry.strategy.name)!.add(operation.operationId);
        }
      }
      return scoped.map(({ strategy, scope, origin }) => {
        const mine = assigned.get(strategy.name)!;
        return {
          strategy,
          ...(scope.testType === undefined ? {} : { testType: scope.testType }),
          origin,
          scope: describeScope(scope),
          operations: operations.filter((operation) => mine.has(operation.operationId)),
        };
      });
    },
  };
}

function unknownProfile(operation: OperationAnalysis, named: string, loadWinner: Scoped | undefined, strategies: readonly ProfileStrategy[]): Diagnostic {
  return {
    code: 'plan/unknown-profile',
    severity: 'warning',
    message: `x-perfplan of ${operation.operationId} names profile strategy "${named}", which is not registered.`,
    fix: `${loadWinner === undefined ? 'It gets no load test' : `Its load test uses "${loadWinner.strategy.name}"`}. Registered strategies: ${strategies.map((strategy) => strategy.name).join(', ')}.`,
  };
}
