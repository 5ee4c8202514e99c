import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve as resolveImport } from 'import-meta-resolve';
import { ExitCode, PerfplanError } from '../errors/index.js';
import type { PerfplanPlugin } from '../plugin-api/types.js';
import { formatProblem, type ConfigProblem } from './config-problem.js';
import { underlyingMessage } from './error-text.js';
import { importModule } from './import-module.js';
import { missingPackage, missingPackageHelp } from './missing-import.js';
import { isPackageName, isPathSpecifier, packageNameOf, pluginPackageCandidates } from './plugin-names.js';
import { resolvePluginPath } from './plugin-path.js';
import { checkPluginShape } from './plugin-shape.js';

export interface ResolvedPluginSpecifier {
  /** `file:` URL of the module to import. */
  url: string;
  /** The candidate that resolved: a package name (`perfplan-plugin-csv`) or the absolute file path. */
  resolvedFrom: string;
  /** Every candidate tried, in order, up to and including the one that resolved. */
  candidates: string[];
  kind: 'package' | 'path';
}

/** `dir/node_modules` for `dir` and each folder above it: where Node looks for a bare name. */
export function nodeModulesSearchDirs(fromDir: string): string[] {
  const dirs: string[] = [];
  let dir = path.resolve(fromDir);
  for (;;) {
    if (path.basename(dir) !== 'node_modules') dirs.push(path.join(dir, 'node_modules'));
    const parent = path.dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

function pluginError(code: string, message: string, fix: string, extra: { cause?: unknown; file?: string } = {}): PerfplanError {
  return new PerfplanError(code, message, { fix, exitCode: ExitCode.usage, ...extra });
}

function resolveAsPath(name: string, fromDir: string): ResolvedPluginSpecifier {
  const { file, tried } = resolvePluginPath({ name, fromDir });
  if (file !== undefined) return { url: pathToFileURL(file).href, resolvedFrom: file, candidates: tried, kind: 'path' };
  throw pluginError(
    'plugin/not-found',
    [`Plugin "${name}" not found: no file at any of (relative to ${fromDir}):`, ...tried.map((t) => `  - ${t}`)].join('\n'),
    `Check the path; relative plugin paths resolve against the config file's folder (${fromDir}).`,
  );
}

/** Resolves one package name the way `import` from a module in `fromDir` would; undefined when absent. */
function resolvePackage(candidate: string, fromDir: string, searchDirs: string[]): string | undefined {
  if (isBuiltin(candidate)) return undefined;
  const parentUrl = pathToFileURL(path.join(fromDir, '__perfplan_plugin_resolution__.js')).href;
  try {
    return resolveImport(candidate, parentUrl);
  } catch (error) {
    const installed = searchDirs.find((dir) => fs.existsSync(path.join(dir, packageNameOf(candidate), 'package.json')));
    if (installed === undefined) return undefined;
    // The package is there but Node cannot import it (bad `exports`/`main`): say so, do not skip it.
    throw pluginError(
      'plugin/invalid',
      `Plugin package "${candidate}" is installed in ${installed} but cannot be imported: ${underlyingMessage(error)}`,
      `Check the "exports"/"main" fields of ${path.join(installed, packageNameOf(candidate), 'package.json')}.`,
      { cause: error, file: path.join(installed, packageNameOf(candidate), 'package.json') },
    );
  }
}

function resolveAsPackage(name: string, fromDir: string): ResolvedPluginSpecifier {
  const candidates = pluginPackageCandidates(name);
  const searchDirs = nodeModulesSearchDirs(fromDir);
  for (const [index, candidate] of candidates.entries()) {
    const url = resolvePackage(candidate, fromDir, searchDirs);
    if (url !== undefined) {
      return { url, resolvedFrom: candidate, candidates: candidates.slice(0, index + 1), kind: 'package' };
    }
  }
  throw pluginError(
    'plugin/not-found',
    [
      `Plugin "${name}" not found. Tried these packages:`,
      ...candidates.map((candidate) => `  - ${candidate}`),
      'in these folders:',
      ...searchDirs.map((dir) => `  - ${dir}`),
    ].join('\n'),
    `Install it in the project: npm install --save-dev ${candidates[0]} (a global install is not searched; for a local folder, npm install --save-dev ./folder or a path starting with ./), or fix the name.`,
  );
}

/**
 * Finds the module for a `plugins` entry: a path (relative to `fromDir`, the config file's folder),
 * or a plugin name tried as several package names (see pluginPackageCandidates) from `fromDir`'s
 * node_modules upwards, as Node resolves an import.
 */
export async function resolvePluginSpecifier({
  name,
  fromDir,
}: {
  name: string;
  fromDir: string;
}): Promise<ResolvedPluginSpecifier> {
  const dir = path.resolve(fromDir);
  if (isPathSpecifier(name)) return resolveAsPath(name, dir);
  if (!isPackageName(name)) {
    throw pluginError(
      'plugin/invalid-name',
      `Plugin "${name}" is neither an npm package name nor a path.`,
      'Use a package name (csv, perfplan-plugin-csv, @acme/perfplan-plugin-csv) or a path starting with ./ or ../.',
    );
  }
  return resolveAsPackage(name, dir);
}

function toPortable(file: string): string {
  return file.split(path.sep).join('/');
}

/** `perfplan-plugin-csv (node_modules/perfplan-plugin-csv/index.js)` or `./org/standard.js`. */
function describeSource(resolved: ResolvedPluginSpecifier, fromDir: string): string {
  const file = fileURLToPath(resolved.url);
  const relative = path.relative(fromDir, file);
  const shown = path.isAbsolute(relative) ? file : toPortable(relative.startsWith('..') ? relative : `./${relative}`);
  if (resolved.kind === 'path') return shown;
  return `${resolved.resolvedFrom} (${shown.replace(/^\.\//, '')})`;
}

const EXPECTED_EXPORTS =
  'a plugin module must `export default` a plugin (made with defineRenderer, defineAnalyzer, defineProfileStrategy, defineResultReader or defineContainerModule), `export default [plugin, ...]`, or `export const plugins = [plugin, ...]`';

interface PluginExport {
  /** Labels for messages: `default`, `plugins[1]`. */
  entries: Array<{ label: string; value: unknown }>;
  exportName: string;
}

function pluginExport(value: unknown, exportName: string): PluginExport {
  const entries = Array.isArray(value)
    ? value.map((item, index) => ({ label: `${exportName}[${index}]`, value: item as unknown }))
    : [{ label: exportName, value }];
  return { entries, exportName };
}

/** The plugins a module exports and under which export name, or undefined when it exports none. */
function exportedPlugins(mod: Record<string, unknown>): PluginExport | undefined {
  const fromDefault = mod.default;
  if (Array.isArray(fromDefault)) return pluginExport(fromDefault, 'default');
  if (fromDefault !== null && typeof fromDefault === 'object') {
    const object = fromDefault as Record<string, unknown>;
    // CommonJS `module.exports = { plugins }` arrives as the default export.
    if ('plugins' in object && !('kind' in object)) return pluginExport(object.plugins, 'default.plugins');
    return pluginExport(object, 'default');
  }
  if ('plugins' in mod) return pluginExport(mod.plugins, 'plugins');
  return undefined;
}

function invalidModule({ source, file, detail }: { source: string; file: string; detail: string }): PerfplanError {
  return pluginError('plugin/invalid', `Plugin module ${source} ${detail}`, `Fix the module: ${EXPECTED_EXPORTS}.`, { file });
}

function describeExports(mod: Record<string, unknown>): string {
  if (typeof mod.default === 'function') {
    return 'its default export is a function; export the plugin object itself (call the factory in the module)';
  }
  const names = Object.keys(mod).sort();
  return `it exports ${names.length === 0 ? 'nothing' : names.map((name) => `\`${name}\``).join(', ')}`;
}

/** Resolves, imports and shape-checks a plugin module; `source` says where it came from, for `perfplan plugins`. */
export async function loadPluginModule({
  specifier,
  fromDir,
}: {
  specifier: string;
  fromDir: string;
}): Promise<{ plugins: PerfplanPlugin[]; source: string }> {
  const dir = path.resolve(fromDir);
  const resolved = await resolvePluginSpecifier({ name: specifier, fromDir: dir });
  const source = describeSource(resolved, dir);
  const file = fileURLToPath(resolved.url);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (error) {
    const missing = missingPackage(error);
    if (missing !== undefined) {
      const help = missingPackageHelp({ pkg: missing, dir: path.dirname(file), what: `The plugin module ${source}` });
      throw pluginError('plugin/missing-dependency', `Could not load plugin "${specifier}": ${help.cause}.`, help.fix, { cause: error, file });
    }
    throw pluginError(
      'plugin/load-failed',
      `Could not load plugin module ${source}: ${underlyingMessage(error)}`,
      `Fix the error in ${file}, or remove "${specifier}" from \`plugins\`.`,
      { cause: error, file },
    );
  }
  const exported = exportedPlugins(mod);
  if (exported === undefined) {
    throw invalidModule({ source, file, detail: `exports no plugins (${describeExports(mod)}).` });
  }
  if (exported.entries.length === 0) {
    throw invalidModule({ source, file, detail: `exports an empty list of plugins (\`${exported.exportName}\`).` });
  }
  const problems: ConfigProblem[] = exported.entries.flatMap(({ label, value }) => checkPluginShape(value, label));
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    throw invalidModule({ source, file, detail: ['exports something that is not a valid plugin:', ...lines].join('\n') });
  }
  return { plugins: exported.entries.map(({ value }) => value as PerfplanPlugin), source };
}
