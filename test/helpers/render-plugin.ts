import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTemplateRenderer } from '../../src/render/template-engine.js';
import type { Diagnostic, TestPlan } from '../../src/model/index.js';
import type { GeneratedFile, Renderer } from '../../src/plugin-api/index.js';

export interface Rendered {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  byPath(relative: string): string;
}

/** Renders a plan with a renderer plugin through the real template engine, as the pipeline does. */
export async function renderWith(renderer: Renderer, plan: TestPlan): Promise<Rendered> {
  const diagnostics: Diagnostic[] = [];
  const template = createTemplateRenderer({ templatesDir: renderer.templatesDir! });
  const output = await renderer.render({
    plan,
    options: {},
    ctx: { renderTemplate: template, report: (diagnostic) => diagnostics.push(diagnostic) },
  });
  const files: GeneratedFile[] = [];
  for await (const file of output) files.push(file);
  return {
    files,
    diagnostics,
    byPath(relative) {
      const file = files.find((candidate) => candidate.path === relative);
      if (!file) throw new Error(`no ${relative} among ${files.map((candidate) => candidate.path).join(', ')}`);
      return file.contents;
    },
  };
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
