import type { TestPlan } from '../model/index.js';
import { sampleSpec } from './sample-spec.js';

export { sampleSpec } from './sample-spec.js';

/**
 * The plan perfplan makes of a small OpenAPI document: by default sampleSpec() (listItems,
 * createItem, getItem: load, stress, spike, soak, mixed and workflow test cases, a lifecycle
 * workflow, bearer auth). `settings` are what a config would set (`types`, `profiles`, ...).
 * The real planner runs (built-in analyzers and strategies, and any strategy the settings
 * name), so the plan is what a renderer gets from `perfplan generate`.
 */
export async function samplePlan(input: { spec?: object; settings?: Record<string, unknown> } = {}): Promise<TestPlan> {
  // The library entry plans; loaded when first needed, so importing the helpers stays cheap.
  const { planPerformanceTests } = await import('../index.js');
  const result = await planPerformanceTests({ taskId: 'perfplan-plugin-testing', specId: 'sample' }, input.spec ?? sampleSpec(), {
    settings: { engines: [], ...input.settings },
  });
  if (result.plan === undefined) throw new Error(`samplePlan: perfplan could not plan the spec: ${result.errorMessage ?? result.status}`);
  return result.plan;
}
