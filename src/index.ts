export { defineConfig } from './config/index.js';
export type { UserConfig, ResolvedConfig } from './config/index.js';
export { planPerformanceTests } from './plan-performance-tests.js';
export type { PlanPerformanceTestsOptions, PlanPerformanceTestsResult } from './plan-performance-tests.js';
export type { AgentResult, AgentTask, PlanFile } from './pipeline/index.js';
export { PerfplanError, ExitCode } from './errors/index.js';
export type * from './model/index.js';
