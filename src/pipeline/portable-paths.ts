import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, TestPlan } from '../model/index.js';

// The output names no path of the machine that wrote it: the same spec and config, copied with the
// output folder to another place, generate the same bytes (generate --check passes there).

function isRemote(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value);
}

function localPath(value: string): string {
  return /^file:/i.test(value) ? fileURLToPath(value) : path.resolve(value);
}

/**
 * `file` as the output writes it: relative to `base` (the output folder, else the spec's folder)
 * with `/` separators. A remote URL is kept: it names no local path. A file on another drive than
 * `base` (no relative path) is named by its file name.
 */
export function portableFile(file: string, base: string): string {
  if (isRemote(file)) return file;
  const relative = path.relative(base, localPath(file));
  if (relative === '' || path.isAbsolute(relative)) return path.basename(file);
  return relative.split(path.sep).join('/');
}

/**
 * The plan as written to the output: every diagnostic's `file` relative to `outDir` (where
 * plan.json is), or without an output folder (the library) to the spec's folder.
 */
export function portablePlan(plan: TestPlan, input: { specFile: string; outDir?: string }): TestPlan {
  const base = input.outDir !== undefined ? path.resolve(input.outDir) : isRemote(input.specFile) ? undefined : path.dirname(localPath(input.specFile));
  const relocate = (diagnostic: Diagnostic): Diagnostic =>
    diagnostic.file === undefined ? diagnostic : { ...diagnostic, file: base === undefined ? (isRemote(diagnostic.file) ? diagnostic.file : path.basename(diagnostic.file)) : portableFile(diagnostic.file, base) };
  return { ...plan, diagnostics: plan.diagnostics.map(relocate) };
}
