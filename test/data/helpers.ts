import { expect } from 'chai';
import type { ApiModel, Diagnostic, JsonValue, OperationModel, SchemaObject } from '../../src/model/index.js';
import { DocumentValidator, exampleForSchema } from '../../src/data/index.js';

export function document30(schemas: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
}

export function document31(schemas: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
}

export interface Sample {
  value: JsonValue | undefined;
  diagnostics: Diagnostic[];
}

/** Runs exampleForSchema and checks the value with a fresh validator (not the module's cache). */
export function sample(schema: SchemaObject, options: { document?: Record<string, unknown>; direction?: 'request' | 'response' } = {}): Sample {
  const document = options.document ?? document30();
  const diagnostics: Diagnostic[] = [];
  const value = exampleForSchema({ schema, document, pointer: '#/test', report: (d) => diagnostics.push(d), direction: options.direction ?? 'request' });
  return { value, diagnostics };
}

/** A sample that must validate against its schema and produce no warnings. */
export function validSample(schema: SchemaObject, options: { document?: Record<string, unknown>; direction?: 'request' | 'response' } = {}): JsonValue | undefined {
  const result = sample(schema, options);
  const document = options.document ?? document30();
  const check = new DocumentValidator(document, options.direction ?? 'request').validate(schema, result.value);
  expect(check, `value ${JSON.stringify(result.value)} for ${JSON.stringify(schema)}`).to.deep.equal({ status: 'valid' });
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).to.deep.equal([]);
  // determinism: a second call gives the same value
  expect(sample(schema, options).value).to.deep.equal(result.value);
  return result.value;
}

export function operation(overrides: Partial<OperationModel> = {}): OperationModel {
  return {
    id: 'op',
    idDerived: false,
    method: 'post',
    path: '/things',
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [],
    extensions: {},
    pointer: '#/paths/~1things/post',
    ...overrides,
  };
}

export function apiModel(overrides: Partial<ApiModel> = {}): ApiModel {
  return {
    kind: 'openapi-3.0',
    specVersion: '3.0.3',
    sourceFile: 'spec.yaml',
    title: 't',
    version: '1',
    servers: [],
    operations: [],
    securitySchemes: {},
    security: [],
    webhookCount: 0,
    document: document30(),
    ...overrides,
  };
}
