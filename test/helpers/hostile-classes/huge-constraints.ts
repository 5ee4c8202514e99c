import fc from 'fast-check';
import { DEFAULT_SYNTHESIS_LIMITS } from '../../../src/data/limits.js';
import type { Dialect } from './dialect.js';
import { operationPointer, type JsonObject, type SpecPart } from './types.js';

/**
 * Constraints that ask for huge values (minLength/minItems/minProperties up to 1e8, patterns
 * with a fixed repetition of up to 1e8): perfplan must stay within its synthesis limits, report
 * data/size-limit at the constraint's pointer, and write bounded output. Each constraint is the
 * one required value of its own operation (a request stops at its first value over a limit).
 * Huge upper bounds (maxLength 1e9) are drawn too: those need only the shortest value.
 */

type Kind = 'minLength' | 'minItems' | 'minProperties' | 'pattern' | 'nested pattern' | 'class pattern';
const BODY_KINDS: readonly Kind[] = ['minLength', 'minItems', 'minProperties', 'pattern', 'nested pattern', 'class pattern'];
/** What a query parameter can carry (a Swagger 2 parameter is not an object). */
const QUERY_KINDS: readonly Kind[] = ['minLength', 'pattern', 'class pattern'];

/** A size above the limit that applies to `kind`, up to 1e8. */
function sizeOver(kind: Kind): fc.Arbitrary<number> {
  const limit = kind === 'minItems' ? DEFAULT_SYNTHESIS_LIMITS.maxArrayItems : kind === 'minProperties' ? DEFAULT_SYNTHESIS_LIMITS.maxObjectProperties : DEFAULT_SYNTHESIS_LIMITS.maxStringLength;
  return fc.oneof(fc.constantFrom(limit + 1, 1e8), fc.integer({ min: limit + 1, max: 1e8 }));
}

function constraint(kind: Kind, size: number): JsonObject {
  switch (kind) {
    case 'minLength':
      return { type: 'string', minLength: size };
    case 'minItems':
      return { type: 'array', minItems: size, items: { type: 'string' } };
    case 'minProperties':
      return { type: 'object', minProperties: size };
    case 'pattern':
      return { type: 'string', pattern: `^a{${size}}$` };
    case 'nested pattern': {
      // (a{k}){k}: k² characters, never written out in the pattern.
      const k = Math.ceil(Math.sqrt(size));
      return { type: 'string', pattern: `^(?:a{${k}}){${k}}$` };
    }
    case 'class pattern':
      return { type: 'string', pattern: `^[a-z0-9]{${size},}$` };
  }
}

const WIDE: JsonObject = {
  type: 'object',
  required: ['name', 'list', 'bag'],
  properties: { name: { type: 'string', maxLength: 1e9 }, list: { type: 'array', maxItems: 1e9, items: { type: 'integer' } }, bag: { type: 'object', maxProperties: 1e9 } },
};

export function hugeConstraintsPart(dialect: Dialect): fc.Arbitrary<SpecPart> {
  const body = fc.constantFrom(...BODY_KINDS).chain((kind) => sizeOver(kind).map((size) => ({ where: 'body' as const, kind, size })));
  const query = fc.constantFrom(...QUERY_KINDS).chain((kind) => sizeOver(kind).map((size) => ({ where: 'query' as const, kind, size })));
  return fc.record({ constraints: fc.array(fc.oneof(body, query), { minLength: 1, maxLength: 3 }), wide: fc.boolean() }).map(({ constraints, wide }): SpecPart => {
    const operations: NonNullable<SpecPart['operations']> = [];
    const pointers: string[] = [];
    for (const [index, { where, kind, size }] of constraints.entries()) {
      const path = `/huge/${index}`;
      if (where === 'body') {
        const operation: JsonObject = { operationId: `huge${index}`, responses: { '200': { description: 'ok' } } };
        const schemaPointer = dialect.addJsonBody(operation, { type: 'object', required: ['value'], properties: { value: constraint(kind, size) } });
        operations.push({ path, method: 'post', operation });
        pointers.push(`${operationPointer(path, 'post')}${schemaPointer}/properties/value`);
      } else {
        const { parameter, schemaPointer } = dialect.queryParameter('q', constraint(kind, size));
        operations.push({ path, method: 'get', operation: { operationId: `huge${index}`, parameters: [parameter], responses: { '200': { description: 'ok' } } } });
        pointers.push(`${operationPointer(path, 'get')}/parameters/0${schemaPointer}`);
      }
    }
    if (wide) {
      const operation: JsonObject = { operationId: 'hugeBounds', responses: { '200': { description: 'ok' } } };
      dialect.addJsonBody(operation, WIDE);
      operations.push({ path: '/huge/bounds', method: 'post', operation });
    }
    return { operations, expect: { sizeLimits: pointers } };
  });
}
