import { Ajv } from 'ajv';
import { expect } from 'chai';
import { USER_CONFIG_SCHEMA } from '../../src/config/index.js';
import { X_PERFPLAN_SCHEMA } from '../../src/pipeline/x-perfplan.js';

// perfplan compiles these without checking them against the JSON Schema meta-schema on every
// run (it cost a start-up of every command); this is where they are checked.
describe('the schemas perfplan validates with', () => {
  for (const [name, schema] of [
    ['the config schema', USER_CONFIG_SCHEMA],
    ['the x-perfplan schema', X_PERFPLAN_SCHEMA],
  ] as const) {
    it(`${name} is a valid JSON Schema (draft-07) that compiles in strict mode`, () => {
      const ajv = new Ajv({ strict: true, allErrors: true });
      ajv.addVocabulary(['x-expected']);
      expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).to.equal(true);
      expect(() => ajv.compile(schema)).not.to.throw();
    });
  }

  it('a schema that breaks the meta-schema is caught by this check', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'nonsense' } } })).to.equal(false);
  });
});
