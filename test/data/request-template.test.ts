import { expect } from 'chai';
import type { Diagnostic, ParameterModel, RequestBodyModel, ResponseModel } from '../../src/model/index.js';
import { buildRequestTemplate, DocumentValidator, expectedStatuses, isFileMarker, SAMPLE_FILE_CONTENT } from '../../src/data/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { fixtureSpec } from '../helpers/paths.js';
import { apiModel, document30, operation } from './helpers.js';

function parameter(overrides: Partial<ParameterModel> & Pick<ParameterModel, 'name' | 'in'>): ParameterModel {
  return { required: false, deprecated: false, examples: [], pointer: `#/paths/~1things/post/parameters/${overrides.name}`, ...overrides };
}

function response(status: string): ResponseModel {
  return { status, contents: [], headers: {}, links: [], pointer: `#/paths/~1things/post/responses/${status}` };
}

function body(contents: { mediaType: string; schema?: Record<string, unknown> }[], required = true): RequestBodyModel {
  return { required, contents: contents.map((c) => ({ ...c, examples: [], encoding: {}, pointer: `#/paths/~1things/post/requestBody/content/${c.mediaType}` })), pointer: '#/paths/~1things/post/requestBody' };
}

describe('data/buildRequestTemplate: parameters', () => {
  const parameters: ParameterModel[] = [
    parameter({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }),
    parameter({ name: 'limit', in: 'query', schema: { type: 'integer', default: 20 } }),
    parameter({ name: 'filter', in: 'query', schema: { type: 'string' } }),
    parameter({ name: 'sort', in: 'query', examples: [{ value: 'bogus' }, { name: 'good', value: 'name' }], schema: { type: 'string', enum: ['name', 'date'] } }),
    parameter({ name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string' } }),
    parameter({ name: 'Accept', in: 'header', required: true, schema: { type: 'string' } }),
    parameter({ name: 'session', in: 'cookie', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{8}$' }, style: 'form', explode: true }),
  ];

  it('sends required parameters and optional ones with an example or default, never Accept', () => {
    const diagnostics: Diagnostic[] = [];
    const template = buildRequestTemplate({ model: apiModel(), operation: operation({ parameters }), report: (d) => diagnostics.push(d) });
    expect(template.parameters.map((p) => `${p.in}:${p.name}`)).to.deep.equal(['path:id', 'query:limit', 'query:sort', 'header:X-Request-Id', 'cookie:session']);
    const byName = Object.fromEntries(template.parameters.map((p) => [p.name, p.value]));
    expect(byName.limit).to.equal(20);
    expect(byName.sort).to.equal('name');
    expect(byName.session).to.match(/^[a-f0-9]{8}$/);
    expect(template.parameters.find((p) => p.name === 'session')).to.include({ style: 'form', explode: true });
    expect(diagnostics.map((d) => d.code)).to.deep.equal(['data/example-invalid']);
    const validator = new DocumentValidator(document30(), 'request');
    for (const sent of template.parameters) {
      const schema = parameters.find((p) => p.name === sent.name)?.schema;
      expect(validator.validate(schema, sent.value).status, sent.name).to.equal('valid');
    }
  });

  it('never sends an empty path segment nor a header with control characters', () => {
    const diagnostics: Diagnostic[] = [];
    const template = buildRequestTemplate({
      model: apiModel(),
      operation: operation({
        parameters: [
          parameter({ name: 'name', in: 'path', required: true, schema: { type: 'string', maxLength: 0 } }),
          parameter({ name: 'X-Note', in: 'header', required: true, examples: [{ value: 'line1\r\nline2' }], schema: { type: 'string' } }),
        ],
      }),
      report: (d) => diagnostics.push(d),
    });
    expect(template.parameters.map((p) => p.value)).to.deep.equal(['1', 'line1--line2']);
    expect(diagnostics.map((d) => d.code)).to.deep.equal(['data/unsafe-parameter-value', 'data/unsafe-parameter-value']);
  });

  it('gives the same template twice', () => {
    const build = () => buildRequestTemplate({ model: apiModel(), operation: operation({ parameters }), report: () => {} });
    expect(build()).to.deep.equal(build());
  });
});

describe('data/buildRequestTemplate: bodies', () => {
  const object = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

  it('prefers JSON (also +json) over form, multipart, binary and XML', () => {
    const template = buildRequestTemplate({
      model: apiModel(),
      operation: operation({ requestBody: body([{ mediaType: 'application/xml', schema: object }, { mediaType: 'multipart/form-data', schema: object }, { mediaType: 'application/vnd.api+json', schema: object }]) }),
      report: () => {},
    });
    expect(template.body).to.deep.equal({ mediaType: 'application/vnd.api+json', value: { name: 'example' } });
    const form = buildRequestTemplate({
      model: apiModel(),
      operation: operation({ requestBody: body([{ mediaType: 'application/xml', schema: object }, { mediaType: 'multipart/form-data', schema: object }, { mediaType: 'application/x-www-form-urlencoded', schema: object }]) }),
      report: () => {},
    });
    expect(form.body?.mediaType).to.equal('application/x-www-form-urlencoded');
  });

  it('sends multipart binary fields as file markers and octet-stream bodies as one', () => {
    const upload = { type: 'object', required: ['file', 'purpose'], properties: { file: { type: 'string', format: 'binary' }, purpose: { type: 'string', enum: ['avatar'] } } };
    const multipart = buildRequestTemplate({ model: apiModel(), operation: operation({ requestBody: body([{ mediaType: 'multipart/form-data', schema: upload }]) }), report: () => {} });
    const value = multipart.body?.value as Record<string, unknown>;
    expect(value.purpose).to.equal('avatar');
    expect(isFileMarker(value.file)).to.equal(true);
    const binary = buildRequestTemplate({ model: apiModel(), operation: operation({ requestBody: body([{ mediaType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } }]) }), report: () => {} });
    expect(binary.body).to.deep.equal({ mediaType: 'application/octet-stream', value: { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: SAMPLE_FILE_CONTENT } } });
  });

  it('sends no optional body with GET, but a required one', () => {
    const optional = buildRequestTemplate({ model: apiModel(), operation: operation({ method: 'get', requestBody: body([{ mediaType: 'application/json', schema: object }], false) }), report: () => {} });
    expect(optional.body).to.equal(undefined);
    const required = buildRequestTemplate({ model: apiModel(), operation: operation({ method: 'get', requestBody: body([{ mediaType: 'application/json', schema: object }], true) }), report: () => {} });
    expect(required.body?.value).to.deep.equal({ name: 'example' });
  });
});

describe('data/buildRequestTemplate: statuses and auth', () => {
  it('lists documented 2xx/3xx statuses, ranges as their first status, none as []', () => {
    expect(expectedStatuses(['404', '201', '2XX', 'default', '302', '200'].map(response))).to.deep.equal([200, 201, 302]);
    expect(expectedStatuses(['3XX'].map(response))).to.deep.equal([300]);
    expect(expectedStatuses(['default', '400'].map(response))).to.deep.equal([]);
  });

  it('takes the first fully supported security alternative; security: [] means none', () => {
    const model = apiModel({
      securitySchemes: {
        mtls: { type: 'mutualTLS' },
        digest: { type: 'http', scheme: 'digest' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        token: { type: 'http', scheme: 'Bearer' },
      },
      security: [{ key: [] }],
    });
    const auth = (security?: Record<string, string[]>[]) => buildRequestTemplate({ model, operation: operation({ security }), report: () => {} }).auth;
    expect(auth()).to.deep.equal(['key']);
    expect(auth([])).to.deep.equal([]);
    expect(auth([{ mtls: [] }, { key: [], digest: [] }, { token: [], key: [] }])).to.deep.equal(['token', 'key']);
    const diagnostics: Diagnostic[] = [];
    expect(buildRequestTemplate({ model, operation: operation({ security: [{ mtls: [] }] }), report: (d) => diagnostics.push(d) }).auth).to.deep.equal([]);
    expect(diagnostics.map((d) => d.code)).to.deep.equal(['data/no-supported-auth']);
  });
});

describe('data/buildRequestTemplate on the spec fixtures', () => {
  it('Swagger 2.0 petstore: formData file upload is multipart with a file marker; every template validates', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('swagger-petstore-v2-1.0.0.json') });
    const templates = model.operations.map((op) => buildRequestTemplate({ model, operation: op, report: () => {} }));
    const upload = templates.find((t) => t.operationId === 'uploadFile');
    expect(upload?.body?.mediaType).to.equal('multipart/form-data');
    expect(isFileMarker((upload?.body?.value as Record<string, unknown>).file)).to.equal(true);
    expect(templates.find((t) => t.operationId === 'addPet')?.body?.value).to.deep.include({ name: 'doggie' });
  });

  it('security fixture: one auth per supported scheme type, none for mutualTLS', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('readme-security-types-1.0.0.json') });
    const auth = Object.fromEntries(model.operations.map((op) => [`${op.method} ${op.path}`, buildRequestTemplate({ model, operation: op, report: () => {} }).auth]));
    expect(auth['get /anything/apiKey']).to.deep.equal(['apiKey_query']);
    expect(auth['post /anything/basic']).to.deep.equal(['basic']);
    expect(auth['post /anything/openIdConnect']).to.deep.equal(['openIdConnect']);
    expect(auth['post /anything/mutualTLS']).to.deep.equal([]);
    expect(auth['post /anything/no-auth']).to.deep.equal([]);
  });

  it('USPTO: the urlencoded search body carries its required fields', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('oai-uspto-1.0.0.yaml') });
    const search = model.operations.find((op) => op.method === 'post');
    const template = buildRequestTemplate({ model, operation: search!, report: () => {} });
    expect(template.body?.mediaType).to.equal('application/x-www-form-urlencoded');
    expect(template.body?.value).to.deep.equal({ criteria: '*:*' });
    expect(template.parameters.map((p) => p.in)).to.deep.equal(['path', 'path']);
  });
});

describe('lone surrogates in request values', () => {
  it('are sent as U+FFFD with a diagnostic, since no request can carry them', async () => {
    const { wellFormedValue } = await import('../../src/data/well-formed.js');
    expect(wellFormedValue({ q: 'a\ud800b', ok: ['😀', '\udc00'] })).to.deep.equal({ value: { q: 'a\ufffdb', ok: ['😀', '\ufffd'] }, changed: true });
    const same = { q: 'plain 😀' };
    expect(wellFormedValue(same).value).to.equal(same);
  });
});
