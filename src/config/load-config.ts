import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cosmiconfig, defaultLoaders, type Loader, type Loaders } from 'cosmiconfig';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { underlyingMessage } from './error-text.js';
import { importModule } from './import-module.js';
import { missingPackage, missingPackageHelp } from './missing-import.js';
import { resolveConfig } from './resolve-config.js';
import type { ResolvedConfig, UserConfigExport } from './types.js';
import { validateConfig } from './validate.js';

export const CONFIG_SEARCH_PLACES: readonly string[] = [
  'package.json',
  '.perfplanrc',
  '.perfplanrc.json',
  '.perfplanrc.yaml',
  '.perfplanrc.yml',
  'perfplan.config.ts',
  'perfplan.config.mjs',
  'perfplan.config.js',
  'perfplan.config.cjs',
];

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const SUPPORTED_FORMATS = 'perfplan.config.{ts,mjs,js,cjs}, .perfplanrc (YAML or JSON), .perfplanrc.{json,yaml,yml}, package.json#perfplan';

/** Thrown by a loader so the caller knows which file failed, also while searching. */
class ConfigFileLoadError extends Error {
  constructor(
    readonly filepath: string,
    readonly original: unknown,
  ) {
    super(underlyingMessage(original));
  }
}

/** TypeScript through jiti; JavaScript re-imported when it changed, so a long-lived process sees edits. */
const loadModule: Loader = async (filepath, content) => {
  const version = createHash('sha256').update(content).digest('hex').slice(0, 16);
  // undefined (no default export) makes cosmiconfig report the file as empty, which loadConfig rejects.
  return (await importModule(filepath, { version })).default;
};

function tagged(loader: Loader): Loader {
  return async (filepath, content) => {
    try {
      return await loader(filepath, content);
    } catch (error) {
      throw new ConfigFileLoadError(filepath, error);
    }
  };
}

function createExplorer() {
  const loaders: Loaders = {
    ...defaultLoaders,
    ...Object.fromEntries([...MODULE_EXTENSIONS].map((extension) => [extension, loadModule])),
  };
  return cosmiconfig('perfplan', {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    // Only the folder we start in: a test in a temp dir must never pick up a stray config above it.
    searchStrategy: 'none',
    // A module without a default export is an error to report, not a file to skip silently.
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: Object.fromEntries(Object.entries(loaders).map(([extension, loader]) => [extension, tagged(loader)])),
  });
}

function loadFailed(file: string, detail: string, cause?: unknown): PerfplanError {
  const missing = missingPackage(cause);
  if (missing !== undefined) {
    const help = missingPackageHelp({ pkg: missing, dir: path.dirname(file), what: `The config file ${path.basename(file)}` });
    const perfplanFix = missing === 'perfplan' ? ' Or drop the import: defineConfig only adds types, `export default { ... }` works the same.' : '';
    return new PerfplanError('config/missing-dependency', `Could not load config file ${file}: ${help.cause}.`, { file, fix: `${help.fix}${perfplanFix}`, exitCode: ExitCode.usage, cause });
  }
  return new PerfplanError('config/load-failed', `Could not load config file ${file}: ${detail}`, {
    file,
    fix: `Fix the error in ${path.basename(file)} (perfplan reads ${SUPPORTED_FORMATS}).`,
    exitCode: ExitCode.usage,
    cause,
  });
}

function checkConfigFileExists(file: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat === undefined || stat.isDirectory()) {
    const what = stat === undefined ? 'does not exist' : 'is a folder, not a file';
    throw new PerfplanError('config/not-found', `Config file ${file} ${what}.`, {
      file,
      fix: `Check the --config path, or omit --config to search the current folder for ${SUPPORTED_FORMATS}.`,
      exitCode: ExitCode.usage,
    });
  }
}

async function findConfig({ cwd, configFile }: { cwd: string; configFile?: string }) {
  const explorer = createExplorer();
  try {
    return configFile === undefined ? await explorer.search(cwd) : await explorer.load(configFile);
  } catch (error) {
    if (error instanceof ConfigFileLoadError) throw loadFailed(error.filepath, error.message, error.original);
    const file = (error as { filepath?: string }).filepath ?? configFile ?? cwd;
    throw loadFailed(file, underlyingMessage(error), error);
  }
}

/** A config module exports the object, or a function (sync or async) that returns it. */
async function evaluateExport({ value, file, cwd }: { value: unknown; file: string; cwd: string }): Promise<unknown> {
  if (typeof value !== 'function') return value;
  try {
    return await (value as Extract<UserConfigExport, (...args: never[]) => unknown>)({ cwd });
  } catch (error) {
    throw loadFailed(file, `the exported config function threw: ${underlyingMessage(error)}`, error);
  }
}

/**
 * Loads the config: exactly `configFile` when given (relative to `cwd`), else the first of
 * CONFIG_SEARCH_PLACES in `cwd` itself. No config file gives the defaults.
 */
export async function loadConfig({ cwd, configFile }: { cwd: string; configFile?: string }): Promise<ResolvedConfig> {
  const absoluteCwd = path.resolve(cwd);
  const explicitFile = configFile === undefined ? undefined : path.resolve(absoluteCwd, configFile);
  if (explicitFile !== undefined) checkConfigFileExists(explicitFile);

  const result = await findConfig({ cwd: absoluteCwd, configFile: explicitFile });
  if (result === null) return resolveConfig({ config: {}, rootDir: absoluteCwd });

  const file = path.resolve(result.filepath);
  const isModule = MODULE_EXTENSIONS.has(path.extname(file).toLowerCase());
  if (result.isEmpty && isModule) {
    throw loadFailed(file, 'the module has no default export', undefined);
  }
  const value = await evaluateExport({ value: result.isEmpty ? {} : result.config, file, cwd: absoluteCwd });
  const config = validateConfig({ config: value, file });
  return resolveConfig({ config, rootDir: path.dirname(file), configFile: file });
}
