import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { TestPlan } from '../../src/model/index.js';
import { renderPlanMarkdown } from '../../src/plan-renderer/index.js';
import { SERVER_RULE } from '../../src/pipeline/plan-servers.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { planFrom } from '../../plugins/jmeter/test/planned.js';

const OPERATION_SERVERS = path.join(FIXTURES_DIR, 'request-classes', 'operation-servers.yaml');

function spec(servers: unknown[], operationServers: Record<string, unknown[]>): object {
  const paths: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(operationServers)) {
    paths[`/${name}`] = { get: { operationId: name, servers: list, responses: { '200': { description: 'ok' } } } };
  }
  paths['/plain'] = { get: { operationId: 'plain', responses: { '200': { description: 'ok' } } } };
  return { openapi: '3.0.3', info: { title: 'Servers', version: '1' }, servers, paths };
}

describe('pipeline: operations with servers of their own', () => {
  let plan: TestPlan;
  before(async () => {
    plan = await planFrom(yaml.load(fs.readFileSync(OPERATION_SERVERS, 'utf8')) as object);
  });

  it('gives each server other than the API\'s first its own variable, with the first of an operation\'s servers as default', () => {
    expect(plan.servers).to.deep.equal([
      { env: 'BASE_URL_UPLOAD', url: 'https://upload.example.com/api/2.0', relative: false, operations: ['uploadFile', 'uploadFileVersion'] },
      { env: 'BASE_URL_EU_REPORTS', url: 'https://eu.reports.example.com:8443/r', relative: false, operations: ['getReport'] },
      { env: 'BASE_URL_LEGACY', url: '/legacy', relative: true, operations: ['legacyStatus'] },
    ]);
    const byId = Object.fromEntries(plan.requests.map((request) => [request.operationId, request.server]));
    // getCurrentUser lists the API's own server again (with a trailing slash): BASE_URL serves it.
    expect(byId).to.deep.equal({ getFile: undefined, uploadFile: 'BASE_URL_UPLOAD', uploadFileVersion: 'BASE_URL_UPLOAD', getReport: 'BASE_URL_EU_REPORTS', legacyStatus: 'BASE_URL_LEGACY', getCurrentUser: undefined });
  });

  it('documents each variable in plan.environment like BASE_URL, with the spec\'s URL as default (none for a relative one)', () => {
    const entries = plan.environment.filter((variable) => variable.name.startsWith('BASE_URL_'));
    expect(entries.map((variable) => [variable.name, variable.default, variable.required, variable.secret])).to.deep.equal([
      ['BASE_URL_UPLOAD', 'https://upload.example.com/api/2.0', false, false],
      ['BASE_URL_EU_REPORTS', 'https://eu.reports.example.com:8443/r', false, false],
      ['BASE_URL_LEGACY', undefined, false, false],
    ]);
    expect(entries[0]!.description).to.match(/uploadFile, uploadFileVersion/);
    expect(entries[2]!.description).to.match(/BASE_URL's scheme, host and port \+ \/legacy/);
    const markdown = renderPlanMarkdown(plan, []);
    for (const entry of entries) expect(markdown).to.include(`\`${entry.name}\``);
    expect(markdown).to.include(SERVER_RULE);
  });

  it('marks per test case which servers must be set (a spec default off loopback, or any in stress, spike and soak) and which get credentials', () => {
    const servers = (id: string) => plan.testCases.find((testCase) => testCase.id === id)?.servers;
    expect(servers('load_uploadFile')).to.deep.equal([{ env: 'BASE_URL_UPLOAD', requiresChosen: true, credentials: true }]);
    expect(servers('load_getReport')).to.deep.equal([{ env: 'BASE_URL_EU_REPORTS', requiresChosen: true, credentials: false }]);
    expect(servers('load_legacyStatus')).to.deep.equal([{ env: 'BASE_URL_LEGACY', requiresChosen: false, credentials: false }]);
    expect(servers('load_getFile')).to.equal(undefined);
    const mixed = plan.testCases.find((testCase) => testCase.type === 'mixed');
    expect(mixed?.servers?.map((server) => server.env)).to.deep.equal(['BASE_URL_EU_REPORTS', 'BASE_URL_LEGACY', 'BASE_URL_UPLOAD']);
  });

  it('lets load tests use a loopback default, never stress, spike and soak', async () => {
    const local = await planFrom(spec([{ url: 'http://127.0.0.1:9/api' }], { uploads: [{ url: 'http://127.0.0.1:9100/up' }] }));
    expect(local.servers?.[0]).to.include({ env: 'BASE_URL_PORT_9100', url: 'http://127.0.0.1:9100/up' });
    const needs = (type: string) => local.testCases.filter((testCase) => testCase.type === type && testCase.servers !== undefined).map((testCase) => testCase.servers![0]!.requiresChosen);
    expect(needs('load')).to.deep.equal([false]);
    expect(needs('stress').length).to.be.greaterThan(0);
    expect(new Set([...needs('stress'), ...needs('spike'), ...needs('soak')])).to.deep.equal(new Set([true]));
  });

  it('names variables after what tells a server apart from the API\'s, uniquely, and substitutes server variables', async () => {
    const named = await planFrom(
      spec([{ url: 'https://api.example.com/v1' }], {
        a: [{ url: 'https://files.eu.example.com/v1' }],
        b: [{ url: 'https://api.example.com:8443/v1' }],
        c: [{ url: 'https://api.example.com/v2' }],
        d: [{ url: 'http://api.example.com/v1' }],
        e: [{ url: 'https://uploads.other.org' }],
        f: [{ url: '/{version}/x', variables: { version: { default: 'v9' } } }],
        g: [{ url: '//cdn.example.com/assets' }],
        h: [{ url: 'https://uploads.other.org/second' }],
      }),
    );
    expect(named.servers?.map((server) => [server.env, server.url])).to.deep.equal([
      ['BASE_URL_FILES_EU', 'https://files.eu.example.com/v1'],
      ['BASE_URL_PORT_8443', 'https://api.example.com:8443/v1'],
      ['BASE_URL_V2', 'https://api.example.com/v2'],
      ['BASE_URL_HTTP', 'http://api.example.com/v1'],
      ['BASE_URL_UPLOADS_OTHER_ORG', 'https://uploads.other.org'],
      ['BASE_URL_V9_X', '/v9/x'],
      ['BASE_URL_CDN', 'https://cdn.example.com/assets'],
      ['BASE_URL_UPLOADS_OTHER_ORG_2', 'https://uploads.other.org/second'],
    ]);
  });

  it('takes a Swagger 2.0 operation\'s own schemes as its server', async () => {
    const swagger = await planFrom({
      swagger: '2.0',
      info: { title: 'Schemes', version: '1' },
      host: 'api.example.com',
      basePath: '/v1',
      schemes: ['https'],
      paths: {
        '/plain': { get: { operationId: 'plain', responses: { '200': { description: 'ok' } } } },
        '/legacy': { get: { operationId: 'legacy', schemes: ['http'], responses: { '200': { description: 'ok' } } } },
        '/both': { get: { operationId: 'both', schemes: ['https', 'http'], responses: { '200': { description: 'ok' } } } },
      },
    });
    expect(swagger.servers).to.deep.equal([{ env: 'BASE_URL_HTTP', url: 'http://api.example.com/v1', relative: false, operations: ['legacy'] }]);
  });

  it('plans no servers, and writes nothing about them, when no operation has its own', async () => {
    const none = await planFrom(spec([{ url: 'https://api.example.com/v1' }], { same: [{ url: 'https://api.example.com/v1' }] }));
    expect(none.servers).to.equal(undefined);
    expect(none.requests.every((request) => request.server === undefined)).to.equal(true);
    expect(none.testCases.every((testCase) => testCase.servers === undefined)).to.equal(true);
    expect(renderPlanMarkdown(none, [])).not.to.include('BASE_URL_');
  });
});
