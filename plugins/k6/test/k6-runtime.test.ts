import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { literalText, wireForm, type RequestTemplate } from '../../../src/plugin-api/index.js';
import { NOTE_XML } from '../../../test/plugin-api/wire-helpers.js';
import { fixturePlan, HOSTILE } from './fixture-plan.js';
import { importScript, installK6Stub, resetRecorder, type K6Recorder } from './k6-stub.js';
import { renderK6, writeFiles } from './render-k6.js';

type Fn = (session?: unknown, overrides?: unknown, trace?: Record<string, unknown>) => unknown;
type Options = { scenarios: Record<string, { exec: string; executor: string; stages?: Array<{ target: number }> }>; thresholds: Record<string, unknown[]> };
type Support = {
  queryPairs: (name: string, value: unknown, style: string, explode: boolean) => string[];
  pathText: (name: string, value: unknown, style: string, explode: boolean) => string;
  formUrlEncoded: (fields: unknown, encoding?: unknown) => string;
  readPointer: (document: unknown, tokens: string[]) => { found: boolean; value: unknown };
  writePointers: (document: unknown, writes: Array<{ pointer: string[]; value: unknown }>) => unknown;
};

const ENV = {
  BASE_URL: 'http://api.test/base/',
  AUTH_BEARER_TOKEN: 'token-1',
  AUTH_BASIC_USERNAME: 'ann',
  AUTH_BASIC_PASSWORD: 'p:w',
  AUTH_API_KEY_HEADER: 'key-h',
  AUTH_API_KEY_QUERY: 'k q&',
  AUTH_API_KEY_COOKIE: 'key-c',
  AUTH_OAUTH_CLIENT_ID: 'client',
  AUTH_OAUTH_CLIENT_SECRET: 's&cret',
  AUTH_USER: 'ann',
  AUTH_PASSWORD: 'pw',
  // The password scheme's token endpoint is on another host than BASE_URL: the user names it.
  AUTH_PASSWORD_TOKEN_URL: 'https://auth.example.test/token',
};

/** ENV without the variable that names the password scheme's token endpoint. */
function withoutNamedTokenUrl(env: Record<string, string> = ENV): Record<string, string> {
  const copy = { ...env };
  delete copy.AUTH_PASSWORD_TOKEN_URL;
  return copy;
}

// The generated scripts run in Node against a recording stand-in for the k6 modules:
// this checks what they send, at run time, for the values in the plan.
describe('k6 renderer: generated scripts at run time (k6 modules stubbed)', () => {
  let dir: string;
  let k6: K6Recorder;
  let requests: Record<string, Fn>;

  before(async () => {
    dir = writeFiles((await renderK6(fixturePlan())).files);
    installK6Stub(dir);
    globalThis.__ENV = { ...ENV };
    requests = (await importScript(path.join(dir, 'k6', 'lib', 'requests.js'), { ...ENV })) as Record<string, Fn>;
  });

  beforeEach(() => {
    k6 = resetRecorder();
    globalThis.__ENV = { ...ENV };
  });

  const copies: string[] = [];
  after(() => [dir, ...copies].forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

  /** The calls of the operation itself, without OAuth2 token fetches. */
  function operationCalls() {
    return k6.calls.filter((call) => !call.params.tags?.name?.startsWith('oauth2 token'));
  }

  function onlyCall() {
    const calls = operationCalls();
    expect(calls).to.have.length(1);
    return calls[0];
  }

  it('strips the trailing slash of BASE_URL and serialises every query parameter', () => {
    requests.listPets();
    const call = onlyCall();
    expect(call.method).to.equal('GET');
    const [base, query] = call.url.split('?');
    expect(base).to.equal('http://api.test/base/pets');
    const q = `q=${encodeURIComponent(HOSTILE)}`;
    expect(query).to.equal(`tags=dog&tags=cat%20%26%20mouse&ids=1,2,3&sizes=s%20m&colors=red%7Cblue&filter[kind]=dog&filter[age]=3&${q}`);
    expect(new URLSearchParams(query).get('q')).to.equal(HOSTILE);
    // Cookies in one Cookie header, form style percent-encoded (OpenAPI 3.1.1 Appendix D): k6's `cookies` param
    // would have Go quote a value with a comma or space, and it holds one value per name.
    expect(call.params.headers).to.deep.equal({ 'X-Request-Id': HOSTILE.replace('\n', ' '), Authorization: 'Bearer token-1', Cookie: 'session=abc%3Bdef' });
    expect(call.params.cookies).to.equal(undefined);
    expect(call.params.tags).to.deep.equal({ name: 'listPets' });
    expect(call.group).to.equal('listPets');
    expect(call.body).to.equal(null);
  });

  it('encodes path parameters and sends an apiKey in the query', () => {
    requests.getPetsPetId();
    const call = onlyCall();
    expect(call.url).to.equal(`http://api.test/base/pets/${encodeURIComponent(`a/b ${HOSTILE}`)}/%60$7%60*/?api%20key=${encodeURIComponent('k q&')}`);
    expect(call.group).to.equal('get /pets/{petId}');
  });

  it('sends JSON bodies equal to the plan value with bearer and apiKey header credentials', () => {
    requests.class_();
    const call = onlyCall();
    expect(JSON.parse(call.body as string)).to.deep.equal(fixturePlan().requests[2].body!.value);
    expect(call.params.headers).to.deep.equal({ 'Content-Type': 'application/json', Authorization: 'Bearer token-1', 'X-API-Key': 'key-h' });
  });

  it('sends basic credentials base64-encoded and a form body that decodes to the plan value', () => {
    requests._1abc();
    const call = onlyCall();
    expect(call.params.headers!.Authorization).to.equal(`Basic ${Buffer.from('ann:p:w').toString('base64')}`);
    const form = new URLSearchParams(call.body as string);
    expect(form.get('name')).to.equal('Rex the 2nd');
    expect(form.getAll('tags')).to.deep.equal(['x', 'y']);
    expect(form.get('meta')).to.equal('{"a":1}');
  });

  it('builds every multipart body itself, files too: the kit\'s fixed boundary, objects as JSON parts', () => {
    const B = 'perfplan-form-boundary-9d2f81c4';
    requests.uploadPhoto();
    const upload = onlyCall();
    expect(upload.params.headers?.['Content-Type']).to.equal(`multipart/form-data; boundary=${B}`);
    expect(upload.body).to.equal(
      `--${B}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${HOSTILE}\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="count"\r\n\r\n2\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename="photo %221%22.png"\r\nContent-Type: image/png\r\n\r\nperfplan-sample\n\r\n` +
        `--${B}--\r\n`,
    );
    expect(upload.params.headers?.Cookie).to.equal('sid=key-c');
    k6.calls.length = 0;
    requests.signup();
    const signup = onlyCall();
    expect(signup.params.headers!['Content-Type']).to.equal(`multipart/form-data; boundary=${B}`);
    // An object field is a JSON part (OpenAPI's default content type for an object).
    expect(signup.body).to.equal(
      `--${B}\r\nContent-Disposition: form-data; name="user"\r\n\r\nann\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="profile"\r\nContent-Type: application/json\r\n\r\n{"age":3}\r\n--${B}--\r\n`,
    );
  });

  it('sends binary and text bodies with their media type', () => {
    requests.uploadPhoto_2();
    requests.notes();
    expect(operationCalls().map((call) => [call.url, call.body, call.params.headers!['Content-Type']])).to.deep.equal([
      ['http://api.test/base/pets/;petId=p1/raw', 'perfplan-sample\n', 'application/octet-stream'],
      ['http://api.test/base/notes', HOSTILE, 'text/plain'],
    ]);
  });

  it('checks the documented statuses', () => {
    requests.getPetsPetId();
    k6.status = 404;
    requests.getPetsPetId();
    k6.status = 500;
    requests.getPetsPetId();
    requests._1abc();
    k6.status = 302;
    requests._1abc();
    expect(k6.checks).to.deep.equal([
      { name: 'status is 200 or 404', ok: true },
      { name: 'status is 200 or 404', ok: true },
      { name: 'status is 200 or 404', ok: false },
      { name: 'status is below 400', ok: false },
      { name: 'status is below 400', ok: true },
    ]);
  });

  it('makes k6 count only undocumented statuses as failed requests (http_req_failed), as the checks do', () => {
    requests.getPetsPetId();
    requests._1abc();
    const [documented, undocumented] = operationCalls();
    expect((documented.params as Record<string, unknown>).responseCallback).to.deep.equal({ expectedStatuses: [200, 404] });
    expect(undocumented.params).not.to.have.property('responseCallback'); // k6's default: 200-399, as the check's "below 400"
  });

  it('throws an error naming the missing credential variable', () => {
    delete globalThis.__ENV!.AUTH_BEARER_TOKEN;
    expect(() => requests.listPets()).to.throw(Error, /AUTH_BEARER_TOKEN/);
    globalThis.__ENV!.AUTH_BASIC_PASSWORD = '';
    expect(() => requests._1abc()).to.throw(Error, /AUTH_BASIC_PASSWORD/);
    expect(k6.calls).to.have.length(0);
  });

  it('runs every scenario by default and one scenario with its own thresholds when SCENARIO is set', async () => {
    const all = (await importScript<{ options: Options }>(path.join(dir, 'k6', 'load.js'), { ...ENV })).options;
    expect(Object.keys(all.scenarios)).to.deep.equal(['load_listPets', 'load_get_pets_petId', 'load_class_x_', 'load_1abc', 'load_uploadPhoto', 'load_rate']);
    expect(Object.keys(all.thresholds)).to.have.length(18);
    const one = (await importScript<{ options: Options }>(path.join(dir, 'k6', 'load.js'), { ...ENV, SCENARIO: 'load_1abc' })).options;
    expect(Object.keys(one.scenarios)).to.deep.equal(['load_1abc']);
    expect(Object.keys(one.thresholds)).to.deep.equal([
      'http_req_duration{scenario:load_1abc}',
      'http_req_failed{scenario:load_1abc}',
      'http_reqs{scenario:load_1abc,throughput:hold}',
    ]);
    expect(one.thresholds['http_reqs{scenario:load_1abc,throughput:hold}']).to.deep.equal(['count>=900']); // 15 requests/s over the 60 s hold
  });

  it('refuses an unknown SCENARIO, listing the valid names', async () => {
    let error: unknown;
    try {
      await importScript(path.join(dir, 'k6', 'load.js'), { ...ENV, SCENARIO: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.equal(
      'Unknown SCENARIO "nope". Valid names: load_listPets, load_get_pets_petId, load_class_x_, load_1abc, load_uploadPhoto, load_rate',
    );
  });

  it('mixes targets by weight, the same way on every run', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'mixed.js'), { ...ENV });
    const order: string[] = [];
    for (let iteration = 0; iteration < 30; iteration++) {
      k6.iteration = iteration;
      script.mixed_all();
      order.push(k6.calls.at(-1)!.params.tags!.name);
    }
    const count = (name: string) => order.filter((candidate) => candidate === name).length;
    expect([count('listPets'), count('get /pets/{petId}'), count('class')]).to.deep.equal([18, 9, 3]);
    expect(order.slice(10, 20)).to.deep.equal(order.slice(0, 10));
  });

  it('walks a workflow\'s steps in order, a step of weight 0.5 in the first and then every other iteration', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'workflows.js'), { ...ENV });
    for (let iteration = 0; iteration < 5; iteration++) {
      k6.iteration = iteration;
      script.workflow_signup();
    }
    expect(operationCalls().map((call) => call.params.tags!.name)).to.deep.equal([
      'signup', 'listPets', 'signup', 'listPets', 'signup', 'signup', 'listPets', 'signup',
    ]);
    // The user the sign-up sent ($request.body#/user) goes into listPets' query.q.
    const browse = operationCalls().find((call) => call.params.tags!.name === 'listPets')!;
    expect(new URLSearchParams(browse.url.split('?')[1]).get('q')).to.equal('ann');
  });

  /** Answers createPet with `created` (and a Location header), everything else with 200 and an empty JSON object. */
  function answerPets(created: unknown): void {
    k6.answer = (call) =>
      call.params.tags?.name === 'createPet'
        ? { status: 201, body: JSON.stringify(created), headers: { Location: 'http://api.test/base/pets/77' } }
        : { status: 200, body: '{}' };
  }

  it('carries values between workflow steps: response body (RFC 6901 pointers), headers, request values, into path, header, query, cookie, body and URL', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'workflows.js'), { ...ENV });
    answerPets({ id: 77, 'a/b~c': 'odd value' });
    script.workflow_pets();
    const [create, read, follow] = operationCalls();
    expect(JSON.parse(create.body as string)).to.deep.equal({ name: 'Rex', owner: { id: 1 } });
    // The id the first step's response returned is the second step's path.
    expect(read.url).to.equal('http://api.test/base/pets/77?odd=odd%20value');
    expect(read.params.headers).to.deep.equal({ 'x-trace': 'trace-1', 'X-Name': 'Rex' });
    expect(follow.params.headers?.Cookie).to.equal('t=trace-1'); // $request.header.X-Trace, whatever its case
    expect(read.params.tags).to.deep.equal({ name: 'getPet', workflow: 'wf_pets' });
    expect(follow.url).to.equal('http://api.test/base/pets/77'); // the whole URL from the Location header
    expect(JSON.parse(follow.body as string)).to.deep.equal({ name: 'Rex', owner: { id: 1, name: 'trace-1' } });
    expect(k6.metrics.map(({ metric, value, tags }) => [metric, metric === 'workflow_duration' ? typeof value : value, tags])).to.deep.equal([
      ['workflow_complete', 1, { workflow: 'wf_pets' }],
      ['workflow_duration', 'number', { workflow: 'wf_pets' }],
    ]);
  });

  it('fails the iteration with a message naming the workflow, step, variable and expression when a value is missing', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'workflows.js'), { ...ENV });
    answerPets({ name: 'no id here' });
    expect(() => script.workflow_pets()).to.throw(Error, 'Workflow "wf_pets", step "create": $response.body#/id gave no value for variable "petId" (status 201).');
    expect(operationCalls()).to.have.length(1); // later steps are not sent with stale or example values
    expect(k6.checks.at(-1)).to.deep.equal({ name: 'workflow wf_pets step create gives petId', ok: false });
    expect(k6.metrics[0]).to.deep.equal({ metric: 'workflow_complete', value: 0, tags: { workflow: 'wf_pets' } });
  });

  it('counts a workflow iteration with an undocumented status as not complete', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'workflows.js'), { ...ENV });
    k6.answer = (call) => (call.url.endsWith('/pets/new') ? { status: 201, body: '{"id":1,"a/b~c":"x"}', headers: { location: '/pets/1' } } : { status: 500, body: '' });
    script.workflow_pets();
    expect(operationCalls().map((call) => call.url)).to.deep.equal(['http://api.test/base/pets/new', 'http://api.test/base/pets/1?odd=x', 'http://api.test/pets/1']);
    expect(k6.metrics[0]).to.deep.equal({ metric: 'workflow_complete', value: 0, tags: { workflow: 'wf_pets' } });
  });

  it('encodes form fields per their encoding: deepObject objects and indexed arrays, defaults for the rest', () => {
    requests.charge();
    const call = onlyCall();
    expect(call.body).to.equal('amount=5&metadata[a]=1&expand[0]=x&expand[1]=y&note=a+b%26c');
    expect(call.params.headers).to.deep.equal({ 'Content-Type': 'application/x-www-form-urlencoded' });
  });

  it('serialises parameters per OpenAPI style at run time', async () => {
    const support = await importScript<Support>(path.join(dir, 'k6', 'lib', 'support.js'), { ...ENV });
    const q = support.queryPairs;
    expect(q('id', 5, 'form', true)).to.deep.equal(['id=5']);
    expect(q('id', [3, 4], 'form', false)).to.deep.equal(['id=3,4']);
    expect(q('id', { role: 'admin', name: 'A b' }, 'form', true)).to.deep.equal(['role=admin', 'name=A%20b']);
    expect(q('id', { role: 'admin', n: 1 }, 'form', false)).to.deep.equal(['id=role,admin,n,1']);
    expect(q('id', ['a', 'c|d'], 'pipeDelimited', false)).to.deep.equal(['id=a%7Cc%7Cd']);
    // OpenAPI's style examples: a delimited object is its keys and values, all joined by the delimiter.
    expect(q('color', { R: 100, G: 200, B: 150 }, 'spaceDelimited', false)).to.deep.equal(['color=R%20100%20G%20200%20B%20150']);
    expect(q('color', { R: 100, G: 200, B: 150 }, 'pipeDelimited', false)).to.deep.equal(['color=R%7C100%7CG%7C200%7CB%7C150']);
    expect(q('id', { a: { b: 1 }, c: [1, 2] }, 'deepObject', true)).to.deep.equal(['id[a][b]=1', 'id[c][0]=1', 'id[c][1]=2']);
    expect(q('id', [], 'form', true)).to.deep.equal([]);
    const p = support.pathText;
    expect(p('id', 'a/b', 'simple', false)).to.equal('a%2Fb');
    expect(p('id', { r: 'x', n: 'y z' }, 'simple', true)).to.equal('r=x,n=y%20z');
    expect(p('id', [3, 4], 'label', true)).to.equal('.3.4');
    expect(p('id', [3, 4], 'matrix', true)).to.equal(';id=3;id=4');
    expect(p('id', [3, 4], 'matrix', false)).to.equal(';id=3,4');
    expect(support.formUrlEncoded({ a: 'x y', b: [1, 2], c: { d: true } })).to.equal('a=x+y&b=1&b=2&c=%7B%22d%22%3Atrue%7D');
    expect(support.formUrlEncoded({ c: 'plain', d: { e: 1 } }, { c: { contentType: 'application/json' }, d: { style: 'form', explode: true } })).to.equal('c=%22plain%22&e=1');
  });

  it('writes cookies form style: percent-encoded, an exploded array one cookie per item, an injected value too', async () => {
    const support = await importScript<{ send: Fn & ((op: unknown, session?: unknown, overrides?: unknown) => unknown) }>(path.join(dir, 'k6', 'lib', 'support.js'), { ...ENV });
    const op = {
      operationId: 'c',
      group: 'c',
      method: 'GET',
      path: '/c',
      parameters: [
        { name: 'prefs', in: 'cookie', value: ['dark', 'wide'], explode: false },
        { name: 'tags', in: 'cookie', value: ['a b', 'c'] },
      ],
      statuses: [200],
      auth: [],
    };
    support.send(op, undefined, { cookie: { label: 'blue sky' } });
    expect(onlyCall().params.headers?.Cookie).to.equal('prefs=dark,wide; tags=a%20b; tags=c; label=blue%20sky');
  });

  it('writes an XML body from the plan\'s XML shape: the bytes of the kit\'s wire form', async () => {
    const note: RequestTemplate = {
      operationId: 'xmlNote',
      method: 'put',
      path: '/notes/xml',
      parameters: [],
      body: {
        mediaType: 'application/xml',
        value: { name: `<${HOSTILE}>`, tags: ['a', 'b'], owner: { id: 7 }, none: null },
        xml: NOTE_XML,
      },
      expectedStatuses: [200],
      auth: [],
    };
    const plan = fixturePlan();
    plan.requests.push(note);
    const xmlDir = writeFiles((await renderK6(plan)).files);
    try {
      installK6Stub(xmlDir);
      const own = (await importScript(path.join(xmlDir, 'k6', 'lib', 'requests.js'), { ...ENV })) as Record<string, Fn>;
      own.xmlNote!();
      const call = onlyCall();
      const wire = wireForm({ request: note, auth: [] }).body!;
      expect(call.body).to.equal(literalText(wire.pieces));
      expect(call.body).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?><note><title>&lt;/);
      expect(call.params.headers?.['Content-Type']).to.equal('application/xml');
    } finally {
      installK6Stub(dir);
      fs.rmSync(xmlDir, { recursive: true, force: true });
    }
  });

  it('reads and writes JSON pointers', async () => {
    const support = await importScript<Support>(path.join(dir, 'k6', 'lib', 'support.js'), { ...ENV });
    const doc = { a: [{ b: 0 }], 'x/y': { '~': null } };
    expect(support.readPointer(doc, ['a', '0', 'b'])).to.deep.equal({ found: true, value: 0 });
    expect(support.readPointer(doc, ['x/y', '~'])).to.deep.equal({ found: true, value: null });
    expect(support.readPointer(doc, ['a', '1'])).to.deep.equal({ found: false, value: undefined });
    expect(support.readPointer(doc, ['a', '01'])).to.deep.equal({ found: false, value: undefined });
    expect(support.writePointers(doc, [{ pointer: ['n', 'm'], value: 2 }, { pointer: ['a', '-'], value: 3 }])).to.deep.equal({ ...doc, a: [{ b: 0 }, 3], n: { m: 2 } });
    expect(doc.a).to.have.length(1); // the plan's value is not changed
  });

  it('tags requests with the phase the scenario is in, by elapsed time', async () => {
    const script = await importScript<Record<string, Fn>>(path.join(dir, 'k6', 'spike.js'), { ...ENV });
    for (const elapsed of [30, 100, 200, 300]) {
      k6.elapsedSeconds = elapsed;
      script.spike_listPets();
    }
    expect(operationCalls().map((call) => call.params.tags)).to.deep.equal([
      { name: 'listPets', throughput: 'baseline' },
      { name: 'listPets', phase: 'spike' },
      { name: 'listPets' },
      { name: 'listPets', phase: 'recovered' },
    ]);
  });

  it('runs load tests with a request rate on ramping-arrival-rate, scaled from the users\' stages', async () => {
    const { options } = await importScript<{ options: Options }>(path.join(dir, 'k6', 'load.js'), { ...ENV });
    expect(options.scenarios.load_rate.executor).to.equal('ramping-arrival-rate');
    expect(options.scenarios.load_rate.stages!.map((stage) => stage.target)).to.deep.equal([25, 25, 0]);
    expect(options.scenarios.load_listPets.executor).to.equal('ramping-vus');
  });

  it('fails in setup(), before any load, naming every credential variable the selected scenarios need', async () => {
    const env: Record<string, string> = { ...ENV };
    delete env.AUTH_BEARER_TOKEN;
    delete env.AUTH_API_KEY_HEADER;
    delete env.AUTH_API_KEY_COOKIE;
    const all = await importScript<{ setup: () => unknown }>(path.join(dir, 'k6', 'load.js'), env);
    expect(() => all.setup()).to.throw(
      Error,
      'Environment variables not set: AUTH_API_KEY_COOKIE, AUTH_API_KEY_HEADER, AUTH_BEARER_TOKEN. Run k6 with -e AUTH_API_KEY_COOKIE=... -e AUTH_API_KEY_HEADER=... -e AUTH_BEARER_TOKEN=...',
    );
    const one = await importScript<{ setup: () => unknown }>(path.join(dir, 'k6', 'load.js'), { ...env, SCENARIO: 'load_1abc' });
    expect(one.setup()).to.deep.equal({ tokens: {} });
    expect(k6.calls).to.have.length(0);
  });

  it('fetches OAuth2 tokens once in setup() and hands them to every request through the session', async () => {
    const script = await importScript<{ setup: () => { tokens: Record<string, string> } } & Record<string, Fn>>(path.join(dir, 'k6', 'mixed.js'), { ...ENV });
    const session = script.setup();
    expect(session).to.deep.equal({ tokens: {} }); // mixed_all uses no OAuth2 scheme
    const workflows = await importScript<{ setup: () => { tokens: Record<string, string> } } & Record<string, Fn>>(path.join(dir, 'k6', 'workflows.js'), { ...ENV });
    const withToken = workflows.setup();
    expect(withToken).to.deep.equal({ tokens: { oauthPassword: 'token-1' } });
    expect(k6.calls.map((call) => call.url)).to.deep.equal(['https://auth.example.test/token']);
    const vu = await freshRequests();
    vu.signup(withToken);
    expect(k6.calls).to.have.length(2);
    expect(k6.calls[1].params.headers!.Authorization).to.equal('Bearer token-1');
  });

  /** requests.js as a new virtual user loads it: a copy of the folder, so no module (and no cached token) is shared. */
  async function freshRequests(env: Record<string, string> = ENV): Promise<Record<string, Fn>> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-vu-'));
    copies.push(copy);
    fs.cpSync(dir, copy, { recursive: true });
    return importScript<Record<string, Fn>>(path.join(copy, 'k6', 'lib', 'requests.js'), { ...env });
  }

  it('fetches an OAuth2 token once per virtual user and sends it as a bearer token', async () => {
    const vu = await freshRequests();
    vu.uploadPhoto_2();
    vu.uploadPhoto_2();
    const [token, first, second] = k6.calls;
    expect(k6.calls).to.have.length(3);
    expect(token.method).to.equal('POST');
    expect(token.url).to.equal('http://api.test/base/oauth/token');
    expect(token.body).to.equal('grant_type=client_credentials&scope=read%3Apets%20write%3Apets');
    expect(token.params.headers).to.deep.equal({
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from('client:s%26cret').toString('base64')}`,
    });
    expect(first.params.headers!.Authorization).to.equal('Bearer token-1');
    expect(second.params.headers!.Authorization).to.equal('Bearer token-1');
  });

  it('uses the password grant with the user\'s credentials', async () => {
    (await freshRequests()).signup();
    const token = k6.calls[0];
    expect(token.url).to.equal('https://auth.example.test/token');
    expect(token.body).to.equal('grant_type=password&username=ann&password=pw');
    expect(k6.calls[1].params.headers!.Authorization).to.equal('Bearer token-1');
  });

  it('stops the test in setup(), sending nothing, when the spec\'s token URL is on another host than BASE_URL, naming the variable to set', async () => {
    const workflows = await importScript<{ setup: () => unknown }>(path.join(dir, 'k6', 'workflows.js'), withoutNamedTokenUrl());
    expect(() => workflows.setup()).to.throw(Error, 'test aborted');
    expect(k6.calls).to.deep.equal([]);
    expect(k6.aborted).to.have.length(1);
    expect(k6.aborted[0]).to.contain('OAuth2 scheme "oauthPassword": the spec\'s token URL is on https://auth.example.test:443, not on the server under test (http://api.test:80)');
    expect(k6.aborted[0]).to.contain('Set AUTH_PASSWORD_TOKEN_URL to the token endpoint (k6 run -e AUTH_PASSWORD_TOKEN_URL=...), or AUTH_PASSWORD_TOKEN to a token obtained beforehand.');
  });

  it('stops the test, sending nothing, when a virtual user would fetch a token from another host (setup() skipped)', async () => {
    const vu = await freshRequests(withoutNamedTokenUrl());
    expect(() => vu.signup()).to.throw(Error, 'test aborted');
    expect(k6.calls).to.deep.equal([]);
    expect(k6.aborted[0]).to.contain('AUTH_PASSWORD_TOKEN_URL');
  });

  it('takes an absolute spec token URL on the same scheme, host and port as BASE_URL, and refuses another scheme or port', async () => {
    (await freshRequests(withoutNamedTokenUrl({ ...ENV, BASE_URL: 'HTTPS://Auth.Example.Test:443/api/' }))).signup();
    expect(k6.calls.map((call) => call.url)[0]).to.equal('https://auth.example.test/token');
    expect(k6.calls).to.have.length(2);
    for (const base of ['http://auth.example.test/api', 'https://auth.example.test:8443/api', 'https://user@auth.example.test/api']) {
      k6.calls.length = 0;
      const other = await freshRequests(withoutNamedTokenUrl({ ...ENV, BASE_URL: base }));
      expect(() => other.signup(), base).to.throw(Error, 'test aborted');
      expect(k6.calls, base).to.deep.equal([]);
    }
  });

  it('sends the token request to AUTH_<SCHEME>_TOKEN_URL when set, a relative one below BASE_URL', async () => {
    (await freshRequests({ ...ENV, AUTH_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token' })).uploadPhoto_2();
    expect(k6.calls[0].url).to.equal('http://127.0.0.1:9/token');
    k6.calls.length = 0;
    (await freshRequests({ ...ENV, AUTH_PASSWORD_TOKEN_URL: 'sso/token' })).signup();
    expect(k6.calls[0].url).to.equal('http://api.test/base/sso/token');
  });

  it('uses AUTH_<SCHEME>_TOKEN when set: no token request, and no client id or secret needed', async () => {
    const env: Record<string, string> = { ...ENV, AUTH_PASSWORD_TOKEN: 'given-pw', AUTH_OAUTH_TOKEN: 'given-cc' };
    delete env.AUTH_OAUTH_CLIENT_ID;
    delete env.AUTH_OAUTH_CLIENT_SECRET;
    delete env.AUTH_USER;
    delete env.AUTH_PASSWORD;
    const workflows = await importScript<{ setup: () => { tokens: Record<string, string> } }>(path.join(dir, 'k6', 'workflows.js'), env);
    expect(workflows.setup()).to.deep.equal({ tokens: {} });
    const vu = await freshRequests(env);
    vu.signup();
    vu.uploadPhoto_2();
    expect(k6.calls.map((call) => call.params.headers!.Authorization)).to.deep.equal(['Bearer given-pw', 'Bearer given-cc']);
    expect(k6.aborted).to.deep.equal([]);
  });
});
