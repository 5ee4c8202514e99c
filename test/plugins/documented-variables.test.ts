import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import type { TestPlan } from '../../src/model/index.js';
import k6Renderer from '../../plugins/k6/src/index.js';
import jmeterRenderer from '../../plugins/jmeter/src/index.js';
import locustRenderer from '../../plugins/locust/src/index.js';
import { renderWith, type Rendered } from '../helpers/render-plugin.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

/** One operation per kind of credential: every variable perfplan documents for credentials. */
const SPEC = `
openapi: 3.0.3
info: { title: Every credential, version: 1.0.0 }
servers: [{ url: "https://api.example.com/v1" }]
paths:
  /bearer: { get: { operationId: withBearer, security: [{ bearer: [] }], responses: { '200': { description: ok } } } }
  /basic: { get: { operationId: withBasic, security: [{ basic: [] }], responses: { '200': { description: ok } } } }
  /header: { get: { operationId: withHeaderKey, security: [{ headerKey: [] }], responses: { '200': { description: ok } } } }
  /query: { get: { operationId: withQueryKey, security: [{ queryKey: [] }], responses: { '200': { description: ok } } } }
  /cookie: { get: { operationId: withCookieKey, security: [{ cookieKey: [] }], responses: { '200': { description: ok } } } }
  /client: { get: { operationId: withClient, security: [{ client: [read] }], responses: { '200': { description: ok } } } }
  /owner: { get: { operationId: withOwner, security: [{ owner: [] }], responses: { '200': { description: ok } } } }
  /oidc: { get: { operationId: withOidc, security: [{ oidc: [] }], responses: { '200': { description: ok } } } }
  /login:
    post:
      operationId: login
      requestBody: { content: { application/json: { schema: { type: object, properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '200': { description: ok } }
  /uploads:
    servers: [{ url: "https://upload.example.com/v1" }]
    post: { operationId: upload, security: [{ bearer: [] }], responses: { '201': { description: created } } }
  /things:
    post:
      operationId: createThing
      requestBody: { content: { application/json: { schema: { type: object, properties: { id: { type: integer, example: 1 } } } } } }
      responses: { '201': { description: created } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    basic: { type: http, scheme: basic }
    headerKey: { type: apiKey, in: header, name: X-Key }
    queryKey: { type: apiKey, in: query, name: key }
    cookieKey: { type: apiKey, in: cookie, name: sid }
    client: { type: oauth2, flows: { clientCredentials: { tokenUrl: /oauth/token, scopes: { read: read } } } }
    owner: { type: oauth2, flows: { password: { tokenUrl: "https://auth.example.com/token", scopes: {} } } }
    oidc: { type: openIdConnect, openIdConnectUrl: "https://auth.example.com/.well-known/openid-configuration" }
`;

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

/** The text of every generated file but the listed ones. */
function allText(rendered: Rendered, except: (file: string) => boolean = () => false): string {
  return rendered.files.filter((file) => !except(file.path)).map((file) => file.contents).join('\n');
}

/**
 * Issue 12: every engine honours every variable the plan documents. The list comes from the
 * plan (plan.json's plan.environment); each variable must be read by the engine's scripts
 * (a reference that reads it, not a mention in a comment or a documentation table).
 */
describe('every documented environment variable is read by every engine\'s scripts', () => {
  let plan: TestPlan;
  let names: string[];

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-documented-'));
    try {
      fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
      plan = (await pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } })).plan(path.join(dir, 'spec.yaml'))).plan;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    names = plan.environment.map((variable) => variable.name);
    // The spec asks for every kind of credential variable perfplan documents.
    for (const expected of ['BASE_URL', 'PERFPLAN_RUN_SEED', 'LOGIN_USERNAME', 'LOGIN_PASSWORD', 'AUTH_CLIENT_TOKEN', 'AUTH_CLIENT_TOKEN_URL', 'AUTH_CLIENT_CLIENT_ID', 'AUTH_CLIENT_CLIENT_SECRET', 'AUTH_OWNER_USERNAME', 'AUTH_OWNER_PASSWORD', 'AUTH_BASIC_USERNAME', 'AUTH_HEADERKEY', 'AUTH_OIDC_TOKEN', 'BASE_URL_UPLOAD']) {
      expect(names).to.include(expected);
    }
  });

  it('k6: each is read through __ENV, directly or as an *Env field of AUTH that support.js reads', async () => {
    const rendered = await renderWith(k6Renderer, plan);
    const support = rendered.byPath('k6/lib/support.js');
    const requests = rendered.byPath('k6/lib/requests.js');
    const unread = names.filter((name) => {
      if (name === 'BASE_URL' || name === 'PERFPLAN_RUN_SEED') return !support.includes(`__ENV.${name}`);
      // A server of some operations' own: their requests name it, plan.js lists it, and support.js reads the variable of the server.
      if (requests.includes(`server: "${name}"`)) return !(rendered.byPath('k6/lib/plan.js').includes(`"${name}": { url:`) && support.includes('const given = __ENV[env];'));
      // A login credential: a variation names it, and support.js reads the variation's variable.
      if (requests.includes(`"env":"${name}"`)) return !support.includes('__ENV[v.env]');
      const fields = [...requests.matchAll(new RegExp(`(\\w+Env): "${name}"`, 'g'))].map((match) => match[1]!);
      return fields.length === 0 || fields.some((field) => !new RegExp(`(auth|flow)\\.${field}\\b`).test(support));
    });
    expect(unread).to.deep.equal([]);
  });

  it('Locust: each is read from os.environ, directly or as an *Env field of AUTH that the runtime reads', async () => {
    const rendered = await renderWith(locustRenderer, plan);
    const runtime = rendered.byPath('locust/perfplan_runtime.py') + rendered.byPath('locust/perfplan_locust.py');
    const requests = rendered.byPath('locust/perfplan_requests.py');
    const unread = names.filter((name) => {
      if (name === 'BASE_URL' || name === 'PERFPLAN_RUN_SEED') return !runtime.includes(`os.environ.get("${name}")`);
      // A server of some operations' own: their requests name it, and the start reads every server's variable.
      if (requests.includes(`"server": "${name}"`)) {
        return !(rendered.byPath('locust/perfplan_plan.py').includes(`"${name}": {`) && runtime.includes('rt.server_url(server, os.environ.get(env), STATE.base_url) for env, server in SERVERS.items()'));
      }
      // A login credential: a variation names it, and the runtime reads the variation's variable from the environment it is given.
      if (requests.includes(`"env": "${name}"`)) return !(runtime.includes('environ.get(v.get("env")') && runtime.includes('self.position(), os.environ,'));
      const fields = [...requests.matchAll(new RegExp(`"(\\w+Env)": "${name}"`, 'g'))].map((match) => match[1]!);
      return fields.length === 0 || fields.some((field) => !runtime.includes(`auth["${field}"]`));
    });
    expect(unread).to.deep.equal([]);
  });

  it('JMeter: each is a property a sampler, header, controller or check reads (not only a User Defined Variable)', async () => {
    const rendered = await renderWith(jmeterRenderer, plan);
    // The User Defined Variables define one variable per documented name: leave them out.
    const jmx = allText(rendered, (file) => !file.endsWith('.jmx'))
      .replace(/<elementProp name="TestPlan\.user_defined_variables"[\s\S]*?<\/elementProp>\s*<stringProp name="TestPlan\.user_define_classpath">/g, '')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"');
    expect(jmx, 'the User Defined Variables are left out').not.to.contain('Argument.desc');
    const unread = names.filter((raw) => {
      const name = raw === 'BASE_URL' ? 'baseUrl' : raw === 'PERFPLAN_RUN_SEED' ? 'runSeed' : raw;
      const references = [`\${${name}}`, `__P(${name},`, `vars.get('${name}')`, `props.getProperty('${name}'`];
      // A server of some operations' own: the run check reads its property and puts its URL into the one their samplers start with.
      if (jmx.includes(`\${__P(perfplan.server.${name},)}`)) return !jmx.includes("String given = props.getProperty(server, '').trim()");
      // A login credential: a varied-values PreProcessor's word `e:<variable>:<NAME>:...` reads it.
      const asCheckParameter = [...jmx.matchAll(/<stringProp name="parameters">([^<]*)<\/stringProp>/g)].some((match) =>
        match[1]!.split(' ').some((word) => word === name || (word.startsWith('e:') && word.split(':')[2] === name)),
      );
      return !asCheckParameter && !references.some((reference) => jmx.includes(reference));
    });
    expect(unread).to.deep.equal([]);
  });
});
