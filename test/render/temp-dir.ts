import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Fresh temporary folders for one test file; all removed by cleanup(). */
export function tempDirs(prefix: string): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `perfplan-${prefix}-`));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` with its text, relative paths with "/", sorted: a snapshot to compare. */
export function snapshotTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative);
      else result[relative] = fs.readFileSync(path.join(folder, entry.name), 'utf8');
    }
  };
  walk(dir, '');
  return result;
}
