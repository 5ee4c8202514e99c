import path from 'node:path';
import { lstatOrUndefined, type OutputFs } from './output-fs.js';
import type { PreparedFile } from './output-files.js';
import type { OutputTarget } from './output-target.js';

/** How the output folder on disk differs from what a write would produce. */
export interface OutputDifferences {
  /** Files a write would create. */
  missing: string[];
  /** Files whose bytes differ (or that are not regular files). */
  changed: string[];
  /** Files the folder's marker lists, present on disk, that a write would delete. */
  extra: string[];
}

export async function compareWithDisk(fs: OutputFs, target: OutputTarget, files: readonly PreparedFile[]): Promise<OutputDifferences> {
  const differences: OutputDifferences = { missing: [], changed: [], extra: [] };
  if (!target.exists) {
    differences.missing = files.map((file) => file.path);
    return differences;
  }
  for (const file of files) {
    const onDisk = path.join(target.dir, ...file.path.split('/'));
    const stats = await lstatOrUndefined(fs, onDisk);
    if (stats === undefined) differences.missing.push(file.path);
    else if (!stats.isFile() || stats.size !== file.data.length || !(await fs.readFile(onDisk)).equals(file.data)) {
      differences.changed.push(file.path);
    }
  }
  if (target.marker.kind === 'valid') {
    const wanted = new Set(files.map((file) => file.path));
    const present = new Set(target.files);
    differences.extra = target.marker.files.filter((file) => !wanted.has(file) && present.has(file));
  }
  return differences;
}
