import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestPlan } from '../model/index.js';

// The output names no path of the machine that wrote it: the same spec and config, copied with the
// output folder to another place, generate the same bytes (generate --check passes there). Files
// are named as plan.source.specFile names the spec: relative to the spec's folder, which is what
// the spec's own $refs are relative to. A path relative to the output folder or the current folder
// would still spell out where things are (`../../../home/me/specs/...`), and change when the
// output folder moves on its own.

function isRemote(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value);
}

function localPath(value: string): string {
  return /^file:/i.test(value) ? fileURLToPath(value) : path.resolve(value);
}

/**
 * `file` as the output writes it: relative to `base` with `/` separators. A remote URL is kept (it
 * names no local path); a file that has no path relative to `base` (another drive) is named by
 * its file name.
 */
export function portableFile(file: string, base: string): string {
  if (isRemote(file)) return file;
  const relative = path.relative(base, localPath(file));
  if (relative === '' || path.isAbsolute(relative)) return path.basename(localPath(file));
  return relative.split(path.sep).join('/');
}

/**
 * The plan as the output writes it: each diagnostic's `file` relative to the spec's folder (the
 * spec itself: its file name), the config by its file name (where it is says nothing about the spec).
 */
export function portablePlan(plan: TestPlan, input: { specFile: string; configFile?: string }): TestPlan {
  const specDir = isRemote(input.specFile) ? undefined : path.dirname(localPath(input.specFile));
  const configFile = input.configFile === undefined ? undefined : localPath(input.configFile);
  const named = (file: string): string => {
    if (isRemote(file)) return file;
    if (specDir === undefined || localPath(file) === configFile) return path.basename(localPath(file));
    return portableFile(file, specDir);
  };
  return { ...plan, diagnostics: plan.diagnostics.map((diagnostic) => (diagnostic.file === undefined ? diagnostic : { ...diagnostic, file: named(diagnostic.file) })) };
}
