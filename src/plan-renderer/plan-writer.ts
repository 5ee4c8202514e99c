import type { Diagnostic } from '../model/index.js';
import type { GeneratedFile, PlanWriter, Renderer } from '../plugin-api/index.js';
import { renderWith } from '../pipeline/render-with.js';

/**
 * The default plan writer: PLAN.md and plan.json from the plan renderer (the registry's renderer
 * named `plan`: the built-in one unless a plugin replaced it), run as the engines are.
 */
export function createPlanWriter({ planRenderer }: { planRenderer: () => Renderer }): PlanWriter {
  return {
    async files({ plan, result, instructions, report }) {
      const files: GeneratedFile[] = [];
      const diagnostics: Diagnostic[] = [];
      await renderWith({ renderer: planRenderer(), input: { plan, options: {}, result, instructions }, diagnostics, emit: (file) => void files.push(file) });
      for (const diagnostic of diagnostics) report?.(diagnostic);
      return files;
    },
  };
}
