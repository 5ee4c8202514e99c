import type { PlanWriter } from '../plugin-api/index.js';
import { planJson } from './agent-result.js';
import { renderPlanMarkdown } from './plan-markdown.js';

/** PLAN.md (for people) and plan.json (the agent result with the plan). */
export const defaultPlanWriter: PlanWriter = {
  files: ({ plan, result, instructions }) => [
    { path: 'PLAN.md', contents: renderPlanMarkdown(plan, [...instructions]) },
    { path: 'plan.json', contents: planJson(result, plan) },
  ],
};
