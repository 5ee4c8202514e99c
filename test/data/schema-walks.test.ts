import { expect } from 'chai';
import { checkSchemaPointer } from '../../src/analysis/schema-pointer.js';
import { DocumentValidator, deepObjectValue, rebuiltWhenAbsent } from '../../src/data/index.js';
import { schemaView } from '../../src/data/schema-view.js';
import { document30, document31, sample, validSample } from './helpers.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Runs `action` and fails when it takes longer than `ms` (the walks below were exponential or unbounded). */
function within<T>(ms: number, action: () => T): T {
  const started = process.hrtime.bigint();
  const value = action();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  expect(elapsed, `took ${elapsed.toFixed(0)} ms`).to.be.below(ms);
  return value;
}

/** Levels of schemas, each naming the next level `width` times under `keyword`. */
function fanOut(levels: number, width: number, level: (next: unknown[], index: number) => Record<string, unknown>, last: unknown): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < levels; index++) schemas[`L${index}`] = level(Array.from({ length: width }, () => ref(`L${index + 1}`)), index);
  schemas[`L${levels}`] = last;
  return document30(schemas);
}

describe('data: schema walks end on cycles and shared schemas', () => {
  it('merges an allOf that names the same schema twice at every level once per schema', () => {
    const document = fanOut(40, 2, (next, index) => ({ allOf: [...next, { type: 'object', required: [`p${index}`], properties: { [`p${index}`]: { type: 'integer' } } }] }), { type: 'object' });
    const result = within(1000, () => sample(ref('L0'), { document }));
    expect(Object.keys(result.value as object)).to.have.length(40);
    const view = within(1000, () => schemaView(document, ref('L0')));
    expect(view?.required).to.include('p0');
  });

  it('stops trying oneOf combinations (10 branches, 12 levels, none satisfiable) with a diagnostic', () => {
    const document = fanOut(12, 10, (next) => ({ oneOf: next }), { type: 'string', enum: [] });
    const result = within(5000, () => sample(ref('L0'), { document }));
    expect(result.value).to.equal(undefined);
    expect(result.diagnostics.map((d) => d.code)).to.include('data/schema-too-complex');
  });

  it('stops a value that would hold 10^12 required objects at the size limit, with a diagnostic', () => {
    const document = fanOut(12, 10, (next) => ({ type: 'object', required: next.map((_, j) => `p${j}`), properties: Object.fromEntries(next.map((schema, j) => [`p${j}`, schema])) }), { type: 'string' });
    const result = within(5000, () => sample(ref('L0'), { document }));
    expect(result.value).to.equal(undefined);
    expect(result.diagnostics.map((d) => d.code)).to.satisfy((codes: string[]) => codes.includes('data/size-limit') || codes.includes('data/schema-too-complex'));
  });

  it('decides whether a wide self-referencing deepObject schema is rebuilt, and completes its value, quickly', () => {
    const properties = Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`p${j}`, ref('Filter')]));
    const document = document30({ Filter: { type: 'object', properties }, Required: { type: 'object', required: ['x'], properties: { x: { type: 'string' }, ...properties } } });
    expect(within(1000, () => rebuiltWhenAbsent(document, ref('Filter')))).to.equal(false);
    expect(within(1000, () => rebuiltWhenAbsent(document, ref('Required')))).to.equal(true);
    const value = within(3000, () => deepObjectValue({ value: undefined, schema: ref('Required'), document, required: true, pointer: '#/test' }));
    expect(value).to.have.property('x');
  });

  it('checks a link pointer against a 10-wide, 12-deep oneOf tree without walking every path', () => {
    const document = fanOut(12, 10, (next) => ({ type: 'object', oneOf: next }), { type: 'object', properties: { x: { type: 'string' } } });
    expect(within(1000, () => checkSchemaPointer(document, ref('L0'), '/x'))).to.equal('resolves');
    expect(within(1000, () => checkSchemaPointer(document, ref('L0'), '/missing'))).to.equal('missing');
  });

  it('validates against a schema that applies itself to the same value (Pet/Cat) without throwing', () => {
    const document = document30({ Pet: { oneOf: [ref('Cat')] }, Cat: { allOf: [ref('Pet'), { type: 'object' }] } });
    expect(new DocumentValidator(document, 'request').validate(ref('Pet'), {}).status).to.equal('unknown');
  });

  it('validates through a chain of 10,000 $refs (ajv compiles a chain recursively)', () => {
    const schemas: Record<string, unknown> = {};
    for (let hop = 0; hop < 10_000; hop++) schemas[`A${hop}`] = ref(`A${hop + 1}`);
    schemas.A10000 = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } };
    const validator = new DocumentValidator(document30(schemas), 'request');
    expect(within(3000, () => validator.validate(ref('A0'), { id: 'one' }))).to.deep.include({ status: 'invalid' });
    expect(validator.validate(ref('A0'), { id: 1 })).to.deep.equal({ status: 'valid' });
  });

  it('OpenAPI 3.1: follows a 10,000-hop chain of bare $refs, and applies keywords beside a $ref in it', () => {
    const schemas: Record<string, unknown> = {};
    for (let hop = 0; hop < 10_000; hop++) schemas[`A${hop}`] = hop === 5000 ? { ...ref(`A${hop + 1}`), required: ['name'] } : ref(`A${hop + 1}`);
    schemas.A10000 = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 3 }, name: { type: 'string', const: 'n' } } };
    expect(within(3000, () => validSample(ref('A0'), { document: document31(schemas) }))).to.deep.equal({ id: 3, name: 'n' });
  });

  it('OpenAPI 3.1: the polymorphism pattern with $ref siblings (Pet: oneOf [Cat, Dog], Cat: allOf [Pet])', () => {
    const document = document31({
      Pet: { oneOf: [{ ...ref('Cat'), description: 'a cat' }, ref('Dog')], discriminator: { propertyName: 'type', mapping: { dog: '#/components/schemas/Dog' } } },
      Cat: { allOf: [ref('Pet'), { type: 'object', required: ['type', 'meows'], properties: { type: { type: 'string' }, meows: { type: 'boolean', const: true } } }] },
      Dog: { allOf: [ref('Pet'), { type: 'object', required: ['type'], properties: { type: { type: 'string' } } }] },
    });
    expect(within(1000, () => sample(ref('Pet'), { document }).value)).to.deep.equal({ type: 'Cat', meows: true });
    expect(sample(ref('Dog'), { document }).value).to.deep.equal({ type: 'dog' });
  });
});
