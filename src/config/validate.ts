import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { USER_CONFIG_SCHEMA } from './config-schema.js';
import { formatProblem, joinKeyPath, pointerToKeyPath, type ConfigProblem } from './config-problem.js';
import { describeValue } from './describe-value.js';
import { checkPluginEntry } from './plugin-shape.js';
import { nearestName } from './suggest.js';
import type { UserConfig } from './types.js';
import { plural } from '../plugin-api/plural.js';

let compiled: ValidateFunction | undefined;

/**
 * The config schema's validator, compiled on first use: a run without a config file never pays
 * for it. The schema is ours and fixed, so ajv does not check it against the meta-schema each
 * run (a test does, once).
 */
function configValidator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, validateSchema: false });
  ajv.addVocabulary(['x-expected']);
  return (compiled = ajv.compile(USER_CONFIG_SCHEMA));
}

function expectedOf(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as { 'x-expected'?: string; type?: string };
  return schema['x-expected'] ?? schema.type ?? 'a valid value';
}

export function problemFromAjvError(error: ErrorObject): ConfigProblem {
  const path = pointerToKeyPath(error.instancePath);
  const got = describeValue(error.data);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const suggestion = nearestName(key, allowed);
      const hint = suggestion === undefined ? '.' : `; did you mean \`${suggestion}\`?`;
      return { path: joinKeyPath(path, key), message: `unknown key${hint} Allowed keys: ${allowed.join(', ')}` };
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      return { path: joinKeyPath(path, key), message: 'is required but missing' };
    }
    case 'type':
      if (path === '') return { path, message: `the config must be an object, got ${got}` };
      return { path, message: `expected ${expectedOf(error)}, got ${got}` };
    case 'enum':
      return {
        path,
        message: `expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`,
      };
    case 'minItems':
      return { path, message: `expected at least ${plural(Number(error.params.limit), 'item')}, got ${(error.data as unknown[]).length}` };
    case 'uniqueItems': {
      const [first, second] = [Number(error.params.i), Number(error.params.j)].sort((a, b) => a - b);
      return { path, message: `items [${first}] and [${second}] are duplicates; list each value once` };
    }
    default:
      return { path, message: `expected ${expectedOf(error)}, got ${got}` };
  }
}

/** One problem per key path: several schema keywords failing on one value say the same thing. */
export function firstPerPath(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    if (seen.has(problem.path)) return false;
    seen.add(problem.path);
    return true;
  });
}

/** Every problem with a loaded config value; empty when it is a valid `UserConfig`. */
export function checkConfig(config: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const validateConfigSchema = configValidator();
  if (!validateConfigSchema(config)) problems.push(...(validateConfigSchema.errors ?? []).map(problemFromAjvError));
  const output = (config as { output?: unknown } | null)?.output;
  if (typeof output === 'string' && output.startsWith('~')) {
    // A shell expands ~ before perfplan sees it; nothing does in a config file.
    problems.push({ path: 'output', message: `${JSON.stringify(output)} starts with "~", which nothing expands in a config file: perfplan would create a folder named "~". Write the path relative to the config file, or in full` });
  }
  const plugins = (config as { plugins?: unknown } | null)?.plugins;
  if (Array.isArray(plugins)) {
    plugins.forEach((entry, index) => problems.push(...checkPluginEntry(entry, joinKeyPath('plugins', index))));
  }
  return firstPerPath(problems);
}

/** Returns the config typed, or throws `config/invalid` listing every problem. */
export function validateConfig({ config, file }: { config: unknown; file?: string }): UserConfig {
  const problems = checkConfig(config);
  if (problems.length === 0) return config as UserConfig;
  const where = file === undefined ? 'perfplan config' : `perfplan config ${file}`;
  const count = plural(problems.length, 'problem');
  const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
  throw new PerfplanError('config/invalid', [`Invalid ${where} (${count}):`, ...lines].join('\n'), {
    file,
    pointer: problems[0].path,
    fix:
      'Correct the keys listed above. Writing the config as perfplan.config.ts with `defineConfig` from `perfplan` lets your editor check it as you type.',
    exitCode: ExitCode.usage,
  });
}
