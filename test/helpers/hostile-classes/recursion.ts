import fc from 'fast-check';
import type { Dialect } from './dialect.js';
import type { Json, JsonObject, SpecPart } from './types.js';

/**
 * Request bodies whose schemas refer to themselves: OpenAPI's polymorphism pattern (a base that
 * lists its subtypes in oneOf/anyOf, subtypes that allOf the base) with and without a
 * discriminator, two-schema allOf and oneOf cycles, a schema that allOfs itself, a cycle of bare
 * $refs, and a chain of a few thousand $refs. Schema names get a drawn prefix, some of which need
 * JSON-pointer escaping in a $ref (`a~b/c.`).
 */

const OAS3_SHAPES = ['oneOf with discriminator', 'anyOf with discriminator', 'oneOf', 'anyOf', 'allOf pair', 'oneOf pair', 'self allOf', 'ref loop', 'ref chain'] as const;
/** Swagger 2 has no oneOf/anyOf: its polymorphism is a base with a discriminator property that subtypes allOf. */
const SWAGGER2_SHAPES = ['swagger2 discriminator', 'allOf pair', 'self allOf', 'ref loop', 'ref chain'] as const;
type Shape = (typeof OAS3_SHAPES)[number] | (typeof SWAGGER2_SHAPES)[number];

const PREFIXES = ['', 'Rec', 'a~b/c.', 'constructor.'];

function object(required: string[], properties: JsonObject): JsonObject {
  return { type: 'object', required, properties };
}

/** The schemas of one shape, named with `prefix`, and the one a body refers to. */
function shapeSchemas(input: { shape: Shape; prefix: string; index: number; hops: number; dialect: Dialect }): { entry: string; schemas: Array<[string, Json]> } {
  const { shape, prefix, index, hops, dialect } = input;
  // The shape's index keeps two shapes' schemas apart.
  const n = (name: string) => `${prefix}${name}_${index}`;
  const ref = (name: string) => ({ $ref: dialect.schemaRef(n(name)) });
  switch (shape) {
    case 'oneOf with discriminator':
    case 'anyOf with discriminator':
    case 'oneOf':
    case 'anyOf': {
      const keyword = shape.startsWith('oneOf') ? 'oneOf' : 'anyOf';
      const base: JsonObject = { [keyword]: [ref('Cat'), ref('Dog')] };
      if (shape.endsWith('discriminator')) base.discriminator = { propertyName: 'petType', mapping: { cat: dialect.schemaRef(n('Cat')), dog: dialect.schemaRef(n('Dog')) } };
      return {
        entry: n('Pet'),
        schemas: [
          [n('Pet'), base],
          [n('Cat'), { allOf: [ref('Pet'), object(['petType', 'lives'], { petType: { type: 'string' }, lives: { type: 'integer', minimum: 1, maximum: 9 } })] }],
          [n('Dog'), { allOf: [ref('Pet'), object(['petType', 'bark'], { petType: { type: 'string' }, bark: { type: 'boolean' } })] }],
        ],
      };
    }
    case 'swagger2 discriminator':
      return {
        entry: n('Cat'),
        schemas: [
          [n('Pet'), { ...object(['petType'], { petType: { type: 'string' } }), discriminator: 'petType' }],
          [n('Cat'), { allOf: [ref('Pet'), object(['lives'], { lives: { type: 'integer', minimum: 1 } })] }],
        ],
      };
    case 'allOf pair':
      return {
        entry: n('Left'),
        schemas: [
          [n('Left'), { allOf: [ref('Right'), object(['left'], { left: { type: 'string', enum: ['L'] } })] }],
          [n('Right'), { allOf: [ref('Left'), object(['right'], { right: { type: 'string', enum: ['R'] } })] }],
        ],
      };
    case 'oneOf pair':
      return {
        entry: n('Ping'),
        schemas: [
          [n('Ping'), { oneOf: [ref('Pong'), { type: 'string', enum: ['ping'] }] }],
          [n('Pong'), { oneOf: [ref('Ping'), { type: 'integer', enum: [7] }] }],
        ],
      };
    case 'self allOf':
      return { entry: n('Self'), schemas: [[n('Self'), { allOf: [ref('Self'), object(['me'], { me: { type: 'string', enum: ['me'] } })] }]] };
    case 'ref loop':
      return { entry: n('LoopA'), schemas: [[n('LoopA'), ref('LoopB')], [n('LoopB'), ref('LoopA')]] };
    case 'ref chain': {
      const schemas: Array<[string, Json]> = [];
      for (let hop = 0; hop < hops; hop++) schemas.push([n(`Chain${hop}`), ref(`Chain${hop + 1}`)]);
      schemas.push([n(`Chain${hops}`), object(['id'], { id: { type: 'integer', minimum: 42 } })]);
      return { entry: n('Chain0'), schemas };
    }
  }
}

/** 1-3 recursive shapes, each the JSON body of its own POST operation. */
export function recursionPart(dialect: Dialect): fc.Arbitrary<SpecPart> {
  const shapes = dialect.version === 'oas3' ? OAS3_SHAPES : SWAGGER2_SHAPES;
  return fc
    .record({
      shapes: fc.uniqueArray(fc.constantFrom<Shape>(...shapes), { minLength: 1, maxLength: 3 }),
      prefix: fc.constantFrom(...PREFIXES),
      hops: fc.integer({ min: 500, max: 3000 }),
    })
    .map(({ shapes: drawn, prefix, hops }): SpecPart => {
      const part: Required<Pick<SpecPart, 'operations' | 'schemas'>> & SpecPart = { operations: [], schemas: [], expect: { recursiveOperations: [] } };
      for (const [index, shape] of drawn.entries()) {
        const { entry, schemas } = shapeSchemas({ shape, prefix, index, hops, dialect });
        const path = `/recursive/${index}`;
        const operation: JsonObject = { operationId: `recursive${index}`, responses: { '201': { description: 'created' } } };
        dialect.addJsonBody(operation, { $ref: dialect.schemaRef(entry) });
        part.operations.push({ path, method: 'post', operation });
        part.schemas.push(...schemas);
        part.expect!.recursiveOperations!.push({ method: 'post', path });
      }
      return part;
    });
}
