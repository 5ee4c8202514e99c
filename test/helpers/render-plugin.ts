import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GeneratedFile, Renderer, TestPlan } from '../../src/plugin-api/index.js';
import { renderPlan, type RenderedPlan } from '../../src/plugin-testing/index.js';

export interface Rendered extends RenderedPlan {
  byPath(relative: string): string;
}

/** Renders a plan with a renderer plugin as the pipeline does: perfplan/plugin/testing's renderPlan. */
export async function renderWith(renderer: Renderer, plan: TestPlan): Promise<Rendered> {
  const rendered = await renderPlan(renderer, plan);
  return { ...rendered, byPath: rendered.file };
}

/** Writes rendered files under a new temp folder and returns it. */
export function writeFiles(files: readonly GeneratedFile[], prefix = 'perfplan-render-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
  }
  return dir;
}
