import { expect } from 'chai';
import { DocumentValidator } from '../../src/data/validator.js';

const document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/pets': {
      post: {
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 } } } } } },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
    },
  },
};

describe('DocumentValidator', () => {
  it('resolves $refs into components', () => {
    const validator = new DocumentValidator(document, 'request');
    const schema = { $ref: '#/components/schemas/Pet' };
    expect(validator.validate(schema, { id: 3 }).status).to.equal('valid');
    expect(validator.validate(schema, { id: 0 }).status).to.equal('invalid');
  });

  it('resolves a $ref into the operations too (registered only when one needs it)', () => {
    const validator = new DocumentValidator(document, 'request');
    const schema = { $ref: '#/paths/~1pets/post/requestBody/content/application~1json/schema' };
    expect(validator.validate(schema, { name: 'Rex' }).status).to.equal('valid');
    const invalid = validator.validate(schema, { name: 'R' });
    expect(invalid.status).to.equal('invalid');
    expect(invalid.status === 'invalid' && invalid.message).to.match(/must NOT have fewer than 2 characters/);
  });

  it('answers unknown, not valid or invalid, for a $ref to nothing', () => {
    const validator = new DocumentValidator(document, 'request');
    expect(validator.validate({ $ref: '#/components/schemas/Missing' }, {}).status).to.equal('unknown');
  });
});
