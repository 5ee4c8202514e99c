// The library entry. A `perfplan.config.ts` imports `defineConfig` from here on every run, so
// this module loads nothing heavy: the planner itself is imported when it is first called.
import type { AgentTask } from './pipeline/index.js';
import type { PlanPerformanceTestsOptions, PlanPerformanceTestsResult } from './plan-performance-tests.js';

export { defineConfig } from './config/define-config.js';
export type { UserConfig, ResolvedConfig, RoutingConfig } from './config/index.js';
export type { PlanPerformanceTestsOptions, PlanPerformanceTestsResult } from './plan-performance-tests.js';
export type { AgentResult, AgentTask, PlanFile } from './pipeline/index.js';
export { PerfplanError, ExitCode } from './errors/index.js';
export type * from './model/index.js';

/**
 * The library entry of the Performance-Planner-Agent: a task and a parsed OpenAPI/Swagger
 * document in, the agent result out (the same object `perfplan generate --json` prints).
 * A spec perfplan cannot use gives `status: "failed"` with the reason, never a throw.
 */
export async function planPerformanceTests(task: AgentTask, spec: unknown, options: PlanPerformanceTestsOptions = {}): Promise<PlanPerformanceTestsResult> {
  const planner = await import('./plan-performance-tests.js');
  return planner.planPerformanceTests(task, spec, options);
}
