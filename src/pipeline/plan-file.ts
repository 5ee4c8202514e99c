import type { TestPlan } from '../model/index.js';
import type { AgentResult } from './agent-result.js';

/**
 * The shape of plan.json: the Performance-Planner-Agent result, with the rest of the plan
 * beside it (its test cases are the result's `testCases`). `schemas/plan.schema.json` is
 * generated from this type (`npm run schema`).
 */
export interface PlanFile extends AgentResult {
  plan: Omit<TestPlan, 'testCases'>;
}
