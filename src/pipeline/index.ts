export { Pipeline } from './pipeline.js';
export type { AnalyzeResult, GenerateInput, GenerateIntoResult, GenerateResult, OutputFile, PlanOptions, PlanProblem, PlanResult } from './pipeline.js';
export { PluginRegistry, pluginKindLabel } from './plugin-registry.js';
export type { EngineResultReader, PluginEntry, RegisteredPlugin } from './plugin-registry.js';
export { defaultSettings } from './settings.js';
export type { PipelineSettings } from './settings.js';
export { agentResult, failedAgentResult, planJson } from './agent-result.js';
export type { PlanFile } from './plan-file.js';
export type { AgentResult, AgentTask } from './agent-result.js';
