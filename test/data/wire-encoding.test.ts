import { expect } from 'chai';
import type { EncodingModel, ParameterModel, RequestBodyModel, RequestTemplate } from '../../src/model/index.js';
import { buildRequestTemplate, DocumentValidator } from '../../src/data/index.js';
import { apiModel, document30, operation } from './helpers.js';

function queryParameter(overrides: Partial<ParameterModel> & Pick<ParameterModel, 'name'>): ParameterModel {
  return { in: 'query', required: false, deprecated: false, examples: [], pointer: `#/paths/~1things/get/parameters/${overrides.name}`, ...overrides };
}

function formBody(schema: Record<string, unknown>, encoding: Record<string, EncodingModel> = {}, options: { required?: boolean; mediaType?: string } = {}): RequestBodyModel {
  const mediaType = options.mediaType ?? 'application/x-www-form-urlencoded';
  return {
    required: options.required ?? true,
    contents: [{ mediaType, schema, examples: [], encoding, pointer: `#/paths/~1things/post/requestBody/content/${mediaType.replace('/', '~1')}` }],
    pointer: '#/paths/~1things/post/requestBody',
  };
}

function template(input: { parameters?: ParameterModel[]; requestBody?: RequestBodyModel; schemas?: Record<string, unknown>; method?: 'get' | 'post' }): RequestTemplate {
  const document = document30(input.schemas ?? {});
  return buildRequestTemplate({
    model: apiModel({ document }),
    operation: operation({ method: input.method ?? 'post', parameters: input.parameters ?? [], requestBody: input.requestBody }),
    report: () => {},
  });
}

function expectValid(schema: unknown, value: unknown, schemas: Record<string, unknown> = {}): void {
  expect(new DocumentValidator(document30(schemas), 'request').validate(schema, value), JSON.stringify(value)).to.deep.equal({ status: 'valid' });
}

const deepObject = (...names: string[]): Record<string, EncodingModel> => Object.fromEntries(names.map((name) => [name, { style: 'deepObject', explode: true }]));

describe('data: arrays written as repeated keys carry two items', () => {
  const tags = { type: 'array', items: { type: 'string', enum: ['red', 'green', 'blue'] } };

  it('form body fields without an encoding style get a second, different enum value', () => {
    const schema = { type: 'object', required: ['tags', 'urls'], properties: { tags, urls: { type: 'array', items: { type: 'string', format: 'uri' } } } };
    const body = template({ requestBody: formBody(schema) }).body;
    const value = body?.value as Record<string, unknown>;
    expect(value.tags).to.deep.equal(['red', 'green']);
    expect(value.urls).to.have.length(2);
    expectValid(schema, value);
  });

  it('keeps one item when the schema allows no second one (maxItems 1, uniqueItems with a one-value enum)', () => {
    const schema = {
      type: 'object',
      required: ['one', 'only'],
      properties: { one: { type: 'array', maxItems: 1, items: { type: 'string' } }, only: { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['x'] } } },
    };
    expect(template({ requestBody: formBody(schema) }).body?.value).to.deep.equal({ one: ['example'], only: ['x'] });
  });

  it('uniqueItems arrays get distinct items; a spec example with one item is extended', () => {
    const schema = { type: 'object', required: ['ids'], properties: { ids: { type: 'array', uniqueItems: true, items: { type: 'integer' }, example: [7] } } };
    const value = template({ requestBody: formBody(schema) }).body?.value as { ids: number[] };
    expect(value.ids[0]).to.equal(7);
    expect(value.ids).to.have.length(2);
    expect(new Set(value.ids).size).to.equal(2);
  });

  it('query parameters: form/explode arrays get two items, explode: false and other styles keep one', () => {
    const items = { type: 'array', items: { type: 'string', enum: ['a', 'b'] } };
    const parameters = [
      queryParameter({ name: 'exploded', required: true, schema: items }),
      queryParameter({ name: 'commas', required: true, schema: items, style: 'form', explode: false }),
      queryParameter({ name: 'pipes', required: true, schema: items, style: 'pipeDelimited' }),
    ];
    const sent = Object.fromEntries(template({ method: 'get', parameters }).parameters.map((p) => [p.name, p.value]));
    expect(sent).to.deep.equal({ exploded: ['a', 'b'], commas: ['a'], pipes: ['a'] });
  });

  it('a deepObject form field or a form field with style form is not widened', () => {
    const schema = { type: 'object', required: ['list', 'deep'], properties: { list: tags, deep: tags } };
    const body = template({ requestBody: formBody(schema, { list: { style: 'form', explode: false }, deep: { style: 'deepObject' } }) }).body;
    expect(body?.value).to.deep.equal({ list: ['red'], deep: ['red'] });
  });
});

describe('data: deepObject values a validating server rebuilds', () => {
  const automaticTax = { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' }, liability: { type: 'string' } } };

  it('sends an optional deepObject query parameter whose object has required properties, with just those', () => {
    const parameters = [
      queryParameter({ name: 'automatic_tax', schema: automaticTax, style: 'deepObject', explode: true }),
      queryParameter({ name: 'filters', schema: { type: 'object', properties: { q: { type: 'string' } } }, style: 'deepObject', explode: true }),
      queryParameter({ name: 'plain', schema: automaticTax, style: 'form' }),
      queryParameter({ name: 'created', schema: { anyOf: [automaticTax, { type: 'integer' }] }, style: 'deepObject', explode: true }),
    ];
    const sent = template({ method: 'get', parameters }).parameters;
    expect(sent.map((p) => [p.name, p.value])).to.deep.equal([['automatic_tax', { enabled: true }]]);
  });

  it('sends nested optional objects with required properties (and a required non-empty array) inside a deepObject value', () => {
    const schemas = {
      Address: { type: 'object', required: ['line1'], properties: { line1: { type: 'string' }, city: { type: 'string' } } },
      Shipping: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, address: { $ref: '#/components/schemas/Address' }, notes: { type: 'object', properties: { text: { type: 'string' } } } } },
    };
    const intent = {
      type: 'object',
      properties: {
        shipping: { $ref: '#/components/schemas/Shipping' },
        codes: { type: 'array', minItems: 1, items: { type: 'string' } },
        choice: { anyOf: [{ type: 'object', required: ['x'], properties: { x: { type: 'string' } } }, { type: 'string', enum: [''] }] },
      },
    };
    const schema = { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' }, intent } };
    const value = template({ requestBody: formBody(schema, deepObject('intent'), { required: true }), schemas }).body?.value;
    expect(value).to.deep.equal({ amount: 1, intent: { shipping: { name: 'example', address: { line1: 'example' } }, codes: ['example'] } });
    expectValid(schema, value, schemas);
  });

  it('completes a deepObject field the request sends anyway', () => {
    const schema = {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['card'] }, card: automaticTax } } },
    };
    expect(template({ requestBody: formBody(schema, deepObject('data')) }).body?.value).to.deep.equal({ data: { type: 'card', card: { enabled: true } } });
  });

  it('sends a required property Prism reads as one value (anyOf of an array and "") as the scalar alternative', () => {
    // Stripe's features.subscription_cancel.cancellation_reason.options
    const options = { anyOf: [{ type: 'array', items: { type: 'string', enum: ['too_expensive'] } }, { type: 'string', enum: [''] }] };
    const schema = {
      type: 'object',
      required: ['features'],
      properties: { features: { type: 'object', properties: { reason: { type: 'object', required: ['enabled', 'options'], properties: { enabled: { type: 'boolean' }, options } } } } },
    };
    const value = template({ requestBody: formBody(schema, deepObject('features')) }).body?.value;
    expect(value).to.deep.equal({ features: { reason: { enabled: true, options: '' } } });
    expectValid(schema, value);
    // without a scalar alternative the array stays
    const arrayOnly = { ...schema, properties: { features: { type: 'object', required: ['list'], properties: { list: { anyOf: [{ type: 'array', items: { type: 'string' } }] } } } } };
    expect(template({ requestBody: formBody(arrayOnly, deepObject('features')) }).body?.value).to.deep.equal({ features: { list: ['example'] } });
  });

  it('multipart bodies: deepObject styles are ignored (OpenAPI), and a field Prism would rebuild marks the request', () => {
    const schema = {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, link: { type: 'object', required: ['create'], properties: { create: { type: 'boolean' } } } },
    };
    const request = template({ requestBody: formBody(schema, deepObject('link'), { mediaType: 'multipart/form-data' }) });
    expect(Object.keys(request.body?.value as object)).to.deep.equal(['file']);
    expect(request.knownUnsupported).to.include('field "link" has encoding style deepObject, which OpenAPI ignores in multipart bodies');
  });

  it('leaves optional deepObject fields out when nothing requires them', () => {
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, metadata: { type: 'object', additionalProperties: { type: 'string' } } } };
    expect(template({ requestBody: formBody(schema, deepObject('metadata')) }).body?.value).to.deep.equal({ name: 'example' });
  });
});

describe('data: required objects written in deepObject style are never empty', () => {
  it('fills a required empty object with its first optional property, recursively', () => {
    // The shape of Stripe's PostBillingPortalConfigurations body.
    const schema = {
      type: 'object',
      required: ['business_profile', 'features'],
      properties: {
        business_profile: { type: 'object', properties: { headline: { type: 'string', maxLength: 60 }, privacy_policy_url: { type: 'string' } } },
        features: {
          type: 'object',
          properties: { invoice_history: { type: 'object', properties: { enabled: { type: 'boolean' } } }, other: { type: 'string' } },
        },
      },
    };
    const value = template({ requestBody: formBody(schema, deepObject('business_profile', 'features')) }).body?.value;
    expect(value).to.deep.equal({ business_profile: { headline: 'example' }, features: { invoice_history: { enabled: true } } });
    expectValid(schema, value);
  });

  it('skips a first property whose value would be invalid or empty', () => {
    const schema = {
      type: 'object',
      required: ['settings'],
      properties: {
        settings: {
          type: 'object',
          properties: { nothing: { type: 'object', maxProperties: 0 }, hidden: { type: 'string', readOnly: true }, size: { type: 'integer', minimum: 3 } },
        },
      },
    };
    expect(template({ requestBody: formBody(schema, deepObject('settings')) }).body?.value).to.deep.equal({ settings: { size: 3 } });
  });

  it('a required form body that would be empty gets its first field', () => {
    const schema = { type: 'object', properties: { note: { type: 'string' }, count: { type: 'integer' } } };
    expect(template({ requestBody: formBody(schema, {}, { required: true }) }).body?.value).to.deep.equal({ note: 'example' });
    expect(template({ requestBody: formBody(schema, {}, { required: false }) }).body?.value).to.deep.equal({});
  });
});

describe('data: requests a validating server may refuse are marked knownUnsupported', () => {
  it('an array of objects in a deepObject form field', () => {
    const schema = {
      type: 'object',
      required: ['line_items'],
      properties: { line_items: { type: 'array', items: { type: 'object', required: ['price'], properties: { price: { type: 'string' } } } } },
    };
    const request = template({ requestBody: formBody(schema, deepObject('line_items')) });
    expect(request.body?.value).to.deep.equal({ line_items: [{ price: 'example' }] });
    expect(request.knownUnsupported).to.include('"line_items" as an array of objects in deepObject style (line_items[0][price]=…)');
    expect(request.knownUnsupported).to.include('Cannot deserialize JSON object array in form data');
  });

  it('an array form field without an encoding style (repeated keys); not with a style, not in JSON', () => {
    const schema = { type: 'object', required: ['MediaUrl'], properties: { MediaUrl: { type: 'array', items: { type: 'string' } } } };
    expect(template({ requestBody: formBody(schema) }).knownUnsupported).to.include('field "MediaUrl" as an array written as repeated keys');
    expect(template({ requestBody: formBody(schema, { MediaUrl: { style: 'form', explode: true } }) }).knownUnsupported).to.equal(undefined);
    expect(template({ requestBody: formBody(schema, {}, { mediaType: 'application/json' }) }).knownUnsupported).to.equal(undefined);
  });
});
