import fc from 'fast-check';
import { PROTOTYPE_KEYS } from '../hostile-strings.js';
import type { Dialect } from './dialect.js';
import { record, type JsonObject, type PrototypeOperation, type SpecPart } from './types.js';

/**
 * One operation whose security scheme, body schema, body property, path segment and path,
 * query and header parameters are each named by a prototype key (`__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`): a plain object keyed by them loses or mistakes them. Every value
 * is required and has one allowed value, so the oracle knows exactly what plan.json must hold.
 */
export function prototypeKeysPart(dialect: Dialect): fc.Arbitrary<SpecPart> {
  const key = fc.constantFrom(...PROTOTYPE_KEYS);
  return fc.record({ scheme: key, schema: key, property: key, segment: key, query: key, header: key }).map((names): SpecPart => {
    const path = `/${names.segment}/{${names.segment}}`;
    const single = (value: string): JsonObject => ({ type: 'string', enum: [value] });
    const inParameter = (name: string, where: string, value: string): JsonObject =>
      dialect.version === 'oas3' ? { name, in: where, required: true, schema: single(value) } : { name, in: where, required: true, ...single(value) };
    const operation: JsonObject = {
      operationId: 'prototypeKeys',
      security: [record([[names.scheme, []]])],
      parameters: [inParameter(names.segment, 'path', 'pp-path'), inParameter(names.query, 'query', 'pp-query'), inParameter(names.header, 'header', 'pp-header')],
      responses: { '201': dialect.responseWithHeader('created', names.header) },
    };
    dialect.addJsonBody(operation, { $ref: dialect.schemaRef(names.schema) });
    const schema = { type: 'object', required: [names.property], properties: record([[names.property, single('pp-property')]]) };
    const expected: PrototypeOperation = {
      method: 'post',
      path,
      scheme: names.scheme,
      parameters: [
        [names.segment, 'path', 'pp-path'],
        [names.query, 'query', 'pp-query'],
        [names.header, 'header', 'pp-header'],
      ],
      property: [names.property, 'pp-property'],
    };
    return {
      operations: [{ path, method: 'post', operation }],
      schemas: [[names.schema, schema]],
      securitySchemes: [[names.scheme, { type: 'apiKey', in: 'header', name: 'X-Prototype-Key' }]],
      expect: { prototypeOperations: [expected] },
    };
  });
}
