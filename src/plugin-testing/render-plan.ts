import type { Diagnostic, TestPlan } from '../model/index.js';
import type { GeneratedFile, Renderer } from '../plugin-api/index.js';
import { createTemplateRenderer } from '../render/template-engine.js';

export interface RenderedPlan {
  files: GeneratedFile[];
  /** What the renderer reported through ctx.report. */
  diagnostics: Diagnostic[];
  /** The contents of the file at this path; throws naming the files there are when there is none. */
  file(relative: string): string;
}

/**
 * Runs a renderer on a plan as `perfplan generate` does: its templates through perfplan's
 * template engine (from its templatesDir), its options as given, every file it yields collected.
 */
export async function renderPlan<Options>(renderer: Renderer<Options>, plan: TestPlan, options?: Options): Promise<RenderedPlan> {
  const diagnostics: Diagnostic[] = [];
  const template = renderer.templatesDir === undefined ? undefined : createTemplateRenderer({ templatesDir: renderer.templatesDir });
  const output = await renderer.render({
    plan,
    options: options ?? ({} as Options),
    ctx: {
      renderTemplate(name, data) {
        if (template === undefined) throw new Error(`renderer "${renderer.name}" has no templatesDir`);
        return template(name, data);
      },
      report: (diagnostic) => diagnostics.push(diagnostic),
    },
  });
  const files: GeneratedFile[] = [];
  for await (const file of output) files.push(file);
  return {
    files,
    diagnostics,
    file(relative) {
      const found = files.find((candidate) => candidate.path === relative);
      if (found === undefined) throw new Error(`${renderer.name} wrote no ${relative}; it wrote ${files.map((candidate) => candidate.path).join(', ') || 'nothing'}`);
      return found.contents;
    },
  };
}
