import { expect } from 'chai';
import { document30, document31, sample, validSample } from './helpers.js';

describe('data/exampleForSchema: spec values first', () => {
  it('uses a valid schema example', () => {
    expect(validSample({ type: 'string', example: 'doggie' })).to.equal('doggie');
  });

  it('ignores an example that does not validate, reports it, and synthesizes instead', () => {
    const result = sample({ type: 'integer', minimum: 5, example: 'five' });
    expect(result.value).to.equal(5);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).to.deep.equal([['data/example-invalid', 'info']]);
    expect(result.diagnostics[0].pointer).to.equal('#/test/example');
  });

  it('takes the first valid entry of an OpenAPI 3.1 examples array', () => {
    expect(validSample({ type: 'string', format: 'email', examples: ['not-an-email', 'a@b.example'] }, { document: document31() })).to.equal('a@b.example');
  });

  it('uses default, then const, then the first enum value', () => {
    expect(validSample({ type: 'integer', default: 20, maximum: 50 })).to.equal(20);
    expect(validSample({ const: 'fixed' }, { document: document31() })).to.equal('fixed');
    expect(validSample({ type: 'string', enum: ['available', 'sold'] })).to.equal('available');
  });

  it('prefers a non-null enum value', () => {
    expect(validSample({ type: 'string', nullable: true, enum: [null, 'b'] })).to.equal('b');
  });
});

describe('data/exampleForSchema: formats', () => {
  const formats = ['uuid', 'email', 'date', 'date-time', 'time', 'uri', 'url', 'uri-reference', 'hostname', 'ipv4', 'ipv6', 'byte', 'binary', 'password', 'duration', 'json-pointer', 'regex', 'idn-email'];
  for (const format of formats) {
    it(`synthesizes a valid ${format}`, () => {
      const value = validSample({ type: 'string', format });
      expect(value).to.be.a('string').and.not.equal('');
    });
  }

  it('keeps int32 and int64 integers within their ranges', () => {
    expect(validSample({ type: 'integer', format: 'int32', minimum: -5 })).to.equal(1);
    expect(validSample({ type: 'integer', format: 'int32', minimum: 2147483647 })).to.equal(2147483647);
    expect(sample({ type: 'integer', format: 'int32', maximum: -3000000000 }).diagnostics.map((d) => d.code)).to.deep.equal(['data/unsatisfiable-schema']);
  });
});

describe('data/exampleForSchema: strings', () => {
  it('generates a string matching a pattern, the same every time', () => {
    const value = validSample({ type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' });
    expect(value).to.match(/^[A-Z]{3}-\d{4}$/);
  });

  it('honours minLength and maxLength together with a pattern', () => {
    const value = validSample({ type: 'string', pattern: '^[a-z]+$', minLength: 12, maxLength: 14 }) as string;
    expect(value.length).to.be.within(12, 14);
  });

  it('pads an unanchored pattern to minLength', () => {
    const value = validSample({ type: 'string', pattern: 'ab', minLength: 6 }) as string;
    expect(value).to.have.length(6);
  });

  it('reports a pattern it cannot satisfy within the length bounds', () => {
    const result = sample({ type: 'string', pattern: '^a{5}$', maxLength: 2 });
    expect(result.diagnostics.map((d) => d.code)).to.deep.equal(['data/unsatisfiable-schema']);
    expect(result.value).to.be.a('string');
  });

  it('fits plain strings to minLength/maxLength', () => {
    expect(validSample({ type: 'string', minLength: 10 })).to.have.length(10);
    expect(validSample({ type: 'string', maxLength: 3 })).to.have.length(3);
  });
});

describe('data/exampleForSchema: numbers', () => {
  it('honours minimum, maximum and the boolean exclusive bounds of 3.0', () => {
    expect(validSample({ type: 'integer', minimum: 10, exclusiveMinimum: true })).to.equal(11);
    expect(validSample({ type: 'number', maximum: 0, exclusiveMaximum: true })).to.be.below(0);
  });

  it('honours the numeric exclusive bounds of 3.1', () => {
    expect(validSample({ type: 'integer', exclusiveMinimum: 100 }, { document: document31() })).to.equal(101);
  });

  it('honours multipleOf, also fractional', () => {
    expect(validSample({ type: 'integer', minimum: 7, multipleOf: 5 })).to.equal(10);
    expect(validSample({ type: 'number', minimum: 0.3, multipleOf: 0.01 })).to.be.a('number');
  });

  it('reports an empty range', () => {
    const result = sample({ type: 'integer', minimum: 5, maximum: 4 });
    expect(result.value).to.equal(undefined);
    expect(result.diagnostics.map((d) => d.code)).to.deep.equal(['data/unsatisfiable-schema']);
  });
});

describe('data/exampleForSchema: arrays and objects', () => {
  it('builds minItems items, distinct when uniqueItems', () => {
    const value = validSample({ type: 'array', minItems: 3, uniqueItems: true, items: { type: 'string', enum: ['a', 'b', 'c'] } });
    expect(value).to.deep.equal(['a', 'b', 'c']);
    expect(validSample({ type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string', format: 'uuid' } })).to.have.length(2);
    expect(validSample({ type: 'array', maxItems: 0, items: { type: 'string' } })).to.deep.equal([]);
  });

  it('reports uniqueItems it cannot satisfy', () => {
    const result = sample({ type: 'array', minItems: 3, uniqueItems: true, items: { type: 'boolean' } });
    expect(result.diagnostics.map((d) => d.code)).to.include('data/unsatisfiable-schema');
  });

  it('sends required properties and the optional ones the spec illustrates with an example', () => {
    const value = validSample({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, nickname: { type: 'string', example: 'rex' }, age: { type: 'integer' } },
    });
    expect(value).to.deep.equal({ name: 'example', nickname: 'rex' });
  });

  it('leaves readOnly properties out of requests and writeOnly ones out of responses', () => {
    const document = document30({ Id: { type: 'string', readOnly: true } });
    const schema = {
      type: 'object',
      required: ['id', 'password', 'name'],
      properties: { id: { $ref: '#/components/schemas/Id' }, password: { type: 'string', writeOnly: true }, name: { type: 'string' } },
    };
    expect(validSample(schema, { document })).to.deep.equal({ password: 'example', name: 'example' });
    expect(validSample(schema, { document, direction: 'response' })).to.deep.equal({ id: 'example', name: 'example' });
  });

  it('fills minProperties from additionalProperties', () => {
    expect(validSample({ type: 'object', minProperties: 1, additionalProperties: { type: 'integer' } })).to.deep.equal({ property1: 1 });
  });

  it('merges allOf', () => {
    const document = document30({ Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 3 } } } });
    const value = validSample({ allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['tag'], properties: { tag: { type: 'string', maxLength: 2 } } }] }, { document });
    expect(value).to.deep.equal({ id: 3, tag: 'ex' });
  });
});

describe('data/exampleForSchema: oneOf, anyOf, discriminator, null', () => {
  it('takes the first oneOf branch whose value matches exactly one branch', () => {
    // The first branch's value ({a}) also matches the second; the second's ({}) matches only it.
    const schema = {
      oneOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
        { type: 'object', properties: { a: { type: 'string' } } },
        { type: 'integer' },
      ],
    };
    expect(validSample(schema)).to.deep.equal({});
  });

  it('takes the first anyOf branch', () => {
    expect(validSample({ anyOf: [{ type: 'string', maxLength: 5000 }, { type: 'object' }] })).to.equal('example');
  });

  it('sets the discriminator property to the mapping key of the chosen branch', () => {
    const document = document30({
      Pet: { type: 'object', required: ['petType'], properties: { petType: { type: 'string' } }, discriminator: { propertyName: 'petType', mapping: { kitty: '#/components/schemas/Cat' } } },
      Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'object', required: ['lives'], properties: { lives: { type: 'integer', maximum: 9 } } }] },
      Dog: { allOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'object', required: ['bark'], properties: { bark: { type: 'boolean' } } }] },
    });
    const schema = { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'petType', mapping: { kitty: '#/components/schemas/Cat' } } };
    expect(validSample(schema, { document })).to.deep.equal({ petType: 'kitty', lives: 1 });
    expect(validSample({ $ref: '#/components/schemas/Dog' }, { document })).to.deep.equal({ petType: 'Dog', bark: true });
  });

  it('gives non-null values for nullable (3.0) and type arrays with null (3.1), null for type null', () => {
    expect(validSample({ type: 'string', nullable: true })).to.equal('example');
    expect(validSample({ type: ['null', 'integer'] }, { document: document31() })).to.equal(1);
    expect(validSample({ type: 'null' }, { document: document31() })).to.equal(null);
    expect(validSample({ oneOf: [{ type: 'null' }, { type: 'boolean' }] }, { document: document31() })).to.equal(true);
  });
});

describe('data/exampleForSchema: $refs and recursion', () => {
  it('leaves an optional recursive property out and ends a required one with the smallest value', () => {
    const document = document30({
      Node: { type: 'object', required: ['name', 'children'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } },
    });
    const value = validSample({ $ref: '#/components/schemas/Node' }, { document });
    expect(value).to.deep.equal({ name: 'example', children: [] });
  });

  it('reports a schema with no finite instance', () => {
    const document = document30({ Loop: { type: 'object', required: ['next'], properties: { next: { $ref: '#/components/schemas/Loop' } } } });
    const result = sample({ $ref: '#/components/schemas/Loop' }, { document });
    expect(result.value).to.equal(undefined);
    expect(result.diagnostics.map((d) => d.code)).to.deep.equal(['data/no-finite-instance']);
  });

  it('reports an unresolvable $ref and uses {}', () => {
    const result = sample({ type: 'object', required: ['x'], properties: { x: { $ref: '#/components/schemas/Missing' } } });
    expect(result.value).to.deep.equal({ x: {} });
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).to.deep.equal([['data/unresolved-ref', '#/test/properties/x']]);
  });

  it('handles a large recursive graph quickly', () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 50; index++) {
      schemas[`S${index}`] = {
        type: 'object',
        required: ['next', 'id'],
        properties: { id: { type: 'string', format: 'uuid' }, next: { anyOf: [{ type: 'string' }, { $ref: `#/components/schemas/S${(index + 1) % 50}` }] }, more: { type: 'array', items: { $ref: `#/components/schemas/S${(index + 7) % 50}` } } },
      };
    }
    const started = process.hrtime.bigint();
    validSample({ $ref: '#/components/schemas/S0' }, { document: document30(schemas) });
    expect(Number(process.hrtime.bigint() - started) / 1e6).to.be.below(2000);
  });
});
