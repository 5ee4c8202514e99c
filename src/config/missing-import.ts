import path from 'node:path';
import { packageRoot } from './package-root.js';
import { packageNameOf } from './plugin-names.js';

const NOT_FOUND = /Cannot find (?:package|module) '([^']+)'/;

/** The bare package a module failed to import (`perfplan/plugin` → `perfplan`), or undefined for any other error. */
export function missingPackage(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const specifier = NOT_FOUND.exec(error instanceof Error ? error.message : String(error))?.[1];
  if (specifier === undefined || specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
  return packageNameOf(specifier);
}

/**
 * Why a module in `dir` could not import `pkg`, and what to do: Node resolves a bare import
 * from the importing file's folder upwards, never from where perfplan itself is installed.
 */
export function missingPackageHelp(input: { pkg: string; dir: string; what: string }): { cause: string; fix: string } {
  const { pkg, dir, what } = input;
  if (pkg === 'perfplan') {
    return {
      cause: `${what} imports "perfplan", which Node cannot resolve from ${dir}: perfplan is not installed in that folder or any above it. The perfplan running now is in ${packageRoot()} (a global or npx install, say), which an import does not look in: Node resolves a package from the importing file's folder upwards`,
      fix: `Install perfplan in the project that holds ${dir}: npm install --save-dev perfplan. (A TypeScript module needs no install: perfplan resolves its imports of perfplan itself.)`,
    };
  }
  return {
    cause: `${what} imports the package "${pkg}", which is not installed in ${dir} or any folder above it`,
    fix: `Install it in the project that holds ${dir}: npm install ${pkg}.`,
  };
}
