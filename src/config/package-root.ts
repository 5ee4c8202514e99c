import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * perfplan's own package folder (templates/, plugins/, package.json): the nearest folder above
 * this module whose package.json is perfplan's. Found by walking up, so the same code works
 * from dist/src/... and from the bundled CLI in dist/.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'perfplan') return (cached = dir);
      } catch {
        // Not a package.json we can read: keep looking above.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`perfplan's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
