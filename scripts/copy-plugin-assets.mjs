// Copies each first-party plugin's templates/ and runtime/ beside its compiled code in perfplan's
// build (plugins/k6/templates -> dist/plugins/k6/templates), so the bundled renderer finds them at
// ../templates/ from dist/plugins/k6/src/, as the packed plugin finds them from plugins/k6/dist/.
// Each folder is replaced as a whole: a template deleted from a plugin is gone from dist too.
import fs from 'node:fs';
import path from 'node:path';

const PLUGIN_ASSET_FOLDERS = ['templates', 'runtime'];

for (const name of fs.readdirSync('plugins')) {
  if (!fs.existsSync(path.join('plugins', name, 'package.json'))) continue;
  for (const folder of PLUGIN_ASSET_FOLDERS) {
    const from = path.join('plugins', name, folder);
    const to = path.join('dist', 'plugins', name, folder);
    fs.rmSync(to, { recursive: true, force: true });
    if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
  }
}
