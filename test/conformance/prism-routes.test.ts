import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createRequestMatcher } from '../../tools/conformance/operation-matcher.js';
import { smokeEnvironment, targetVariables } from '../../tools/conformance/plan-file.js';
import { routablePaths } from '../../tools/conformance/prism-routes.js';
import { summarizeRun } from '../../tools/conformance/summarize.js';
import type { RecordedRequest } from '../../tools/conformance/recording-proxy.js';
import type { TestPlan } from '../../src/model/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

type Json = Record<string, any>;

const fixture = (name: string) => yaml.load(fs.readFileSync(path.join(FIXTURES_DIR, 'request-classes', name), 'utf8')) as Json;

describe('conformance: what Prism serves for path keys that are not plain templates', () => {
  it('keeps a spec whose keys are all plain templates as it is', () => {
    const doc = fixture('operation-servers.yaml');
    expect(routablePaths(doc)).to.equal(doc);
  });

  it('drops fragments and merges the operations of one URL and method into one that accepts a request valid for any of them', () => {
    const paths = routablePaths(fixture('fragment-paths.yaml')).paths as Json;
    expect(Object.keys(paths)).to.deep.equal(['/files/{file_id}', '/search']);
    const put = paths['/files/{file_id}'].put;
    expect(put.operationId, 'merged operations keep no id of one of them').to.equal(undefined);
    // `fields` is required by two of the three, so by none; a path parameter stays required.
    expect(put.parameters.map((parameter: Json) => [parameter.in, parameter.name, parameter.required])).to.deep.equal([
      ['path', 'file_id', true],
      ['query', 'fields', false],
    ]);
    expect(put.parameters[1].schema, 'updateFile does not declare fields: any value').to.deep.equal({});
    expect(put.requestBody.required).to.equal(true);
    const anyOf = put.requestBody.content['application/json'].schema.anyOf as Json[];
    expect(anyOf.map((schema) => schema.required)).to.deep.equal([['name'], ['shared_link'], ['shared_link']]);
    expect(put.security).to.deep.equal([{}, {}, {}]);
    // An operation alone on its key keeps its parameters (a path item's are moved into it).
    expect(paths['/search'].get.operationId).to.equal('searchContent');
    expect(paths['/files/{file_id}'].get.parameters.map((parameter: Json) => parameter.name)).to.deep.equal(['file_id', 'fields']);
  });

  it('turns a key\'s query into required query parameters fixed to its values, replacing a declared one of the same name', () => {
    const paths = routablePaths(fixture('query-in-path.yaml')).paths as Json;
    expect(Object.keys(paths)).to.deep.equal(['/responses', '/responses/{response_id}', '/export']);
    expect(Object.keys(paths['/responses'])).to.deep.equal(['get', 'post']);
    expect(paths['/responses'].post.parameters.find((parameter: Json) => parameter.name === 'beta')).to.deep.equal({ name: 'beta', in: 'query', required: true, schema: { type: 'string', enum: ['true'] } });
    const full = paths['/responses/{response_id}'].get.parameters as Json[];
    expect(full.filter((parameter) => parameter.name === 'view')).to.deep.equal([{ name: 'view', in: 'query', required: true, schema: { type: 'string', enum: ['full'] } }]);
    expect(full.find((parameter) => parameter.name === 'lang')?.schema).to.deep.equal({ type: 'string', enum: ['en GB'] });
    expect(paths['/export'].get.parameters.find((parameter: Json) => parameter.name === 'note')?.schema).to.deep.equal({ type: 'string', enum: ['café au lait'] });
  });

  it('writes declared :name and <name> placeholders as templates and keeps undeclared ones as text', () => {
    const paths = routablePaths(fixture('placeholder-paths.yaml')).paths as Json;
    expect(Object.keys(paths)).to.deep.equal(['/users/{user_id}', '/users/{user_id}/avatars/{size}.{format}', '/orders/{order_id}', '/items/{item_id}', '/legacy/:token', '/echo/<raw>']);
  });
});

describe('conformance: telling apart operations on one URL', () => {
  const routes = [
    { operationId: 'updateFile', method: 'put', path: '/files/{file_id}', parameters: [{ name: 'file_id', in: 'path' }] },
    { operationId: 'addSharedLink', method: 'put', path: '/files/{file_id}', parameters: [{ name: 'file_id', in: 'path' }, { name: 'fields', in: 'query' }] },
    { operationId: 'removeSharedLink', method: 'put', path: '/files/{file_id}', parameters: [{ name: 'file_id', in: 'path' }, { name: 'fields', in: 'query' }] },
    { operationId: 'createBeta', method: 'post', path: '/responses', query: 'beta=true' },
    { operationId: 'create', method: 'post', path: '/responses' },
  ];
  const match = createRequestMatcher(routes);

  it('takes the engine\'s name tag, else the operation whose query names the request carries, else lists the candidates', () => {
    expect(match('PUT', '/files/1', { queryNames: ['fields'], nameTag: 'removeSharedLink' })).to.deep.equal({ operationId: 'removeSharedLink' });
    expect(match('PUT', '/files/1', { queryNames: [] })).to.deep.equal({ operationId: 'updateFile' });
    expect(match('PUT', '/files/1', { queryNames: ['fields'] })).to.deep.equal({ operationId: 'addSharedLink', candidates: ['addSharedLink', 'removeSharedLink'] });
    expect(match('POST', '/responses', { queryNames: ['beta', 'stream'] })).to.deep.equal({ operationId: 'createBeta' });
    expect(match('POST', '/responses', { queryNames: ['stream'] })).to.deep.equal({ operationId: 'create' });
    // A name tag of an operation the path does not match does not choose it.
    expect(match('POST', '/responses', { queryNames: [], nameTag: 'updateFile' })).to.deep.equal({ operationId: 'create' });
  });

  it('counts operations a request cannot tell apart as called when their group got as many requests as it has operations', () => {
    const plan = { requests: routes.map((route) => ({ ...route, method: route.method as 'put', parameters: [], expectedStatuses: [200], auth: [] })), workflows: [], auth: [] } as unknown as TestPlan;
    const record = (seq: number, operationId: string, candidates?: string[]): RecordedRequest => ({ seq, method: 'PUT', url: '/files/1', operationId, ...(candidates ? { candidates } : {}), status: 200, rejected: false, reasons: [], prismProblem: [] });
    const run = { exitCode: 0, scriptErrors: [], failedChecks: [], durationMs: 1, timedOut: false, logFiles: [], notes: [] };
    const pair = ['addSharedLink', 'removeSharedLink'];
    const once = summarizeRun({ spec: 's', engine: 'jmeter', plan, records: [record(1, 'updateFile'), record(2, 'addSharedLink', pair)], run, env: {} });
    expect(once.uncalledOperations.map((operation) => operation.operationId)).to.deep.equal(['removeSharedLink', 'createBeta', 'create']);
    const twice = summarizeRun({ spec: 's', engine: 'jmeter', plan, records: [record(1, 'updateFile'), record(2, 'addSharedLink', pair), record(3, 'addSharedLink', pair)], run, env: {} });
    expect(twice.uncalledOperations.map((operation) => operation.operationId)).to.deep.equal(['createBeta', 'create']);
  });
});

describe('conformance: every server variable points at the recording proxy', () => {
  it('sets BASE_URL and each server\'s variable to the proxy, and dummies only for credentials', () => {
    const plan = {
      servers: [{ env: 'BASE_URL_UPLOAD', url: 'https://upload.example.com', relative: false, operations: ['upload'] }],
      environment: [
        { name: 'BASE_URL', description: '', required: false, secret: false, default: 'https://api.example.com' },
        { name: 'BASE_URL_UPLOAD', description: '', required: false, secret: false, default: 'https://upload.example.com' },
        { name: 'AUTH_BEARER_TOKEN', description: '', required: true, secret: true },
      ],
    } as unknown as TestPlan;
    expect(targetVariables(plan)).to.deep.equal(['BASE_URL', 'BASE_URL_UPLOAD']);
    expect(smokeEnvironment(plan, 'http://127.0.0.1:4010')).to.deep.equal({ AUTH_BEARER_TOKEN: 'conformance-auth-bearer-token', BASE_URL_UPLOAD: 'http://127.0.0.1:4010', BASE_URL: 'http://127.0.0.1:4010' });
  });
});
