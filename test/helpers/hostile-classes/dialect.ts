import { pointerToken, record, type Json, type JsonObject, type SpecVersion } from './types.js';

/**
 * How a class part writes the few structures that differ between OpenAPI 3 and Swagger 2, so
 * each class is drawn into both versions, with the JSON pointers perfplan reports.
 */
export interface Dialect {
  version: SpecVersion;
  /** A `$ref` to a named schema (components.schemas or definitions). */
  schemaRef(name: string): string;
  /** A required query parameter of a simple schema, and the pointer of that schema relative to the parameter. */
  queryParameter(name: string, schema: JsonObject): { parameter: JsonObject; schemaPointer: string };
  /**
   * Adds a required JSON request body of `schema` to an operation (Swagger 2: a body parameter
   * appended to its parameters) and returns the body schema's pointer relative to the operation.
   */
  addJsonBody(operation: JsonObject, schema: Json): string;
  /** A response with a header of this name. */
  responseWithHeader(description: string, header: string): JsonObject;
}

const oas3: Dialect = {
  version: 'oas3',
  schemaRef: (name) => `#/components/schemas/${pointerToken(name)}`,
  queryParameter: (name, schema) => ({ parameter: { name, in: 'query', required: true, schema }, schemaPointer: '/schema' }),
  addJsonBody(operation, schema) {
    operation.requestBody = { required: true, content: { 'application/json': { schema } } };
    return '/requestBody/content/application~1json/schema';
  },
  responseWithHeader: (description, header) => ({ description, headers: record([[header, { schema: { type: 'string' } }]]) }),
};

const swagger2: Dialect = {
  version: 'swagger2',
  schemaRef: (name) => `#/definitions/${pointerToken(name)}`,
  // A Swagger 2 query parameter is its own schema.
  queryParameter: (name, schema) => ({ parameter: { ...schema, name, in: 'query', required: true }, schemaPointer: '' }),
  addJsonBody(operation, schema) {
    const parameters = (operation.parameters ??= []) as Json[];
    parameters.push({ name: 'body', in: 'body', required: true, schema });
    return `/parameters/${parameters.length - 1}/schema`;
  },
  responseWithHeader: (description, header) => ({ description, headers: record([[header, { type: 'string' }]]) }),
};

export const DIALECTS: Readonly<Record<SpecVersion, Dialect>> = { oas3, swagger2 };
