import fc from 'fast-check';
import { COLLIDING_IDS, DANGEROUS_PIECES, MARKER_PAYLOADS, RESERVED_NAMES } from './hostile-strings.js';

/**
 * A seeded generator of small OpenAPI 3.0 specs whose every string a spec can carry (paths,
 * parameter names, operationIds, tags, summaries, descriptions, server URLs, enum values,
 * examples, property names, security scheme names, header names, the title) is hostile.
 * Test-only: the specs are structurally valid, so the loader keeps every string.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type HostileSpec = { [key: string]: Json };

/** One hostile string: a known payload, a mix of pieces, or arbitrary code units. */
export function hostileString(payloads: readonly string[] = MARKER_PAYLOADS): fc.Arbitrary<string> {
  const piece = fc.constantFrom(...DANGEROUS_PIECES);
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...payloads) },
    { weight: 2, arbitrary: fc.constantFrom(...RESERVED_NAMES) },
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

function operationParts(text: fc.Arbitrary<string>): fc.Arbitrary<OperationParts> {
  return fc.record({
    method: fc.constantFrom('get', 'post', 'put', 'delete', 'patch'),
    segment: pathText(text),
    pathParam: pathText(text).map((name) => name.replace(/\//g, '') || 'id'),
    operationId: operationId(text),
    tag: text,
    summary: text,
    description: text,
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

function operationObject(parts: OperationParts, schemeName: string): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {};
  for (const name of parts.propertyNames) properties[name] = { type: 'string', example: parts.propertyExample };
  const operation: { [key: string]: Json } = {
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
        headers: { [parts.responseHeader]: { description: parts.summary, schema: { type: 'string' } } },
        content: {
          'application/json': {
            schema: { type: 'object', properties: { id: { type: 'string', example: parts.example }, [parts.responseProperty]: { type: 'string', enum: parts.enumValues } } },
          },
        },
      },
    },
  };
  if (parts.method !== 'get' && parts.method !== 'delete') {
    operation.requestBody = {
      required: true,
      description: parts.summary,
      content: { 'application/json': { schema: { type: 'object', required: [parts.propertyNames[0]], properties }, example: { [parts.propertyNames[0]]: parts.example } } },
    };
  }
  return operation;
}

/** Arbitrary hostile specs: 1-2 operations, every string field hostile. */
export function hostileSpec(text: fc.Arbitrary<string> = hostileString()): fc.Arbitrary<HostileSpec> {
  return fc
    .record({
      title: text,
      version: text,
      infoDescription: text,
      serverPath: text,
      serverDescription: text,
      serverVariable: text,
      schemeName: text,
      apiKeyHeader: text,
      tagDescription: text,
      operations: fc.array(operationParts(text), { minLength: 1, maxLength: 2 }),
    })
    .map((parts): HostileSpec => {
      const paths: { [key: string]: Json } = {};
      for (const [index, operation] of parts.operations.entries()) {
        // The index keeps paths apart; two operations may still share one path with different methods.
        const pathKey = `/${operation.segment}/${index}/{${operation.pathParam}}`;
        const item = (paths[pathKey] ?? {}) as { [key: string]: Json };
        item[operation.method] = operationObject(operation, parts.schemeName);
        paths[pathKey] = item;
      }
      return {
        openapi: '3.0.3',
        info: { title: parts.title, version: parts.version, description: parts.infoDescription },
        servers: [
          {
            url: `http://localhost:8080/${encodeURI(parts.serverPath.replace(/[\ud800-\udfff]/g, ''))}/{v}`,
            description: parts.serverDescription,
            variables: { v: { default: parts.serverVariable, enum: [parts.serverVariable] } },
          },
          { url: parts.serverPath },
        ],
        tags: parts.operations.map((operation) => ({ name: operation.tag, description: parts.tagDescription })),
        security: [{ [parts.schemeName]: [] }],
        components: { securitySchemes: { [parts.schemeName]: { type: 'apiKey', in: 'header', name: parts.apiKeyHeader, description: parts.tagDescription } } },
        paths,
      };
    });
}

/** `count` specs from a fixed seed: the same list on every run. */
export function sampleHostileSpecs(input: { seed: number; count: number; text?: fc.Arbitrary<string> }): HostileSpec[] {
  return fc.sample(hostileSpec(input.text), { seed: input.seed, numRuns: input.count });
}
