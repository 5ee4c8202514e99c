import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PluginOptionsSpec } from '../plugin-api/types.js';
import { joinKeyPath, pointerToKeyPath, type ConfigProblem } from './config-problem.js';
import { describeValue } from './describe-value.js';
import { firstPerPath, problemFromAjvError } from './validate.js';

/** Compiled option schemas by schema object: each plugin's schema is compiled once per process. */
const compiled = new WeakMap<object, ValidateFunction | Error>();
let ajv: Ajv | undefined;

function validatorOf(schema: Record<string, unknown> | boolean): ValidateFunction | Error {
  const key = typeof schema === 'boolean' ? (schema ? TRUE : FALSE) : schema;
  const known = compiled.get(key);
  if (known !== undefined) return known;
  // Not strict: a plugin's schema may carry keywords of its own (x-..., documentation).
  ajv ??= new Ajv({ allErrors: true, verbose: true, strict: false });
  let result: ValidateFunction | Error;
  try {
    result = ajv.compile(schema);
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(key, result);
  return result;
}
const TRUE = {};
const FALSE = {};

/** The options a plugin runs with: its declared defaults, then what the config sets. */
export function resolvePluginOptions(spec: PluginOptionsSpec<any> | undefined, configured: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return { ...(spec?.defaults ?? {}), ...(configured ?? {}) };
}

const OWN_MESSAGES = new Set(['additionalProperties', 'required', 'type', 'enum']);

function problemOf(error: ErrorObject): ConfigProblem {
  if (OWN_MESSAGES.has(error.keyword)) return problemFromAjvError(error);
  return { path: pointerToKeyPath(error.instancePath), message: `${error.message ?? 'is not valid'}, got ${describeValue(error.data)}` };
}

/**
 * What is wrong with the options a plugin would run with, each under its config key
 * (`renderOptions.acme.retries`); `schemaError` when the plugin's own schema does not compile.
 */
export function pluginOptionsProblems(input: {
  spec: PluginOptionsSpec<any>;
  configured: Readonly<Record<string, unknown>> | undefined;
  /** The config key of the plugin's options: `renderOptions.acme`. */
  key: string;
}): { problems: ConfigProblem[]; schemaError?: string } {
  const validate = validatorOf(input.spec.schema);
  if (validate instanceof Error) return { problems: [], schemaError: validate.message };
  if (validate(resolvePluginOptions(input.spec, input.configured))) return { problems: [] };
  const problems = firstPerPath((validate.errors ?? []).map(problemOf));
  return { problems: problems.map((problem) => ({ ...problem, path: problem.path === '' ? input.key : joinKeyPath(input.key, problem.path) })) };
}
