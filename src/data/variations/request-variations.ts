import type { JsonValue, MediaTypeModel, OperationAnalysis, OperationModel, ParameterModel, RequestParameter, RequestTemplate, ValueVariation, VariationLane } from '../../model/index.js';
import { isFileMarker } from '../../plugin-api/file-marker.js';
import { ownValue } from '../../openapi/own-keys.js';
import { exampleForSchema } from '../example-for-schema.js';
import { escapePointerToken } from '../json-pointer.js';
import type { SynthesisLimits } from '../limits.js';
import { bodyFormatOf } from '../body-formats.js';
import { isJwtMediaType, REQUEST_JWT_ENV } from '../jwt.js';
import { contentOfBody } from '../media-types.js';
import { isObject } from '../schema-merge.js';
import { isReadOnly, propertiesOf, schemaView } from '../schema-view.js';
import { validatorFor, type DocumentValidator } from '../validator.js';
import { variedRequest, type VariationContext } from './apply-variations.js';
import type { FeederColumns } from './feeder-columns.js';
import { credentialKind, fieldRole, isRequestKeyHeader } from './field-roles.js';
import { integerRange } from './integer-range.js';
import { isLoginOperation, type LoginCredentials } from './login-credentials.js';
import { bulkBody, fileVariations } from './sized-bodies.js';
import { MAX_RUN_SEED, variedUuid } from './varied-values.js';

export interface RequestVariationsInput {
  request: RequestTemplate;
  operation: OperationModel;
  analysis: OperationAnalysis | undefined;
  document: Record<string, unknown>;
  columns: FeederColumns;
  credentials: LoginCredentials;
  limits: SynthesisLimits;
  /** Bytes of an uploaded file. */
  uploadBytes: number;
  /** Items of a bulk body, at most. */
  bulkItems: number;
}

/** A value the request sends, with the schema it must stay valid for. */
interface Field {
  target: string;
  name: string;
  value: JsonValue | undefined;
  schema: unknown;
  lane?: VariationLane;
}

/**
 * The request with what varies per virtual user and iteration decided (`variations`): login
 * credentials from the environment; on write operations, ids, identifying names, emails and
 * UUIDs of the path, query and top-level body fields (each item's of a bulk body); a fresh
 * request key in idempotency-key and request-id headers of any operation; uploads at their
 * planned size and bulk bodies at their planned item count. Every decision keeps the request
 * valid for its schemas: a field varies only when sample values of its scheme validate, and the
 * body's variations are dropped when a varied body does not.
 */
export function requestVariations(input: RequestVariationsInput): RequestTemplate {
  const { operation, analysis, document } = input;
  const validator = validatorFor(document, 'request');
  const request: RequestTemplate = { ...input.request, parameters: input.request.parameters.map((parameter) => ({ ...parameter })) };
  const content = operation.requestBody === undefined ? undefined : contentOfBody(operation.requestBody.contents, request.body?.mediaType);
  const variations: ValueVariation[] = [];
  const taken = new Set<string>();
  const add = (variation: ValueVariation) => {
    if (taken.has(variation.target)) return;
    taken.add(variation.target);
    variations.push(variation);
  };

  const login = isLoginOperation(operation, analysis);
  if (login) for (const variation of loginVariations(input, request, content, validator)) add(variation);
  // A login's credentials are the user's, never made unique (even when they cannot come from the environment).
  const credential = (field: Field) => login && credentialKind(field.name) !== undefined;

  if (analysis?.dataIntensive?.category === 'bulk_operation' && request.body !== undefined && content !== undefined) {
    const items = bulkBody({ value: request.body.value, schema: schemaView(document, content.schema), wanted: input.bulkItems, limits: input.limits });
    if (items !== undefined && validator.validate(content.schema, items).status !== 'invalid' && fitsFormat(request.body.mediaType, items)) request.body = { ...request.body, value: items };
  }

  const bodyVariations: ValueVariation[] = [];
  if (analysis?.kind === 'write') {
    for (const field of parameterFields(request, operation)) {
      const variation = credential(field) ? undefined : fieldVariation(input, field, validator);
      if (variation) add(variation);
    }
    for (const field of bodyFields(request, content, document)) {
      const variation = taken.has(field.target) || credential(field) ? undefined : fieldVariation(input, field, validator);
      if (variation) bodyVariations.push(variation);
    }
  }
  if (bodyVariations.length > 0 && content !== undefined && bodyStaysValid({ ...request, variations: bodyVariations }, content, input.columns, validator)) {
    for (const variation of bodyVariations) add(variation);
  }

  for (const variation of requestKeyVariations(request, operation, document, validator)) add(variation);

  // A JWT body: a signed token from the environment, else the plan's (a placeholder unless the spec gives one).
  if (request.body !== undefined && isJwtMediaType(request.body.mediaType) && typeof request.body.value === 'string') {
    add({ target: 'body', kind: 'credential', env: REQUEST_JWT_ENV });
  }

  if (analysis?.dataIntensive?.category === 'file_upload' && request.body !== undefined) {
    const bytes = Math.max(1, Math.min(input.uploadBytes, input.limits.maxBodyBytes));
    for (const variation of fileVariations(request.body.value, bytes)) add(variation);
  }

  if (variations.length > 0) request.variations = variations;
  return request;
}

function parameterModel(operation: OperationModel, parameter: RequestParameter): ParameterModel | undefined {
  return operation.parameters.find((candidate) => candidate.in === parameter.in && candidate.name === parameter.name);
}

/** Path and query parameters, with their schemas. */
function parameterFields(request: RequestTemplate, operation: OperationModel): Field[] {
  return request.parameters
    .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
    .map((parameter) => ({ target: `${parameter.in}.${parameter.name}`, name: parameter.name, value: parameter.value, schema: parameterModel(operation, parameter)?.schema }));
}

/** Top-level fields of an object body, and of each object item of an array body (each in its lane). */
function bodyFields(request: RequestTemplate, content: MediaTypeModel | undefined, document: Record<string, unknown>): Field[] {
  const value = request.body?.value;
  if (content === undefined || value === undefined) return [];
  const view = schemaView(document, content.schema);
  if (Array.isArray(value)) {
    const items = view === undefined ? undefined : view.items;
    const itemView = schemaView(document, items);
    return value.flatMap((item, index) => objectFields(item, itemView, document, `/${index}`, { index, of: value.length }));
  }
  return objectFields(value, view, document, '');
}

function objectFields(value: JsonValue, view: Record<string, unknown> | undefined, document: Record<string, unknown>, prefix: string, lane?: VariationLane): Field[] {
  if (!isObject(value) || isFileMarker(value)) return [];
  const properties = view === undefined ? {} : propertiesOf(view);
  return Object.entries(value).flatMap(([name, field]) => {
    const schema = ownValue(properties, name);
    if (schema !== undefined && isReadOnly(document, schema)) return [];
    return [{ target: `body#${prefix}/${escapePointerToken(name)}`, name, value: field, schema, ...(lane ? { lane } : {}) }];
  });
}

/** How a field varies by its role, when sample values of that scheme are valid for its schema. */
function fieldVariation(input: RequestVariationsInput, field: Field, validator: DocumentValidator): ValueVariation | undefined {
  const view = schemaView(input.document, field.schema);
  const role = fieldRole(field.name, view, field.value);
  if (role === undefined) return undefined;
  const lane = field.lane ? { lane: field.lane } : {};
  const valid = (value: JsonValue) => validator.validate(field.schema, value).status === 'valid';
  switch (role.role) {
    case 'id': {
      const range = integerRange(view);
      if (range === undefined || !valid(range.min) || !valid(range.min + range.step * (range.count - 1))) return undefined;
      return { target: field.target, kind: 'integer', ...range, ...lane };
    }
    case 'uuid':
      if (![variedUuid(0, 0), variedUuid(MAX_RUN_SEED, 2 ** 48 - 1)].every(valid)) return undefined;
      return { target: field.target, kind: 'uuid', ...lane };
    case 'email':
    case 'text': {
      const kind = role.role === 'email' ? 'email' : 'string';
      const maxLength = typeof view?.maxLength === 'number' ? Math.floor(view.maxLength) : undefined;
      const style = role.role === 'text' ? role.style : 'username';
      const column = input.columns.columnFor({ kind, style, base: field.value as string, schema: field.schema, maxLength, usedBy: `${input.request.operationId} ${field.lane ? `body#/*/${escapePointerToken(field.name)}` : field.target}` });
      if (column === undefined) return undefined;
      return { target: field.target, kind, column: column.column, width: column.width, ...lane };
    }
  }
}

/**
 * The body, varied with the first and the last values of each scheme (feeder row 0), is valid
 * for its schema: fields checked one by one can still break a rule of the whole body.
 */
function bodyStaysValid(request: RequestTemplate, content: MediaTypeModel, columns: FeederColumns, validator: DocumentValidator): boolean {
  const row = (column: string) => columns.columns.find((candidate) => candidate.name === column)?.values[0];
  const samples: VariationContext[] = [
    { seed: 0, iteration: 0, requestIndex: 0, row, env: () => undefined },
    { seed: MAX_RUN_SEED, iteration: 2 ** 32 - 1, requestIndex: 1, row, env: () => undefined },
  ];
  return samples.every((context) => {
    const body = variedRequest(request, context).body;
    return validator.validate(content.schema, body).status !== 'invalid' && fitsFormat(request.body?.mediaType, body);
  });
}

/** A varied body still fits its media type's grammar (a JSON Patch stays one). */
function fitsFormat(mediaType: string | undefined, value: JsonValue | undefined): boolean {
  const format = mediaType === undefined ? undefined : bodyFormatOf(mediaType);
  return format === undefined || (value !== undefined && format.problem(value, { textSchema: typeof value === 'string' }) === undefined);
}

/**
 * Credentials of a login operation: query parameters and top-level body fields named like a
 * user name, email, password, one-time code or secret are sent (optional ones too: a login
 * needs them) from LOGIN_* environment variables, defaulting to the spec's example.
 */
function loginVariations(input: RequestVariationsInput, request: RequestTemplate, content: MediaTypeModel | undefined, validator: DocumentValidator): ValueVariation[] {
  const { operation, document } = input;
  const out: ValueVariation[] = [];
  // Registered once the request keeps them: a variable is documented only when some request reads it.
  const registrations: Array<{ target: string; register: () => void }> = [];
  const use = (target: string, name: string, value: JsonValue | undefined, schema: unknown, set: (value: string) => void) => {
    const kind = credentialKind(name);
    if (kind === undefined || (value !== undefined && typeof value !== 'string')) return;
    const own = typeof value === 'string' ? value : exampleText(schema, document, 'example');
    const { env, fallback } = input.credentials.peek(kind, own);
    if (validator.validate(schema, fallback).status === 'invalid') return;
    set(fallback);
    out.push({ target, kind: 'credential', env });
    registrations.push({ target, register: () => input.credentials.use(kind, fallback, `${request.operationId} ${target}`) });
  };
  const kept = (variations: ValueVariation[]): ValueVariation[] => {
    for (const { target, register } of registrations) if (variations.some((variation) => variation.target === target)) register();
    return variations;
  };
  for (const model of operation.parameters.filter((parameter) => parameter.in === 'query')) {
    const existing = request.parameters.find((parameter) => parameter.in === 'query' && parameter.name === model.name);
    use(`query.${model.name}`, model.name, existing?.value, model.schema, (value) => {
      if (existing) existing.value = value;
      else request.parameters.push({ name: model.name, in: 'query', value, ...(model.style !== undefined ? { style: model.style } : {}), ...(model.explode !== undefined ? { explode: model.explode } : {}) });
    });
  }
  const body = request.body;
  if (body === undefined || content === undefined || !isObject(body.value) || isFileMarker(body.value)) return kept(out);
  const fields: Record<string, JsonValue> = { ...body.value };
  const properties = propertiesOf(schemaView(document, content.schema) ?? {});
  for (const [name, schema] of Object.entries(properties)) {
    if (isReadOnly(document, schema)) continue;
    use(`body#/${escapePointerToken(name)}`, name, ownValue(fields, name), schema, (value) => Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true }));
  }
  if (out.some((variation) => variation.target.startsWith('body#'))) {
    if (validator.validate(content.schema, fields).status !== 'invalid') request.body = { ...body, value: fields };
    else return kept(out.filter((variation) => !variation.target.startsWith('body#')));
  }
  return kept(out);
}

function exampleText(schema: unknown, document: Record<string, unknown>, fallback: string): string {
  const value = exampleForSchema({ schema: isObject(schema) ? schema : undefined, document, pointer: '#', report: () => {}, direction: 'request' });
  return typeof value === 'string' ? value : fallback;
}

/** Idempotency-key and request-id headers the operation declares (optional ones too) get a fresh UUID per request. */
function requestKeyVariations(request: RequestTemplate, operation: OperationModel, document: Record<string, unknown>, validator: DocumentValidator): ValueVariation[] {
  const out: ValueVariation[] = [];
  for (const model of operation.parameters.filter((parameter) => parameter.in === 'header' && isRequestKeyHeader(parameter.name))) {
    if (![variedUuid(0, 0), variedUuid(MAX_RUN_SEED, 2 ** 48 - 1)].every((key) => validator.validate(model.schema, key).status === 'valid')) continue;
    if (!request.parameters.some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === model.name.toLowerCase())) {
      request.parameters.push({ name: model.name, in: 'header', value: exampleText(model.schema, document, variedUuid(0, 0)) });
    }
    out.push({ target: `header.${model.name}`, kind: 'request-key' });
  }
  return out;
}
