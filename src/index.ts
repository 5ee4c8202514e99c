export { defineConfig } from './config/index.js';
export type { UserConfig, ResolvedConfig } from './config/index.js';
export type { AgentResult, AgentTask } from './pipeline/index.js';
export { PerfplanError, ExitCode } from './errors/index.js';
export type * from './model/index.js';
