import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Jiti } from 'jiti';
import { selfAliases } from './self-aliases.js';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

const require = createRequire(import.meta.url);
let jiti: Jiti | undefined;

/** jiti, loaded the first time a TypeScript file is imported (most runs have none). */
async function typeScriptImporter(): Promise<Jiti> {
  // moduleCache off: a TypeScript config or plugin edited between two loads in one process is read afresh.
  // The aliases let `import { defineConfig } from 'perfplan'` load without a local install of perfplan.
  jiti ??= (await import('jiti')).createJiti(import.meta.url, { moduleCache: false, interopDefault: false, alias: selfAliases() });
  return jiti;
}

export function isTypeScriptFile(file: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/**
 * Imports a module by absolute path: TypeScript through jiti (Node 20 cannot), the rest natively.
 * With a `version` (say, a hash of the contents) a JavaScript file is evaluated again when its version
 * changed since it was last imported in this process: the ESM cache is keyed by URL, so the URL carries it.
 */
export async function importModule(file: string, { version }: { version?: string } = {}): Promise<Record<string, unknown>> {
  if (isTypeScriptFile(file)) return (await (await typeScriptImporter()).import(file)) as Record<string, unknown>;
  const url = pathToFileURL(file);
  if (version !== undefined) {
    url.searchParams.set('perfplan-version', version);
    // A CommonJS file imported from ESM still goes through require's cache.
    delete require.cache[file];
  }
  return (await import(url.href)) as Record<string, unknown>;
}
