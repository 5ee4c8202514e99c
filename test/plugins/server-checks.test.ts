import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestPlan } from '../../src/model/index.js';
import { writeFiles } from '../helpers/render-plugin.js';
import { planFrom } from '../../plugins/jmeter/test/planned.js';
import { importScript, installK6Stub, resetRecorder } from '../../plugins/k6/test/k6-stub.js';
import { renderK6 } from '../../plugins/k6/test/render-k6.js';
import { renderLocust, runPython } from '../../plugins/locust/test/render-locust.js';

// Operations with servers of their own: before any request, every engine refuses a test case that
// may not use a server's default as the variables are (the default is the spec's and not a
// loopback address, or the test is a stress, spike or soak test), and one whose requests would
// carry credentials to a default that is not on the base URL's scheme, host and port. The JMeter
// run check does the same in JMeter (request-classes-urls.engine.ts).

/** A loopback API with a bearer scheme; `uploadPublic` and `uploadSigned` on a server of their own. */
function spec(uploads: string): object {
  const response = { '201': { description: 'created' } };
  return {
    openapi: '3.0.3',
    info: { title: 'Uploads', version: '1' },
    servers: [{ url: 'http://127.0.0.1:9/api' }],
    security: [{ bearer: [] }],
    paths: {
      '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'ok' } } } },
      '/public': { servers: [{ url: uploads }], post: { operationId: 'uploadPublic', security: [], responses: response } },
      '/signed': { servers: [{ url: uploads }], post: { operationId: 'uploadSigned', responses: response } },
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

describe('servers of an operation\'s own: the start checks of k6 and Locust', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  let remote: TestPlan;
  let local: TestPlan;
  before(async () => {
    remote = await planFrom(spec('https://upload.example.com/v1'));
    local = await planFrom(spec('http://127.0.0.1:9100/up'));
  });
  beforeEach(() => resetRecorder());
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  async function k6Start(plan: TestPlan, script: string, env: Record<string, string>): Promise<string> {
    const dir = writeFiles((await renderK6(plan)).files, 'perfplan-k6-servers-');
    dirs.push(dir);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-servers-'));
    dirs.push(copy);
    fs.cpSync(dir, copy, { recursive: true });
    installK6Stub(copy);
    try {
      await importScript(path.join(copy, 'k6', script), { AUTH_BEARER_TOKEN: 't', ...env });
      return 'started';
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** perfplan_runtime.server_problems for every test case of `type`, as Locust's start runs it. */
  async function locustStart(plan: TestPlan, type: string, env: Record<string, string>): Promise<string> {
    const dir = writeFiles((await renderLocust(plan)).files, 'perfplan-locust-servers-');
    dirs.push(dir);
    const program = [
      'import json, sys',
      'sys.path.insert(0, sys.argv[1])',
      'import perfplan_runtime as rt',
      'from perfplan_plan import SERVERS, TEST_CASES',
      'environ = json.load(sys.stdin)',
      `needs = [need for case in TEST_CASES.values() if case["type"] == ${JSON.stringify(type)} and not case["onlyByName"] for need in case.get("servers") or []]`,
      'print(json.dumps(" ".join(rt.server_problems(needs, SERVERS, environ, environ["BASE_URL"])) or "started"))',
    ].join('\n');
    return JSON.parse(runPython(program, [path.join(dir, 'locust')], JSON.stringify(env))) as string;
  }

  it('refuses the spec\'s server off loopback until its variable is set, naming it', async () => {
    const k6 = await k6Start(remote, 'load.js', { BASE_URL: 'http://127.0.0.1:9/api' });
    expect(k6).to.match(/^BASE_URL_UPLOAD_EXAMPLE_COM is not set: these test cases never run against the spec's server https:\/\/upload\.example\.com\/v1 by default .*-e BASE_URL_UPLOAD_EXAMPLE_COM=https:\/\/your-test-server$/);
    expect(await locustStart(remote, 'load', { BASE_URL: 'http://127.0.0.1:9/api' })).to.match(/^BASE_URL_UPLOAD_EXAMPLE_COM is not set: these test cases never run against the spec's server/);
    expect(await k6Start(remote, 'load.js', { BASE_URL: 'http://127.0.0.1:9/api', BASE_URL_UPLOAD_EXAMPLE_COM: 'http://127.0.0.1:9100/up' })).to.equal('started');
    expect(await locustStart(remote, 'load', { BASE_URL: 'http://127.0.0.1:9/api', BASE_URL_UPLOAD_EXAMPLE_COM: 'http://127.0.0.1:9100/up' })).to.equal('started');
    expect(globalThis.__k6!.calls, 'nothing is sent at init').to.deep.equal([]);
  });

  it('lets load tests use a loopback default, but sends credentials there only on the base URL\'s origin or when the variable is set', async () => {
    // The default is on another port than BASE_URL: uploadSigned's bearer token may not go there.
    const otherPort = { BASE_URL: 'http://127.0.0.1:9/api' };
    expect(await k6Start(local, 'load.js', otherPort)).to.match(/^BASE_URL_PORT_9100 is not set: requests with credentials go to its default http:\/\/127\.0\.0\.1:9100\/up, which is not on BASE_URL's scheme, host and port \(http:\/\/127\.0\.0\.1:9\)/);
    expect(await locustStart(local, 'load', otherPort)).to.match(/^BASE_URL_PORT_9100 is not set: requests with credentials go to its default http:\/\/127\.0\.0\.1:9100\/up/);
    for (const env of [{ BASE_URL: 'http://127.0.0.1:9100' }, { ...otherPort, BASE_URL_PORT_9100: 'http://127.0.0.1:9100/up' }]) {
      expect(await k6Start(local, 'load.js', env), JSON.stringify(env)).to.equal('started');
      expect(await locustStart(local, 'load', env), JSON.stringify(env)).to.equal('started');
    }
  });

  it('never lets stress, spike and soak tests use a server\'s default, loopback or not', async () => {
    const env = { BASE_URL: 'http://127.0.0.1:9100' };
    expect(await k6Start(local, 'stress.js', env)).to.match(/^BASE_URL_PORT_9100 is not set: these test cases never run against the spec's server/);
    expect(await locustStart(local, 'stress', env)).to.match(/^BASE_URL_PORT_9100 is not set/);
    expect(await k6Start(local, 'stress.js', { ...env, BASE_URL_PORT_9100: 'http://127.0.0.1:9101' })).to.equal('started');
  });
});
