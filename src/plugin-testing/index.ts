/**
 * Test helpers for plugin authors, imported as `perfplan/plugin/testing`: a small plan made by
 * the real planner, factories of a test case and a request, and a renderer run through
 * perfplan's own template engine, as `perfplan generate` runs it.
 */
export { samplePlan, sampleSpec } from './sample-plan.js';
export { makeRequest, makeTestCase } from './factories.js';
export { renderPlan, type RenderedPlan } from './render-plan.js';
