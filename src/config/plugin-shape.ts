import { TEST_TYPES } from '../model/index.js';
import type { PerfplanPlugin } from '../plugin-api/types.js';
import { joinKeyPath, type ConfigProblem } from './config-problem.js';
import { describeValue } from './describe-value.js';

/** The function each plugin kind must have. */
const REQUIRED_METHOD = { analyzer: 'analyze', profile: 'plan', renderer: 'render', 'result-reader': 'readResults', container: 'load' } as const;
type Kind = keyof typeof REQUIRED_METHOD;
const KINDS = Object.keys(REQUIRED_METHOD) as Kind[];

const OPTIONAL_METHODS: Record<Kind, readonly string[]> = {
  analyzer: [],
  profile: [],
  renderer: ['supports', 'instructions', 'readResults'],
  'result-reader': [],
  container: [],
};

function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as string[]).includes(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A plugin's `options`: `{ schema, defaults? }`, the schema a JSON Schema object (or boolean). */
function optionsSpecProblems(value: unknown, path: string, label: string): ConfigProblem[] {
  if (!isPlainObject(value)) return [{ path, message: `expected { schema, defaults? }, got ${describeValue(value)}${label}` }];
  const problems: ConfigProblem[] = [];
  if (!isPlainObject(value.schema) && typeof value.schema !== 'boolean') {
    problems.push({ path: joinKeyPath(path, 'schema'), message: `expected a JSON Schema object, got ${describeValue(value.schema)}${label}` });
  }
  if (value.defaults !== undefined && !isPlainObject(value.defaults)) {
    problems.push({ path: joinKeyPath(path, 'defaults'), message: `expected an object of option values, got ${describeValue(value.defaults)}${label}` });
  }
  return problems;
}

/**
 * Problems with a value that should be a plugin object, each under `path` (`plugins[2]`).
 * Empty when the value has the shape of an analyzer, profile strategy or renderer.
 */
export function checkPluginShape(value: unknown, path: string): ConfigProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [
      {
        path,
        message: `expected a plugin object (from defineAnalyzer, defineProfileStrategy, defineRenderer, defineResultReader or defineContainerModule), got ${describeValue(value)}`,
      },
    ];
  }
  const plugin = value as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const at = (key: string): string => joinKeyPath(path, key);
  const label = typeof plugin.name === 'string' ? ` (plugin "${plugin.name}")` : '';

  if (typeof plugin.name !== 'string' || plugin.name.trim() === '') {
    problems.push({ path: at('name'), message: `expected a non-empty string, got ${describeValue(plugin.name)}` });
  }
  if (!isKind(plugin.kind)) {
    problems.push({
      path: at('kind'),
      message: `expected one of ${KINDS.map((k) => `"${k}"`).join(', ')}, got ${describeValue(plugin.kind)}${label}`,
    });
    return problems;
  }
  const kind = plugin.kind;
  const method = REQUIRED_METHOD[kind];
  if (typeof plugin[method] !== 'function') {
    problems.push({
      path: at(method),
      message: `a ${kind} plugin must have a function \`${method}\`, got ${describeValue(plugin[method])}${label}`,
    });
  }
  for (const optional of OPTIONAL_METHODS[kind]) {
    if (plugin[optional] !== undefined && typeof plugin[optional] !== 'function') {
      problems.push({ path: at(optional), message: `expected a function, got ${describeValue(plugin[optional])}${label}` });
    }
  }
  if (plugin.description !== undefined && typeof plugin.description !== 'string') {
    problems.push({ path: at('description'), message: `expected a string, got ${describeValue(plugin.description)}${label}` });
  }
  if ((kind === 'renderer' || kind === 'result-reader') && plugin.resultsFile !== undefined && typeof plugin.resultsFile !== 'string') {
    problems.push({ path: at('resultsFile'), message: `expected a string, got ${describeValue(plugin.resultsFile)}${label}` });
  }
  if (kind === 'renderer' && plugin.templatesDir !== undefined) {
    const dir = plugin.templatesDir;
    if (typeof dir !== 'string' && !(dir instanceof URL)) {
      problems.push({ path: at('templatesDir'), message: `expected a path or file: URL, got ${describeValue(dir)}${label}` });
    }
  }
  if (kind === 'profile') problems.push(...scopeProblems(plugin.appliesTo, at('appliesTo'), label));
  if (kind === 'profile' && plugin.readsOptions !== undefined && typeof plugin.readsOptions !== 'boolean') {
    problems.push({ path: at('readsOptions'), message: `expected a boolean, got ${describeValue(plugin.readsOptions)}${label}` });
  }
  if ((kind === 'renderer' || kind === 'analyzer') && plugin.options !== undefined) problems.push(...optionsSpecProblems(plugin.options, at('options'), label));
  if (kind === 'profile' && plugin.defaults !== undefined) {
    const defaults = plugin.defaults;
    if (defaults === null || typeof defaults !== 'object' || Array.isArray(defaults)) {
      problems.push({ path: at('defaults'), message: `expected an object of profile options, got ${describeValue(defaults)}${label}` });
    }
  }
  return problems;
}

const CATEGORIES: readonly string[] = ['standard', 'critical', 'data_intensive'];

function stringList(value: unknown, allowed?: readonly string[]): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '' && (allowed === undefined || allowed.includes(item)));
}

/** A strategy's `appliesTo`: the same selectors config `routing` takes, and `match`. */
function scopeProblems(scope: unknown, path: string, label: string): ConfigProblem[] {
  if (scope === undefined) return [];
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) {
    return [{ path, message: `expected an object with any of testType, categories, tags, operations, match, got ${describeValue(scope)}${label}` }];
  }
  const fields = scope as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const at = (key: string): string => joinKeyPath(path, key);
  if (fields.testType !== undefined && !(TEST_TYPES as readonly unknown[]).includes(fields.testType)) {
    problems.push({ path: at('testType'), message: `expected one of ${TEST_TYPES.join(', ')}, got ${describeValue(fields.testType)}${label}` });
  }
  if (fields.categories !== undefined && !stringList(fields.categories, CATEGORIES)) {
    problems.push({ path: at('categories'), message: `expected a list of ${CATEGORIES.join(', ')}, got ${describeValue(fields.categories)}${label}` });
  }
  for (const key of ['tags', 'operations']) {
    if (fields[key] !== undefined && !stringList(fields[key])) problems.push({ path: at(key), message: `expected a list of non-empty strings, got ${describeValue(fields[key])}${label}` });
  }
  if (fields.match !== undefined && typeof fields.match !== 'function') {
    problems.push({ path: at('match'), message: `expected a function, got ${describeValue(fields.match)}${label}` });
  }
  return problems;
}

export function isPluginShaped(value: unknown): value is PerfplanPlugin {
  return checkPluginShape(value, '').length === 0;
}

/** Problems with one `plugins` entry: a name/path string, a plugin object, or an array of plugin objects. */
export function checkPluginEntry(entry: unknown, path: string): ConfigProblem[] {
  if (typeof entry === 'string') {
    return entry.trim() === '' ? [{ path, message: 'expected a package name or a path, got an empty string' }] : [];
  }
  if (Array.isArray(entry)) return entry.flatMap((item, index) => checkPluginShape(item, joinKeyPath(path, index)));
  if (entry === null || typeof entry !== 'object') {
    return [{ path, message: `expected a package name, a path, or a plugin object, got ${describeValue(entry)}` }];
  }
  return checkPluginShape(entry, path);
}
