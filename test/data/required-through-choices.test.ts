import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';
import { buildRequestTemplate, DocumentValidator } from '../../src/data/index.js';
import type { Diagnostic, RequestBodyModel, SchemaObject, TestPlan } from '../../src/model/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { apiModel, document30, operation, sample } from './helpers.js';

const FIXTURE = `${FIXTURES_DIR}/request-classes/required-through-oneof.yaml`;
const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

/** The value is accepted as OpenAPI reads readOnly (not required in requests) and as plain JSON Schema reads it (required as written). */
function acceptedByBothReadings(document: Record<string, unknown>, schema: unknown, value: unknown): void {
  for (const reading of ['openapi', 'literal'] as const) {
    const check = new DocumentValidator(document, 'request', reading).validate(schema, value);
    expect(check, `${reading} reading of ${JSON.stringify(value)}`).to.deep.equal({ status: 'valid' });
  }
}

function body(schema: SchemaObject): RequestBodyModel {
  return { required: true, contents: [{ mediaType: 'application/json', schema, examples: [], encoding: {}, pointer: '#/paths/~1things/post/requestBody/content/application~1json' }], pointer: '#/paths/~1things/post/requestBody' };
}

describe('data: required properties reached through oneOf/anyOf/allOf', () => {
  it('keeps a branch requirement on a readOnly property the parent declares: the other anyOf branch is taken, not {}', () => {
    const schema = {
      type: 'object',
      properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } },
      anyOf: [{ required: ['id'] }, { required: ['name'] }],
    };
    const result = sample(schema);
    expect(result.value).to.deep.equal({ name: 'example' });
    acceptedByBothReadings(document30(), schema, result.value);
    expect(result.diagnostics).to.deep.equal([]);
  });

  it('sends the readOnly property a oneOf branch requires when only it tells the branches apart for a literal reader', () => {
    const schema = {
      oneOf: [
        { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } },
        { type: 'object', required: ['name', 'tag'], properties: { name: { type: 'string' }, tag: { type: 'string' } } },
      ],
    };
    const result = sample(schema);
    expect(result.value).to.deep.equal({ id: 'example', name: 'example' });
    acceptedByBothReadings(document30(), schema, result.value);
  });

  it('finds the value every reading accepts when branches differ only by readOnly properties and additionalProperties', () => {
    const document = document30({
      NewWidget: { type: 'object', required: ['label'], additionalProperties: false, properties: { label: { type: 'string' } } },
      StoredWidget: { type: 'object', required: ['id', 'label'], additionalProperties: false, properties: { id: { type: 'integer', readOnly: true }, label: { type: 'string' } } },
    });
    const schema = { oneOf: [{ $ref: '#/components/schemas/NewWidget' }, { $ref: '#/components/schemas/StoredWidget' }] };
    const result = sample(schema, { document });
    expect(result.value).to.deep.equal({ id: 1, label: 'example' });
    acceptedByBothReadings(document, schema, result.value);
    expect(result.diagnostics.map((d) => d.code)).to.deep.equal([]);
  });

  it('reads a readOnly property that only an allOf part declares as not required, as OpenAPI does', () => {
    const schema = { required: ['id', 'name'], allOf: [{ properties: { id: { type: 'integer', readOnly: true } } }, { properties: { name: { type: 'string' } } }] };
    const validator = new DocumentValidator(document30(), 'request');
    expect(validator.validate(schema, { name: 'x' })).to.deep.equal({ status: 'valid' });
    expect(new DocumentValidator(document30(), 'response').validate(schema, { name: 'x' }).status).to.equal('invalid');
    expect(sample(schema).value).to.deep.equal({ name: 'example' });
  });

  it('reports nothing about a branch it did not send', () => {
    const schema = { type: 'object', required: ['v'], oneOf: [{ properties: { v: { type: 'string', enum: [] } } }, { properties: { v: { type: 'integer', minimum: 5 } } }] };
    const result = sample(schema);
    expect(result.value).to.deep.equal({ v: 5 });
    expect(result.diagnostics).to.deep.equal([]);
  });

  it('sends the closest value when a required part cannot be built, says so, and plans the request as known-unsupported', () => {
    const diagnostics: Diagnostic[] = [];
    const schema = { type: 'object', required: ['name', 'count'], properties: { name: { type: 'string' }, count: { type: 'integer', minimum: 5, maximum: 4 } } };
    const template = buildRequestTemplate({ model: apiModel(), operation: operation({ requestBody: body(schema) }), report: (d) => diagnostics.push(d) });
    expect(template.body?.value).to.deep.equal({ name: 'example' });
    expect(template.knownUnsupported).to.match(/no value satisfies the schema at .*; perfplan sends the closest value it found/);
    const unsatisfiable = diagnostics.filter((d) => d.code === 'data/unsatisfiable-schema');
    expect(unsatisfiable).to.have.length(1);
    expect(unsatisfiable[0].fix).to.contain('known-unsupported').and.to.contain('closest value');
  });

  it('builds, for every operation of the fixture, a body both readings accept, with no warning', async () => {
    const { model } = await loadSpec({ file: FIXTURE });
    for (const op of model.operations) {
      const diagnostics: Diagnostic[] = [];
      const template = buildRequestTemplate({ model, operation: op, report: (d) => diagnostics.push(d) });
      expect(template.knownUnsupported, op.id).to.equal(undefined);
      acceptedByBothReadings(model.document, op.requestBody?.contents[0].schema, template.body?.value);
      expect(diagnostics.filter((d) => d.severity !== 'info'), op.id).to.deep.equal([]);
    }
  });

  it('keeps the bodies valid through the plan (variations included)', async () => {
    const { model } = await loadSpec({ file: FIXTURE });
    const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } }));
    const plan: TestPlan = (await pipeline.plan(FIXTURE, model.document)).plan;
    for (const request of plan.requests) {
      const op = model.operations.find((candidate) => candidate.id === request.operationId)!;
      acceptedByBothReadings(model.document, op.requestBody?.contents[0].schema, request.body?.value);
    }
  });
});
