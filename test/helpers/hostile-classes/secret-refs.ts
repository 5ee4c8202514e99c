import fc from 'fast-check';
import { SECRET_REF_TARGETS, SHARED_DOCUMENT } from '../hostile-secrets.js';
import { PROTOTYPE_KEYS } from '../hostile-strings.js';
import type { Dialect } from './dialect.js';
import { operationPointer, pointerToken, put, record, type Json, type JsonObject, type SpecPart } from './types.js';

/**
 * `$ref`s to the secret files beside the spec (hostile-secrets.ts) in the places OpenAPI reads
 * as data: examples, defaults, enums, consts, x-example(s). perfplan must follow none of them and
 * report each (spec/ref-in-literal-value) at the pointer of the value holding it.
 */

const OAS3_POSITIONS = [
  'parameter example',
  'parameter examples',
  'parameter x-example',
  'schema example',
  'schema default',
  'schema enum',
  'schema const',
  'media example',
  'media examples',
  'property example',
  'property default',
  'property enum',
  'operation x-example',
] as const;

const SWAGGER2_POSITIONS = ['parameter x-example', 'parameter default', 'parameter enum', 'body schema example', 'body x-examples', 'property example', 'property default', 'response examples'] as const;

type Position = (typeof OAS3_POSITIONS)[number] | (typeof SWAGGER2_POSITIONS)[number];

interface Placement {
  position: Position;
  target: string;
  /** A parameter or property name (hostile text). */
  name: string;
  /** The name of an Example Object that holds the `$ref` as its value. */
  exampleName: string;
  /** Whether the `$ref` sits inside a larger value (`{ a: { $ref } }`, `[safe, { $ref }]`) rather than being it. */
  nested: boolean;
}

const PATH = '/secret-refs';

function refTo(placement: Placement): Json {
  const ref = { $ref: placement.target };
  return placement.nested ? { token: ref, kept: 'PPSAFE-seeded' } : ref;
}

/** Builds one POST operation holding every placement; returns it with the pointer of each `$ref`-holding value. */
function secretOperation(placements: readonly Placement[], dialect: Dialect): { operation: JsonObject; pointers: string[] } {
  const base = operationPointer(PATH, 'post');
  const parameters: JsonObject[] = [];
  const properties: JsonObject = {};
  const body: JsonObject = { type: 'object', properties };
  const media: JsonObject = {};
  const operation: JsonObject = { operationId: 'secretRefs', parameters, responses: { '200': { description: 'ok' } } };
  /** Pointers relative to the body schema (`@body`) or its media type / body parameter (`@media`), resolved below. */
  const pointers: string[] = [];
  for (const [index, placement] of placements.entries()) {
    const value = refTo(placement);
    const list: Json[] = placement.nested ? ['PPSAFE-seeded', value] : [value];
    const name = `${placement.name}-${index}`;
    /** A required query parameter with `fields` besides its schema (Swagger 2: the schema's keywords are the parameter's). */
    const query = (fields: JsonObject, schema: JsonObject = { type: 'string' }): string => {
      parameters.push(dialect.version === 'oas3' ? { name, in: 'query', required: true, schema, ...fields } : { name, in: 'query', required: true, ...schema, ...fields });
      return `${base}/parameters/${parameters.length - 1}`;
    };
    const property = (schema: JsonObject): string => {
      put(properties, name, schema);
      return `@body/properties/${pointerToken(name)}`;
    };
    const keyword = placement.position.split(' ').at(-1)!;
    switch (placement.position) {
      case 'parameter example':
      case 'parameter x-example':
        pointers.push(`${query({ [keyword]: value })}/${keyword}`);
        break;
      case 'parameter examples':
        pointers.push(`${query({ examples: record([[placement.exampleName, { value }]]) })}/examples/${pointerToken(placement.exampleName)}/value`);
        break;
      case 'parameter default':
      case 'parameter enum':
        pointers.push(`${query({}, { type: 'string', [keyword]: keyword === 'enum' ? list : value })}/${keyword}`);
        break;
      case 'schema example':
      case 'schema default':
      case 'schema enum':
      case 'schema const':
        pointers.push(`${query({}, { type: 'string', [keyword]: keyword === 'enum' ? list : value })}/schema/${keyword}`);
        break;
      case 'property example':
      case 'property default':
      case 'property enum':
        pointers.push(`${property({ type: 'string', [keyword]: keyword === 'enum' ? list : value })}/${keyword}`);
        break;
      case 'media example':
        media.example = value;
        pointers.push('@media/example');
        break;
      case 'media examples':
        // Added to the map: a second placement here must not replace the first.
        put((media.examples ??= {}) as JsonObject, placement.exampleName, { value });
        pointers.push(`@media/examples/${pointerToken(placement.exampleName)}/value`);
        break;
      case 'body schema example':
        body.example = value;
        pointers.push('@body/example');
        break;
      case 'body x-examples':
        media['x-examples'] = { 'application/json': value };
        pointers.push('@media/x-examples');
        break;
      case 'response examples':
        operation.responses = { '200': { description: 'ok', schema: { type: 'object' }, examples: { 'application/json': value } } };
        pointers.push(`${base}/responses/200/examples`);
        break;
      case 'operation x-example':
        operation['x-example'] = value;
        pointers.push(`${base}/x-example`);
        break;
    }
  }
  // The body goes last, so the parameters' indices above stay right in Swagger 2 too.
  const bodySchema = `${base}${dialect.addJsonBody(operation, body)}`;
  // OpenAPI 3: the media type object; Swagger 2: the body parameter. Either holds the schema.
  const holder = dialect.version === 'oas3' ? (((operation.requestBody as JsonObject).content as JsonObject)['application/json'] as JsonObject) : parameters[parameters.length - 1];
  Object.assign(holder, media);
  const resolved = pointers.map((pointer) => pointer.replace(/^@body/, bodySchema).replace(/^@media/, bodySchema.replace(/\/schema$/, '')));
  return { operation, pointers: [...new Set(resolved)] };
}

/** One operation with 1-4 `$ref`s to secret files in example positions of this dialect. */
export function secretRefsPart(text: fc.Arbitrary<string>, dialect: Dialect): fc.Arbitrary<SpecPart> {
  const positions = dialect.version === 'oas3' ? OAS3_POSITIONS : SWAGGER2_POSITIONS;
  const placement: fc.Arbitrary<Placement> = fc.record({
    position: fc.constantFrom<Position>(...positions),
    target: fc.constantFrom(...SECRET_REF_TARGETS),
    name: text,
    exampleName: fc.constantFrom('leak', ...PROTOTYPE_KEYS),
    nested: fc.boolean(),
  });
  return fc.record({ placements: fc.array(placement, { minLength: 1, maxLength: 4 }), shared: fc.boolean() }).map(({ placements, shared }): SpecPart => {
    const { operation, pointers } = secretOperation(placements, dialect);
    const operations = [{ path: PATH, method: 'post', operation }];
    if (shared) {
      // A legitimate external $ref beside the secret ones: the spec becomes a multi-file spec, which the bundler handles.
      const schema = { $ref: `${SHARED_DOCUMENT.path}${SHARED_DOCUMENT.pointer}` };
      const response: JsonObject = dialect.version === 'oas3' ? { description: 'shared', content: { 'application/json': { schema } } } : { description: 'shared', schema };
      operations.push({ path: `${PATH}/shared`, method: 'get', operation: { operationId: 'sharedSchema', responses: { '200': response } } });
    }
    return { operations, expect: { literalRefs: pointers, filesRead: shared ? [SHARED_DOCUMENT.path] : [] } };
  });
}
