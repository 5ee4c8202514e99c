// The built-in `plan` renderer: PLAN.md from templates/plan and plan.json, after every engine.
export { planRenderer, renderPlanMarkdown } from './plan-renderer.js';
export { createPlanWriter } from './plan-writer.js';
export { cutAtWord } from './markdown-text.js';
