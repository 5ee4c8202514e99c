import { RUN_SEED_ENV, type Analysis, type ApiModel, type DataPlan, type EnvironmentVariable, type RequestTemplate } from '../../model/index.js';
import type { SynthesisLimits } from '../limits.js';
import { PLACEHOLDER_JWT, REQUEST_JWT_ENV } from '../jwt.js';
import { hashString } from '../prng.js';
import { validatorFor } from '../validator.js';
import { FeederColumns } from './feeder-columns.js';
import { LoginCredentials } from './login-credentials.js';
import { requestVariations } from './request-variations.js';
import { MAX_RUN_SEED } from './varied-values.js';

/** How request data varies (config `data`); each has a default. */
export interface DataOptions {
  /** The run seed's default; derived from the API's title and version when unset. */
  seed?: number;
  /** Rows of the feeder (default 100). */
  rows?: number;
  /** Bytes of each uploaded file (default 1 MiB), at most the body size limit. */
  uploadBytes?: number;
  /** Items of a bulk body, at most (default 100). */
  bulkItems?: number;
}

export const DATA_DEFAULTS = { rows: 100, uploadBytes: 1_048_576, bulkItems: 100 } as const;
/** Feeder rows at most: the file every engine reads stays small. */
export const MAX_FEEDER_ROWS = 10_000;

/** A whole number within [min, max], else the default. */
function bounded(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/**
 * Decides what varies in every request (requestVariations) and builds the feeder. Returns the
 * requests with their variations, the data plan, and the environment variables the scripts read
 * for it (the run seed, login credentials); no data plan when nothing varies.
 */
export function planData(input: { model: ApiModel; analysis: Analysis; requests: readonly RequestTemplate[]; limits: SynthesisLimits; options?: DataOptions }): {
  requests: RequestTemplate[];
  data?: DataPlan;
  environment: EnvironmentVariable[];
} {
  const { model, limits } = input;
  const options = input.options ?? {};
  const rows = bounded(options.rows, DATA_DEFAULTS.rows, 1, MAX_FEEDER_ROWS);
  const uploadBytes = bounded(options.uploadBytes, DATA_DEFAULTS.uploadBytes, 1, limits.maxBodyBytes);
  const bulkItems = bounded(options.bulkItems, DATA_DEFAULTS.bulkItems, 1, limits.maxArrayItems);
  const seed = options.seed !== undefined && Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= MAX_RUN_SEED ? options.seed : hashString(`${model.title}\n${model.version}`);
  const columns = new FeederColumns(rows, validatorFor(model.document, 'request'));
  const credentials = new LoginCredentials();
  const operations = new Map(model.operations.map((operation) => [operation.id, operation] as const));
  const analyses = new Map(input.analysis.operations.map((operation) => [operation.operationId, operation] as const));
  const requests = input.requests.map((request) => {
    const operation = operations.get(request.operationId);
    if (operation === undefined) return request;
    return requestVariations({ request, operation, analysis: analyses.get(request.operationId), document: model.document, columns, credentials, limits, uploadBytes, bulkItems });
  });
  if (!requests.some((request) => (request.variations?.length ?? 0) > 0)) return { requests, environment: [] };
  const environment: EnvironmentVariable[] = [
    {
      name: RUN_SEED_ENV,
      description: 'Seed of the values that change every iteration (ids, names, emails, keys): a whole number below 2^32; give a run its own seed to send values no earlier run sent',
      required: false,
      secret: false,
      default: String(seed),
    },
    ...credentials.environment(),
    ...jwtEnvironment(requests),
  ];
  const used = new Set(requests.flatMap((request) => (request.variations ?? []).flatMap((variation) => ('column' in variation ? [variation.column] : []))));
  return { requests, data: { seed, rows, columns: columns.columns.filter((column) => used.has(column.name)), uploadBytes, bulkItems }, environment };
}

/** REQUEST_JWT, when some request sends a JWT body (see requestVariations). */
function jwtEnvironment(requests: readonly RequestTemplate[]): EnvironmentVariable[] {
  const users = requests.filter((request) => (request.variations ?? []).some((variation) => variation.kind === 'credential' && variation.env === REQUEST_JWT_ENV));
  if (users.length === 0) return [];
  const placeholders = users.every((request) => request.body?.value === PLACEHOLDER_JWT);
  return [
    {
      name: REQUEST_JWT_ENV,
      description:
        `A signed JWT, sent as the body of ${users.map((request) => request.operationId).join(', ')}; ` +
        "unset: the spec's example, else perfplan's unsigned placeholder (fixed claims, dummy signature), which has a JWT's form for load tests but which a server that verifies signatures refuses",
      required: false,
      secret: true,
      ...(placeholders ? { default: PLACEHOLDER_JWT } : {}),
    },
  ];
}
