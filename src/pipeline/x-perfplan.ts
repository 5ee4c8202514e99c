import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PerfplanError } from '../errors/index.js';
import { WEIGHT_LIMITS, type ApiModel, type OperationAnalysis } from '../model/index.js';

/** The per-operation `x-perfplan` extension: the strongest override there is. */
export interface XPerfplan {
  skip?: boolean;
  weight?: number;
  category?: OperationAnalysis['category'];
  /** Name of the profile strategy that plans this operation's load test. */
  profile?: string;
  slo?: { p95?: number; errorRate?: number; throughput?: number };
}

export const X_PERFPLAN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    skip: { type: 'boolean' },
    weight: { type: 'number', minimum: WEIGHT_LIMITS.min, maximum: WEIGHT_LIMITS.max },
    category: { enum: ['standard', 'critical', 'data_intensive'] },
    profile: { type: 'string', minLength: 1 },
    slo: {
      type: 'object',
      additionalProperties: false,
      properties: {
        p95: { type: 'number', exclusiveMinimum: 0, description: 'milliseconds' },
        errorRate: { type: 'number', minimum: 0, maximum: 1 },
        throughput: { type: 'number', minimum: 0, description: 'requests per second' },
      },
    },
  },
} as const;

let compiled: ValidateFunction<XPerfplan> | undefined;

/** Compiled on first use: most specs carry no `x-perfplan`. The schema is fixed; a test checks it against the meta-schema. */
function xPerfplanValidator(): ValidateFunction<XPerfplan> {
  return (compiled ??= new Ajv({ allErrors: true, validateSchema: false }).compile<XPerfplan>(X_PERFPLAN_SCHEMA));
}

const WEIGHT_RANGE = `a number from ${WEIGHT_LIMITS.min} to ${WEIGHT_LIMITS.max}`;

function describe(error: ErrorObject, value: unknown): string {
  if (error.instancePath === '/weight') {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
    return `weight ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown} is not ${WEIGHT_RANGE} (a relative weight: 2 runs twice as often as 1)`;
  }
  if (error.keyword === 'additionalProperties') {
    return `unknown key "${String(error.params.additionalProperty)}" (allowed: skip, weight, category, profile, slo{p95, errorRate, throughput})`;
  }
  if (error.keyword === 'enum') return `must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
  return error.message ?? 'is invalid';
}

/** Reads and checks every operation's `x-perfplan`; a value of the wrong type stops the run naming its pointer. */
export function readXPerfplan(model: ApiModel): Map<string, XPerfplan> {
  const found = new Map<string, XPerfplan>();
  const problems: string[] = [];
  let firstPointer: string | undefined;
  for (const operation of model.operations) {
    const value = operation.extensions['x-perfplan'];
    if (value === undefined) continue;
    const validate = xPerfplanValidator();
    if (validate(value)) {
      found.set(operation.id, value);
      continue;
    }
    const where = `operation ${operation.id} (${operation.method.toUpperCase()} ${operation.path})`;
    const weight = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).weight : undefined;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const pointer = `${operation.pointer}/x-perfplan${error.instancePath}`;
      const line = `${pointer} (${where}): ${describe(error, weight)}`;
      // A weight breaks one rule at a time, but ajv may name two (type and range): say it once.
      if (seen.has(line)) continue;
      seen.add(line);
      firstPointer ??= pointer;
      problems.push(line);
    }
  }
  if (problems.length > 0) {
    throw new PerfplanError('spec/x-perfplan-invalid', `Invalid x-perfplan extension in the spec:\n  ${problems.join('\n  ')}`, {
      file: model.sourceFile,
      pointer: firstPointer,
      fix: `x-perfplan takes { skip: boolean, weight: ${WEIGHT_RANGE}, category: standard|critical|data_intensive, profile: string, slo: { p95: ms, errorRate: 0..1, throughput: rps } }.`,
    });
  }
  return found;
}
