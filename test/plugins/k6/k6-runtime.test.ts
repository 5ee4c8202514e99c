import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
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
};

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

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

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
    expect(query).to.equal(`tags=dog&tags=cat%20%26%20mouse&ids=1,2,3&sizes=s%20m&colors=red|blue&filter[kind]=dog&filter[age]=3&${q}`);
    expect(new URLSearchParams(query).get('q')).to.equal(HOSTILE);
    expect(call.params.headers).to.deep.equal({ 'X-Request-Id': HOSTILE.replace('\n', ' '), Authorization: 'Bearer token-1' });
    expect(call.params.cookies).to.deep.equal({ session: 'abc,def' });
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

  it('uploads multipart files with http.file and builds text-only multipart bodies by hand', () => {
    requests.uploadPhoto();
    const upload = onlyCall();
    expect(upload.body).to.deep.equal({
      caption: HOSTILE,
      count: '2',
      file: { data: 'perfplan-sample\n', filename: 'photo "1".png', content_type: 'image/png' },
    });
    expect(upload.params.cookies).to.deep.equal({ sid: 'key-c' });
    k6.calls.length = 0;
    requests.signup();
    const signup = onlyCall();
    const contentType = signup.params.headers!['Content-Type'];
    const boundary = /boundary=(.+)$/.exec(contentType)![1];
    expect(signup.body).to.equal(
      `--${boundary}\r\nContent-Disposition: form-data; name="user"\r\n\r\nann\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="profile"\r\n\r\n{"age":3}\r\n--${boundary}--\r\n`,
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
      'http_reqs{scenario:load_1abc}',
    ]);
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
  });

  /** requests.js as a new virtual user loads it: nothing cached yet. */
  async function freshRequests(): Promise<Record<string, Fn>> {
    return importScript<Record<string, Fn>>(path.join(dir, 'k6', 'lib', 'requests.js'), { ...ENV });
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
});
