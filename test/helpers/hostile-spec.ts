import fc from 'fast-check';
import { record, type Json, type JsonObject, type SpecVersion } from './hostile-classes/types.js';
import { CODING_COOKIES, COLLIDING_IDS, DANGEROUS_PIECES, MARKER_PAYLOADS, RESERVED_NAMES, SHELL_PAYLOADS, TERMINAL_PAYLOADS } from './hostile-strings.js';

/**
 * A seeded generator of small OpenAPI 3.0 (or Swagger 2.0) specs whose every string a spec can
 * carry (paths, parameter names, operationIds, tags, summaries, descriptions, server URLs, enum
 * values, examples, property names, security scheme names, header names, the title) is hostile.
 * Test-only: the specs are structurally valid, so the loader keeps every string. hostile-case.ts
 * adds the other classes of hostile input (secret refs, recursion, huge constraints, ...).
 */

export type HostileSpec = JsonObject;

/** One hostile string: a known payload, a mix of pieces, a coding cookie, terminal or shell text, or arbitrary code units. */
export function hostileString(payloads: readonly string[] = MARKER_PAYLOADS): fc.Arbitrary<string> {
  const piece = fc.constantFrom(...DANGEROUS_PIECES);
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...payloads) },
    { weight: 2, arbitrary: fc.constantFrom(...RESERVED_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom(...CODING_COOKIES, ...TERMINAL_PAYLOADS, ...SHELL_PAYLOADS) },
    { weight: 3, arbitrary: fc.array(fc.oneof(piece, fc.constantFrom(...payloads), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: piece, maxLength: 12 }) },
  );
}

/** An operationId: hostile, or one of a family that collides once sanitised. */
function operationId(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: text }, { weight: 2, arbitrary: fc.constantFrom(...COLLIDING_IDS) });
}

/** A path segment: hostile text with `/` kept (it makes more segments) and `{`/`}` dropped. */
function pathText(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return text.map((value) => value.replace(/[{}]/g, '').replace(/^\/+/, ''));
}

interface OperationParts {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  segment: string;
  pathParam: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  queryName: string;
  headerName: string;
  cookieName: string;
  enumValues: string[];
  example: string;
  propertyNames: string[];
  propertyExample: string;
  responseHeader: string;
  responseProperty: string;
}

/**
 * The strings of a spec: `text` for names and values, `headerText` for those that may reach a
 * file's header comment or a printed summary (title, version, descriptions, summaries, tags,
 * operationIds, server URLs, path segments).
 */
export interface SpecTexts {
  text: fc.Arbitrary<string>;
  headerText: fc.Arbitrary<string>;
}

function operationParts({ text, headerText }: SpecTexts): fc.Arbitrary<OperationParts> {
  return fc.record({
    method: fc.constantFrom('get', 'post', 'put', 'delete', 'patch'),
    segment: pathText(headerText),
    pathParam: pathText(text).map((name) => name.replace(/\//g, '') || 'id'),
    operationId: operationId(headerText),
    tag: headerText,
    summary: headerText,
    description: headerText,
    queryName: text,
    headerName: text,
    cookieName: text,
    enumValues: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
    example: text,
    propertyNames: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
    propertyExample: text,
    responseHeader: text,
    responseProperty: text,
  });
}

function bodyProperties(parts: OperationParts): JsonObject {
  return record(parts.propertyNames.map((name) => [name, { type: 'string', example: parts.propertyExample }]));
}

function oas3Operation(parts: OperationParts, schemeName: string): JsonObject {
  const properties = bodyProperties(parts);
  const operation: JsonObject = {
    operationId: parts.operationId,
    tags: [parts.tag],
    summary: parts.summary,
    description: parts.description,
    security: [{ [schemeName]: [] }],
    parameters: [
      { name: parts.pathParam, in: 'path', required: true, description: parts.description, schema: { type: 'string', enum: parts.enumValues } },
      { name: parts.queryName, in: 'query', required: true, schema: { type: 'string' }, example: parts.example },
      { name: parts.headerName, in: 'header', schema: { type: 'string', example: parts.example } },
      { name: parts.cookieName, in: 'cookie', schema: { type: 'string', default: parts.example } },
    ],
    responses: {
      '200': {
        description: parts.description,
        headers: record([[parts.responseHeader, { description: parts.summary, schema: { type: 'string' } }]]),
        content: {
          'application/json': {
            schema: { type: 'object', properties: record([['id', { type: 'string', example: parts.example }], [parts.responseProperty, { type: 'string', enum: parts.enumValues }]]) },
          },
        },
      },
    },
  };
  if (parts.method !== 'get' && parts.method !== 'delete') {
    operation.requestBody = {
      required: true,
      description: parts.summary,
      content: { 'application/json': { schema: { type: 'object', required: [parts.propertyNames[0]], properties }, example: record([[parts.propertyNames[0], parts.example]]) } },
    };
  }
  return operation;
}

/** The same operation in Swagger 2.0 (no cookie parameters there; the body is a parameter). */
function swagger2Operation(parts: OperationParts, schemeName: string): JsonObject {
  const parameters: Json[] = [
    { name: parts.pathParam, in: 'path', required: true, description: parts.description, type: 'string', enum: parts.enumValues },
    { name: parts.queryName, in: 'query', required: true, type: 'string', 'x-example': parts.example },
    { name: parts.headerName, in: 'header', type: 'string', default: parts.example },
  ];
  if (parts.method !== 'get' && parts.method !== 'delete') {
    const schema = { type: 'object', required: [parts.propertyNames[0]], properties: bodyProperties(parts), example: record([[parts.propertyNames[0], parts.example]]) };
    parameters.push({ name: 'body', in: 'body', required: true, description: parts.summary, schema });
  }
  return {
    operationId: parts.operationId,
    tags: [parts.tag],
    summary: parts.summary,
    description: parts.description,
    security: [record([[schemeName, []]])],
    parameters,
    responses: {
      '200': {
        description: parts.description,
        headers: record([[parts.responseHeader, { description: parts.summary, type: 'string' }]]),
        schema: { type: 'object', properties: record([['id', { type: 'string', example: parts.example }], [parts.responseProperty, { type: 'string', enum: parts.enumValues }]]) },
      },
    },
  };
}

export interface BaseSpecParts {
  title: string;
  version: string;
  infoDescription: string;
  serverPath: string;
  serverDescription: string;
  serverVariable: string;
  host: string;
  schemeName: string;
  apiKeyHeader: string;
  tagDescription: string;
  operations: OperationParts[];
}

export function baseSpecParts(texts: SpecTexts): fc.Arbitrary<BaseSpecParts> {
  const { text, headerText } = texts;
  return fc.record({
    title: headerText,
    version: headerText,
    infoDescription: headerText,
    serverPath: headerText,
    serverDescription: headerText,
    serverVariable: headerText,
    host: fc.oneof(fc.constantFrom('localhost:8080', '127.0.0.1'), text.map((value) => value.replace(/\//g, ''))),
    schemeName: text,
    apiKeyHeader: text,
    tagDescription: headerText,
    operations: fc.array(operationParts(texts), { minLength: 1, maxLength: 2 }),
  });
}

/** The base spec of these parts, as OpenAPI 3.0 or Swagger 2.0. */
export function baseDocument(parts: BaseSpecParts, version: SpecVersion = 'oas3'): HostileSpec {
  const paths: JsonObject = {};
  for (const [index, operation] of parts.operations.entries()) {
    // The index keeps paths apart; two operations may still share one path with different methods.
    const pathKey = `/${operation.segment}/${index}/{${operation.pathParam}}`;
    const item = (paths[pathKey] ?? {}) as JsonObject;
    item[operation.method] = version === 'oas3' ? oas3Operation(operation, parts.schemeName) : swagger2Operation(operation, parts.schemeName);
    paths[pathKey] = item;
  }
  const info = { title: parts.title, version: parts.version, description: parts.infoDescription };
  const tags = parts.operations.map((operation) => ({ name: operation.tag, description: parts.tagDescription }));
  const security = [record([[parts.schemeName, []]])];
  const scheme = { type: 'apiKey', in: 'header', name: parts.apiKeyHeader, description: parts.tagDescription };
  if (version === 'swagger2') {
    return {
      swagger: '2.0',
      info,
      host: parts.host,
      basePath: `/${encodeURI(parts.serverPath.replace(/[\ud800-\udfff]/g, ''))}`,
      schemes: ['http'],
      consumes: ['application/json'],
      produces: ['application/json'],
      tags,
      security,
      securityDefinitions: record([[parts.schemeName, scheme]]),
      paths,
    };
  }
  return {
    openapi: '3.0.3',
    info,
    servers: [
      {
        url: `http://localhost:8080/${encodeURI(parts.serverPath.replace(/[\ud800-\udfff]/g, ''))}/{v}`,
        description: parts.serverDescription,
        variables: { v: { default: parts.serverVariable, enum: [parts.serverVariable] } },
      },
      { url: parts.serverPath },
    ],
    tags,
    security,
    components: { securitySchemes: record([[parts.schemeName, scheme]]) },
    paths,
  };
}

/** Arbitrary hostile OpenAPI 3.0 specs: 1-2 operations, every string field hostile. */
export function hostileSpec(text: fc.Arbitrary<string> = hostileString()): fc.Arbitrary<HostileSpec> {
  return baseSpecParts({ text, headerText: text }).map((parts) => baseDocument(parts));
}

/** `count` specs from a fixed seed: the same list on every run. */
export function sampleHostileSpecs(input: { seed: number; count: number; text?: fc.Arbitrary<string> }): HostileSpec[] {
  return fc.sample(hostileSpec(input.text), { seed: input.seed, numRuns: input.count });
}
