import type { TestCase, TestPlan, TestType } from '../model/index.js';
import type { PlanFile } from './plan-file.js';

export interface AgentTask {
  taskId: string;
  specId?: string;
  agentType?: string;
  parameters?: Record<string, unknown>;
  targetEnvironment?: string;
}

/** The result object of the Performance-Planner-Agent, written as plan.json with the plan beside it. */
export interface AgentResult {
  taskId: string;
  agentType: 'Performance-Planner-Agent';
  status: 'success' | 'failed';
  testCases: TestCase[];
  metadata: {
    totalTestCases: number;
    testTypes: TestType[];
    performanceFrameworks: string[];
    targetEnvironment?: string;
    specId?: string;
  };
  errorMessage: string | null;
}

export function agentResult(input: { task: AgentTask; plan: TestPlan; frameworks: string[] }): AgentResult {
  const testTypes = [...new Set(input.plan.testCases.map((testCase) => testCase.type))];
  const metadata: AgentResult['metadata'] = {
    totalTestCases: input.plan.testCases.length,
    testTypes,
    performanceFrameworks: input.frameworks,
  };
  if (input.task.targetEnvironment !== undefined) metadata.targetEnvironment = input.task.targetEnvironment;
  if (input.task.specId !== undefined) metadata.specId = input.task.specId;
  return {
    taskId: input.task.taskId,
    agentType: 'Performance-Planner-Agent',
    status: 'success',
    testCases: input.plan.testCases,
    metadata,
    errorMessage: null,
  };
}

export function failedAgentResult(task: AgentTask, message: string): AgentResult {
  return {
    taskId: task.taskId,
    agentType: 'Performance-Planner-Agent',
    status: 'failed',
    testCases: [],
    metadata: { totalTestCases: 0, testTypes: [], performanceFrameworks: [] },
    errorMessage: message,
  };
}

/** plan.json: the agent result, then the rest of the plan (its test cases are the result's). */
export function planJson(result: AgentResult, plan: TestPlan): string {
  const { testCases: _testCases, ...rest } = plan;
  const file: PlanFile = { ...result, plan: rest };
  return `${JSON.stringify(file, null, 2)}\n`;
}
