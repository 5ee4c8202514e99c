import path from 'node:path';
import { packageRoot } from '../config/index.js';
import { planJson } from '../pipeline/agent-result.js';
import { defineRenderer, PLAN_RENDERER, type EngineInstructions, type GeneratedFile, type Renderer } from '../plugin-api/index.js';
import type { TestPlan } from '../model/index.js';
import { createTemplateRenderer, type TemplateRenderer } from '../render/index.js';
import { finishedMarkdown } from './markdown-text.js';
import { planView } from './plan-view.js';

/** templates/plan of perfplan's package (found from the package root: the CLI is one bundled file). */
const TEMPLATES_DIR = path.join(packageRoot(), 'templates', 'plan');

function planMarkdown(renderTemplate: TemplateRenderer, plan: TestPlan, instructions: readonly EngineInstructions[]): string {
  return finishedMarkdown(renderTemplate('PLAN.md', { ...planView(plan, instructions) }));
}

let standalone: TemplateRenderer | undefined;

/** PLAN.md for a plan and the engines' run instructions, as the built-in plan renderer writes it. */
export function renderPlanMarkdown(plan: TestPlan, instructions: readonly EngineInstructions[]): string {
  standalone ??= createTemplateRenderer({ templatesDir: TEMPLATES_DIR });
  return planMarkdown(standalone, plan, instructions);
}

/**
 * The built-in renderer of the plan's own files: PLAN.md (for people: templates/plan, fed by the
 * pure view model in plan-view.ts) and plan.json (the agent result with the plan). It renders
 * after every engine, with their run instructions; a plugin renderer named `plan` replaces it.
 */
export const planRenderer: Renderer = defineRenderer({
  name: PLAN_RENDERER,
  description: 'PLAN.md (analysis, test cases, load model, criteria, how to run each engine) and plan.json (the agent result with the whole plan).',
  templatesDir: TEMPLATES_DIR,
  render({ plan, ctx, result, instructions }): GeneratedFile[] {
    if (result === undefined) throw new Error('the plan renderer needs the agent result: perfplan gives it after the engines have rendered');
    return [
      { path: 'PLAN.md', contents: planMarkdown(ctx.renderTemplate, plan, instructions ?? []) },
      { path: 'plan.json', contents: planJson(result, plan) },
    ];
  },
});
