import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (tests run from dist/test/..., so walk up to package.json). */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) || dir.endsWith(`${path.sep}dist`)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the test files');
    dir = parent;
  }
  return dir;
})();

export const FIXTURES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures');
export const FIXTURE_SPECS_DIR = path.join(FIXTURES_DIR, 'specs');
export const BIN_RUN = path.join(PROJECT_ROOT, 'bin', 'run.js');

export function fixtureSpec(name: string): string {
  return path.join(FIXTURE_SPECS_DIR, name);
}
