import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jmeterRenderer from '../../../plugins/jmeter/src/index.js';
import { createTemplateRenderer } from '../../../src/render/template-engine.js';
import type { Diagnostic, TestPlan } from '../../../src/model/index.js';
import type { GeneratedFile } from '../../../src/plugin-api/index.js';

/** Renders a plan with the JMeter renderer through the real template engine, as the pipeline does. */
export async function renderJmeter(plan: TestPlan): Promise<{ files: GeneratedFile[]; diagnostics: Diagnostic[]; byPath(relative: string): string }> {
  const diagnostics: Diagnostic[] = [];
  const template = createTemplateRenderer({ templatesDir: jmeterRenderer.templatesDir! });
  const files = await jmeterRenderer.render({ plan, options: {}, ctx: { renderTemplate: template, report: (diagnostic) => diagnostics.push(diagnostic) } });
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

export function writeFiles(files: readonly GeneratedFile[], prefix = 'perfplan-jmeter-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
  }
  return dir;
}
