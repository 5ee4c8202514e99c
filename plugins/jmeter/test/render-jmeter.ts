import jmeterRenderer from '../src/index.js';
import type { TestPlan, GeneratedFile } from 'perfplan/plugin';
import { renderWith, writeFiles as writeRendered, type Rendered } from '../../../test/helpers/render-plugin.js';

export type RenderedJmeter = Rendered;

/** Renders a plan with this renderer through the real template engine, as the pipeline does. */
export function renderJmeter(plan: TestPlan): Promise<Rendered> {
  return renderWith(jmeterRenderer, plan);
}

/** Writes rendered files under a new temp folder and returns it. */
export function writeFiles(files: readonly GeneratedFile[], prefix = 'perfplan-jmeter-'): string {
  return writeRendered(files, prefix);
}
