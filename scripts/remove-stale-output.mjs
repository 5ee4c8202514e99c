// Removes compiled files under dist/ whose TypeScript source is gone (a moved or deleted test
// would otherwise still run), so the build can stay incremental instead of starting from scratch.
// The plugins' templates/ and runtime/ copies are not compiled output: copy-plugin-assets.mjs
// replaces them.
import fs from 'node:fs';
import path from 'node:path';

const DIST = 'dist';
const OUTPUT = /\.(js|js\.map|d\.ts|d\.ts\.map)$/;
const ASSET_FOLDER = /^dist[\\/]plugins[\\/][^\\/]+[\\/](templates|runtime)$/;

function walk(folder) {
  if (!fs.existsSync(folder)) return;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (ASSET_FOLDER.test(file)) continue;
      walk(file);
      continue;
    }
    if (!OUTPUT.test(entry.name)) continue;
    const relative = path.relative(DIST, file);
    if (relative === 'perfplan-cli.js') continue;
    const source = relative.replace(OUTPUT, '.ts');
    if (!fs.existsSync(source)) fs.rmSync(file);
  }
}

walk(DIST);
