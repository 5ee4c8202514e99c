import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';
import {
  cborEncode,
  contentOfBody,
  contentsByPreference,
  DocumentValidator,
  isFileMarker,
  jsonPatchProblem,
  jwtProblem,
  PLACEHOLDER_JWT,
  REQUEST_JWT_ENV,
} from '../../src/data/index.js';
import type { ApiModel, Diagnostic, JsonValue, MediaTypeModel, RequestTemplate, TestPlan } from '../../src/model/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { renderPlanMarkdown } from '../../src/plan-renderer/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

interface Planned {
  model: ApiModel;
  plan: TestPlan;
  request: (operationId: string) => RequestTemplate;
  /** The media type each request's body was built from. */
  content: (operationId: string) => MediaTypeModel;
}

async function planned(fixture: string): Promise<Planned> {
  const file = `${FIXTURES_DIR}/request-classes/${fixture}`;
  const { model } = await loadSpec({ file });
  const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } }));
  const plan = (await pipeline.plan(file, model.document)).plan;
  const request = (operationId: string) => plan.requests.find((candidate) => candidate.operationId === operationId)!;
  const content = (operationId: string) => {
    const operation = model.operations.find((candidate) => candidate.id === operationId)!;
    return contentOfBody(operation.requestBody!.contents, request(operationId).body!.mediaType)!;
  };
  return { model, plan, request, content };
}

function validFor(planned: Planned, operationId: string, value: unknown): void {
  const check = new DocumentValidator(planned.model.document, 'request').validate(planned.content(operationId).schema, value);
  expect(check, `${operationId}: ${JSON.stringify(value)}`).to.deep.equal({ status: 'valid' });
}

function bytesOf(value: JsonValue | undefined): Buffer {
  expect(isFileMarker(value), JSON.stringify(value)).to.equal(true);
  const file = (value as { $file: { content: string; contentEncoding?: string } }).$file;
  return file.contentEncoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
}

describe('data: request bodies of media types with a grammar of their own', () => {
  describe('JSON Patch (application/json-patch+json)', () => {
    let fixture: Planned;
    before(async () => {
      fixture = await planned('json-patch.yaml');
    });

    it('sends an array of RFC 6902 operations valid for the schema: never {}', () => {
      for (const request of fixture.plan.requests.filter((candidate) => candidate.body?.mediaType === 'application/json-patch+json')) {
        expect(jsonPatchProblem(request.body!.value), request.operationId).to.equal(undefined);
        validFor(fixture, request.operationId, request.body!.value);
        expect(request.knownUnsupported, request.operationId).to.equal(undefined);
      }
      expect(fixture.request('patchPetOperations').body!.value).to.deep.equal([{ op: 'replace', path: '/name', value: 'Rex' }]);
      expect(fixture.request('patchPetLoose').body!.value).to.deep.equal([{ op: 'replace', path: '/name', value: 'Rex' }]);
      expect(fixture.request('patchPetNoSchema').body!.value).to.deep.equal([{ op: 'add', path: '/perfplan', value: 'perfplan' }]);
      expect(fixture.request('patchOrderExample').body!.value).to.deep.equal([
        { op: 'replace', path: '/status', value: 'shipped' },
        { op: 'remove', path: '/note' },
      ]);
    });

    it('sends a merge patch when the JSON Patch schema admits no patch (a Kubernetes-style `type: object`)', () => {
      const request = fixture.request('patchDeployment');
      expect(request.body).to.deep.equal({ mediaType: 'application/merge-patch+json', value: {} });
      expect(request.knownUnsupported).to.equal(undefined);
    });

    it('is not a bulk body: the analysis does not multiply the operations', () => {
      const analysis = fixture.plan.analysis.operations.find((operation) => operation.operationId === 'patchPetOperations');
      expect(analysis?.dataIntensive?.category).to.not.equal('bulk_operation');
      expect(fixture.request('patchPetOperations').body!.value).to.have.length(1);
    });

    it('tells what makes a value no JSON Patch', () => {
      expect(jsonPatchProblem({})).to.match(/array of operations, not an object/);
      expect(jsonPatchProblem([])).to.match(/no operation/);
      expect(jsonPatchProblem([{ op: 'replace', path: 'name', value: 1 }])).to.match(/not a JSON Pointer/);
      expect(jsonPatchProblem([{ op: 'add', path: '/a' }])).to.match(/no "value"/);
      expect(jsonPatchProblem([{ op: 'move', path: '/a' }])).to.match(/"from"/);
      expect(jsonPatchProblem([{ op: 'frobnicate', path: '/a' }])).to.match(/no valid "op"/);
      expect(jsonPatchProblem([{ op: 'remove', path: '/a~1b/0' }, { op: 'test', path: '', value: null }])).to.equal(undefined);
    });

    it('with no JSON Patch that fits the schema and no other media type: a patch anyway, planned as known-unsupported', async () => {
      const { plan } = await planOf({
        '/things/{id}': {
          patch: {
            operationId: 'patchThing',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            requestBody: { required: true, content: { 'application/json-patch+json': { schema: { type: 'object' } } } },
            responses: { '204': { description: 'ok' } },
          },
        },
      });
      const [request] = plan.requests;
      expect(jsonPatchProblem(request.body!.value)).to.equal(undefined);
      expect(request.knownUnsupported).to.match(/No JSON Patch document \(RFC 6902\) perfplan can build matches the schema of the application\/json-patch\+json request body/);
    });
  });

  describe('JSON merge patch (application/merge-patch+json)', () => {
    let fixture: Planned;
    before(async () => {
      fixture = await planned('merge-patch.yaml');
    });

    it('sends an object valid for the schema', () => {
      for (const id of ['mergePatchUser', 'mergePatchSettings', 'mergePatchNote']) {
        const { body } = fixture.request(id);
        expect(body!.mediaType, id).to.equal('application/merge-patch+json');
        expect(body!.value, id).to.be.an('object').and.not.be.an('array');
        validFor(fixture, id, body!.value);
      }
      expect(Object.keys(fixture.request('mergePatchUser').body!.value as object)).to.have.length.of.at.least(1);
    });

    it('prefers plain JSON, unless a server that matches media types by suffix would read it against another schema', () => {
      expect(fixture.request('mergePatchProfile').body).to.deep.equal({ mediaType: 'application/json', value: { bio: 'example' } });
      const avatar = fixture.request('patchAvatar');
      expect(avatar.body!.mediaType).to.equal('application/json-patch+json');
      expect(jsonPatchProblem(avatar.body!.value)).to.equal(undefined);
      validFor(fixture, 'patchAvatar', avatar.body!.value);
      expect(avatar.knownUnsupported).to.equal(undefined);
    });

    it('orders media types: JSON, merge patch, other +json, JSON Patch, then the other kinds; wildcards last', () => {
      const contents = ['*/*', 'application/json-patch+json', 'text/plain', 'application/vnd.api+json', 'application/merge-patch+json', 'application/x-www-form-urlencoded', 'application/json'].map(
        (mediaType) => ({ mediaType, examples: [], encoding: {}, pointer: '#' }),
      );
      expect(contentsByPreference(contents).map((content) => content.mediaType)).to.deep.equal([
        'application/json',
        'application/merge-patch+json',
        'application/vnd.api+json',
        'application/json-patch+json',
        'application/x-www-form-urlencoded',
        'text/plain',
        '*/*',
      ]);
    });
  });

  describe('JWT (application/jwt, +jwt)', () => {
    let fixture: Planned;
    before(async () => {
      fixture = await planned('jwt.yaml');
    });

    it('sends a compact JWS valid for the schema, and reports an example that is not one', () => {
      for (const id of ['postAssertion', 'postSecurityEvent', 'verifyToken']) {
        const { body } = fixture.request(id);
        expect(jwtProblem(body!.value), id).to.equal(undefined);
        expect(body!.value).to.equal(PLACEHOLDER_JWT);
        validFor(fixture, id, body!.value);
      }
      expect(fixture.request('postSecurityEvent').body!.mediaType).to.equal('application/secevent+jwt');
      const [header, claims] = PLACEHOLDER_JWT.split('.').map((part) => Buffer.from(part, 'base64url').toString('utf8'));
      expect(JSON.parse(header)).to.deep.equal({ alg: 'HS256', typ: 'JWT' });
      expect(JSON.parse(claims)).to.include({ iss: 'perfplan' });
      const reported = fixture.plan.diagnostics.filter((diagnostic) => diagnostic.code === 'data/body-format');
      expect(reported.map((diagnostic) => diagnostic.pointer)).to.deep.equal(['#/paths/~1verify/post/requestBody/content/application~1jwt/schema']);
    });

    it('takes the token from REQUEST_JWT when set, and PLAN.md says the placeholder is unsigned', () => {
      for (const id of ['postAssertion', 'postSecurityEvent', 'verifyToken']) {
        expect(fixture.request(id).variations).to.deep.equal([{ target: 'body', kind: 'credential', env: REQUEST_JWT_ENV }]);
      }
      const variable = fixture.plan.environment.find((candidate) => candidate.name === REQUEST_JWT_ENV);
      expect(variable).to.include({ required: false, secret: true, default: PLACEHOLDER_JWT });
      expect(variable!.description).to.match(/unsigned placeholder/);
      const markdown = renderPlanMarkdown(fixture.plan, []);
      expect(markdown).to.match(/\*\*JWT bodies\*\* \(postAssertion, postSecurityEvent, verifyToken\) come from `REQUEST_JWT`/);
      expect(markdown).to.match(/an unsigned placeholder: a compact JWS with fixed claims and a dummy signature/);
      expect(markdown).to.not.match(/Credentials\*\* of login operations/);
    });

    it('tells what makes a value no JWT', () => {
      expect(jwtProblem('a.b')).to.match(/three base64url parts/);
      expect(jwtProblem('a+b.c.d')).to.match(/base64url/);
      expect(jwtProblem(`${Buffer.from('{}').toString('base64url')}.e30.`)).to.match(/"alg"/);
      expect(jwtProblem(`${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`)).to.equal(undefined);
    });
  });

  describe('text, NDJSON, CBOR, protobuf', () => {
    let fixture: Planned;
    before(async () => {
      fixture = await planned('other-media.yaml');
    });

    it('sends text as a string valid for the schema', () => {
      for (const id of ['postNote', 'postCsv']) {
        const { body, knownUnsupported } = fixture.request(id);
        expect(body!.value, id).to.be.a('string');
        validFor(fixture, id, body!.value);
        expect(knownUnsupported, id).to.equal(undefined);
      }
      expect(fixture.request('postCsv').body!.value).to.match(/^[a-z]+,[0-9]+$/);
    });

    it('sends NDJSON as lines of JSON; a schema of the lines (not of the text) is known-unsupported for servers that validate the raw text', () => {
      const text = fixture.request('postLogLines');
      expect(text.body).to.deep.equal({ mediaType: 'application/x-ndjson', value: '{}\n' });
      expect(text.knownUnsupported).to.equal(undefined);
      const bulk = fixture.request('postBulkNdjson');
      const lines = (bulk.body!.value as string).split('\n');
      expect(lines.pop()).to.equal('');
      const items = lines.map((line) => JSON.parse(line) as JsonValue);
      validFor(fixture, 'postBulkNdjson', items);
      expect(bulk.knownUnsupported).to.match(/raw body as text against the schema \(Prism 5/);
    });

    it('sends CBOR as the bytes of a value valid for the schema', () => {
      const cbor = fixture.request('postReadingCbor');
      expect(cbor.body!.mediaType).to.equal('application/cbor');
      expect(bytesOf(cbor.body!.value).toString('hex')).to.equal(Buffer.from(cborEncode({ sensor: 'example', value: 1 })).toString('hex'));
      validFor(fixture, 'postReadingCbor', { sensor: 'example', value: 1 });
      expect(cbor.knownUnsupported).to.match(/application\/cbor body as CBOR/);
      const binary = fixture.request('postReadingCborBinary');
      expect(bytesOf(binary.body!.value).toString('hex')).to.equal('676578616d706c65');
      expect(binary.knownUnsupported).to.equal(undefined);
      expect(cbor.variations ?? []).to.deep.equal([]);
    });

    it('sends the empty protobuf message, known-unsupported, and JSON when the operation offers it', () => {
      const protobuf = fixture.request('postReadingProtobuf');
      expect(bytesOf(protobuf.body!.value)).to.have.length(0);
      expect(protobuf.body!.mediaType).to.equal('application/x-protobuf');
      expect(protobuf.knownUnsupported).to.match(/cannot encode a protobuf message/);
      expect(fixture.request('postReadingEither').body).to.deep.equal({ mediaType: 'application/json', value: { sensor: 'example', value: 1 } });
    });

    it('encodes CBOR as RFC 8949 Appendix A does', () => {
      const hex = (value: JsonValue) => Buffer.from(cborEncode(value)).toString('hex');
      expect(hex(0)).to.equal('00');
      expect(hex(23)).to.equal('17');
      expect(hex(24)).to.equal('1818');
      expect(hex(1000)).to.equal('1903e8');
      expect(hex(1000000)).to.equal('1a000f4240');
      expect(hex(1000000000000)).to.equal('1b000000e8d4a51000');
      expect(hex(-1)).to.equal('20');
      expect(hex(-1000)).to.equal('3903e7');
      expect(hex(1.1)).to.equal('fb3ff199999999999a');
      expect(hex(false)).to.equal('f4');
      expect(hex(true)).to.equal('f5');
      expect(hex(null)).to.equal('f6');
      expect(hex('')).to.equal('60');
      expect(hex('IETF')).to.equal('6449455446');
      expect(hex('\u00fc')).to.equal('62c3bc');
      expect(hex([1, [2, 3], [4, 5]])).to.equal('8301820203820405');
      expect(hex({ a: 1, b: [2, 3] })).to.equal('a26161016162820203');
    });
  });
});

async function planOf(paths: Record<string, unknown>): Promise<{ plan: TestPlan; diagnostics: Diagnostic[] }> {
  const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths };
  const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } }));
  const plan = (await pipeline.plan('spec.yaml', document)).plan;
  return { plan, diagnostics: plan.diagnostics };
}
