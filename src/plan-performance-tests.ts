import path from 'node:path';
import { collectPlugins, createContainer, pipelineOf } from './di/index.js';
import { isPerfplanError } from './errors/index.js';
import { failedAgentResult } from './pipeline/index.js';
import type { AgentResult, AgentTask, PipelineSettings } from './pipeline/index.js';
import type { TestPlan } from './model/index.js';

export interface PlanPerformanceTestsOptions {
  /** Settings as a config would give them (profiles, engines, include, ...). */
  settings?: Partial<PipelineSettings>;
  /** Folder relative `$ref`s in the spec resolve against; the current folder by default. */
  baseDir?: string;
}

export type PlanPerformanceTestsResult = AgentResult & { plan?: TestPlan };

/**
 * The library entry of the Performance-Planner-Agent: a task and a parsed OpenAPI/Swagger
 * document in, the agent result out (the same object `perfplan generate --json` prints).
 * A spec perfplan cannot use gives `status: "failed"` with the reason, never a throw.
 */
export async function planPerformanceTests(
  task: AgentTask,
  spec: unknown,
  options: PlanPerformanceTestsOptions = {},
): Promise<PlanPerformanceTestsResult> {
  try {
    const plugins = await collectPlugins({ configPlugins: [], rootDir: options.baseDir ?? process.cwd() });
    const pipeline = pipelineOf(createContainer({ plugins, settings: options.settings }));
    const label = path.join(options.baseDir ?? process.cwd(), `${task.specId ?? 'spec'}.json`);
    const generated = await pipeline.generate({ specFile: label, document: spec, task });
    return { ...generated.result, plan: generated.plan };
  } catch (error) {
    if (isPerfplanError(error) || error instanceof Error) return failedAgentResult(task, error.message);
    return failedAgentResult(task, String(error));
  }
}
