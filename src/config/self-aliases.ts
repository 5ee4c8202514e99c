import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';

let cached: Record<string, string> | undefined;

/**
 * `perfplan` and `perfplan/plugin` → the files of the running perfplan (its package.json
 * "exports"), so a TypeScript config or plugin that imports them loads however perfplan was
 * installed: globally or through npx, a project has no `node_modules/perfplan` to resolve.
 */
export function selfAliases(): Record<string, string> {
  if (cached !== undefined) return cached;
  const root = packageRoot();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, unknown> };
  const aliases: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const file = typeof target === 'string' ? target : (target as { default?: unknown } | null)?.default;
    if (typeof file !== 'string' || !file.endsWith('.js')) continue;
    aliases[subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`] = path.join(root, file);
  }
  return (cached = aliases);
}
