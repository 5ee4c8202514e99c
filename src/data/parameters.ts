import type { Diagnostic, JsonValue, OperationModel, ParameterModel, RequestParameter } from '../model/index.js';
import { deepObjectValue, rebuiltWhenAbsent } from './deep-object.js';
import { dataDiagnostic } from './diagnostics.js';
import { exampleForSchema } from './example-for-schema.js';
import { withSecondItem, writesRepeatedKeys } from './repeated-keys.js';
import type { SynthesisLimits } from './limits.js';
import { isObject } from './schema-merge.js';
import { resolveShallow } from './synthesize.js';
import { validatorFor } from './validator.js';

/** Header parameters OpenAPI says to ignore: the engine sets them from the body and auth. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * Which parameters a request sends. A performance test should send what a real client
 * sends: every required parameter (all path parameters are required), and an optional
 * query/header/cookie parameter only when the spec gives it an example or a default,
 * i.e. the spec itself shows it in typical use. Optional parameters without one are left
 * out: inventing filters would change what the server does (and how fast). The exception is
 * a deepObject query parameter that a validating server rebuilds (and rejects) even when it is
 * absent: see deep-object.ts.
 */
export function selectedParameters(operation: OperationModel, document: Record<string, unknown>): ParameterModel[] {
  return operation.parameters.filter((parameter) => {
    if (!['path', 'query', 'header', 'cookie'].includes(parameter.in)) return false;
    if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) return false;
    if (parameter.required || parameter.in === 'path') return true;
    if (parameter.examples.length > 0) return true;
    if (parameter.in === 'query' && parameter.style === 'deepObject' && rebuiltWhenAbsent(document, parameter.schema)) return true;
    const schema = resolveShallow(document, parameter.schema);
    return schema !== undefined && (schema.example !== undefined || schema.default !== undefined || (Array.isArray(schema.examples) && schema.examples.length > 0));
  });
}

export interface ParameterValueInput {
  parameter: ParameterModel;
  document: Record<string, unknown>;
  report: (diagnostic: Diagnostic) => void;
  file?: string;
  /** Size limits of synthesized values. */
  limits?: SynthesisLimits;
  /** Told why, when the parameter has no value within the size limits. */
  unsupported?: (reason: string) => void;
}

/** The value sent for one parameter: its own example (when valid), else one from its schema. */
export function parameterValue(input: ParameterValueInput): JsonValue {
  const { parameter, document, report, file, limits } = input;
  const validator = validatorFor(document, 'request');
  let value: JsonValue | undefined;
  for (const [index, example] of parameter.examples.entries()) {
    const check = validator.validate(parameter.schema, example.value);
    if (check.status !== 'invalid') {
      value = example.value;
      break;
    }
    const where = example.pointer ?? (example.name === undefined ? `${parameter.pointer}/example` : `${parameter.pointer}/examples/${example.name}`);
    report(
      dataDiagnostic('exampleInvalid', {
        message: `Example ${index + 1} of ${parameter.in} parameter "${parameter.name}" does not match its schema: ${check.message}`,
        pointer: where,
        file,
      }),
    );
  }
  const tooLarge = (reason: string): void => input.unsupported?.(`${parameter.in} parameter "${parameter.name}": ${reason}`);
  value ??= exampleForSchema({ schema: parameter.schema, document, pointer: schemaPointerOf(parameter), report, direction: 'request', file, limits, tooLarge }) ?? 'example';
  return safeForLocation({ parameter, value: asWritten({ parameter, value, document, limits }), report, file });
}

function schemaPointerOf(parameter: ParameterModel): string {
  return parameter.schemaPointer ?? `${parameter.pointer}/schema`;
}

/** Adjusts a query value to how it is written on the wire (deepObject, repeated keys). */
function asWritten(input: { parameter: ParameterModel; value: JsonValue; document: Record<string, unknown>; limits?: SynthesisLimits }): JsonValue {
  const { parameter, value, document, limits } = input;
  if (parameter.in !== 'query') return value;
  const pointer = schemaPointerOf(parameter);
  if (parameter.style === 'deepObject') return deepObjectValue({ value, schema: parameter.schema, document, required: parameter.required, pointer, limits }) ?? value;
  if (writesRepeatedKeys(parameter.style, parameter.explode)) return withSecondItem({ value, schema: parameter.schema, document, pointer, limits });
  return value;
}

/** Path values must make a non-empty segment, header values a legal header (printable ASCII). */
function safeForLocation(input: { parameter: ParameterModel; value: JsonValue; report: (d: Diagnostic) => void; file?: string }): JsonValue {
  const { parameter, value } = input;
  const warn = (message: string): void => input.report(dataDiagnostic('unsafeValue', { message, pointer: parameter.pointer, file: input.file }));
  if (parameter.in === 'path' && (value === '' || value === '.' || value === '..' || value === null)) {
    warn(`Path parameter "${parameter.name}" would be ${JSON.stringify(value)}, which does not make a URL segment; perfplan sends "1"`);
    return '1';
  }
  if (parameter.in === 'header') return headerSafe(value, (bad) => warn(`Header parameter "${parameter.name}" value ${JSON.stringify(bad)} has characters a header cannot carry; they are replaced`));
  return value;
}

function headerSafe(value: JsonValue, warn: (bad: string) => void): JsonValue {
  const clean = (text: string): string => {
    if (/^[\x20-\x7e]*$/.test(text)) return text;
    warn(text);
    return text.replace(/[^\x20-\x7e]/g, '-');
  };
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? clean(item) : item));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? clean(item) : item]));
  return value;
}

/** The request parameters of an operation, in spec order. */
export function requestParameters(
  input: Omit<ParameterValueInput, 'parameter'> & { operation: OperationModel },
): RequestParameter[] {
  const { operation, ...context } = input;
  return selectedParameters(operation, input.document).flatMap((parameter) => {
    let tooLarge: string | undefined;
    const value = parameterValue({ ...context, parameter, unsupported: (reason) => (tooLarge = reason) });
    if (tooLarge !== undefined) {
      // An optional parameter with no value within the limits is left out (reported by synthesis).
      if (!parameter.required) return [];
      input.unsupported?.(tooLarge);
    }
    const entry: RequestParameter = { name: parameter.name, in: parameter.in, value };
    if (parameter.style !== undefined) entry.style = parameter.style;
    if (parameter.explode !== undefined) entry.explode = parameter.explode;
    return [entry];
  });
}
