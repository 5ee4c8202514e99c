import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'];
const INDEX_FILES = FILE_EXTENSIONS.map((extension) => `index${extension}`);

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The `main` or the `.` export (import/default condition) a folder's package.json names, if any. */
function packageEntry(dir: string): string | undefined {
  const manifestFile = path.join(dir, 'package.json');
  if (!isFile(manifestFile)) return undefined;
  let manifest: { main?: unknown; exports?: unknown };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  let target: unknown = manifest.exports;
  if (target !== null && typeof target === 'object' && !Array.isArray(target) && '.' in target) {
    target = (target as Record<string, unknown>)['.'];
  }
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.node ?? conditions.default;
  }
  if (typeof target === 'string') return target;
  return typeof manifest.main === 'string' ? manifest.main : undefined;
}

/**
 * Resolves a plugin path like Node resolves a require of a path: the file as given, then with
 * .js/.mjs/.cjs/.ts, then as a folder (package.json entry, then index.*). `tried` lists every
 * file looked at, in order, for the not-found message.
 */
export function resolvePluginPath({ name, fromDir }: { name: string; fromDir: string }): {
  file?: string;
  tried: string[];
} {
  const base = /^file:/i.test(name) ? fileURLToPath(name) : path.resolve(fromDir, name);
  const tried: string[] = [];
  const attempt = (file: string): boolean => {
    tried.push(file);
    return isFile(file);
  };
  if (attempt(base)) return { file: base, tried };
  for (const extension of FILE_EXTENSIONS) {
    if (attempt(`${base}${extension}`)) return { file: `${base}${extension}`, tried };
  }
  if (isDirectory(base)) {
    const entry = packageEntry(base);
    if (entry !== undefined) {
      const entryFile = path.resolve(base, entry);
      if (attempt(entryFile)) return { file: entryFile, tried };
      for (const extension of FILE_EXTENSIONS) {
        if (attempt(`${entryFile}${extension}`)) return { file: `${entryFile}${extension}`, tried };
      }
    }
  }
  for (const index of INDEX_FILES) {
    if (attempt(path.join(base, index))) return { file: path.join(base, index), tried };
  }
  return { tried };
}
