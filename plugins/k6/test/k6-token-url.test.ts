import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import k6Renderer from '../src/index.js';
import { k6DoubleBin } from '../../../tools/conformance/engines/k6-double.js';
import { renderTokenHostSpec } from '../../../test/helpers/token-host.js';
import { recordingServer } from '../../jmeter/test/jmeter-process.js';

type Recorder = Awaited<ReturnType<typeof recordingServer>>;

/** Answers token requests with an access token, anything else with 200 `{}`. */
const answer = (request: { method: string; url: string }) =>
  request.method === 'POST' && request.url.startsWith('/oauth/token') ? { status: 200, body: '{"access_token":"fetched-token"}' } : { status: 200 };

// The generated k6 script, run by the k6 test double, against two loopback servers: the server
// under test (BASE_URL) and a "foreign" host that the spec names as its OAuth2 token endpoint.
describe('k6 scripts under the k6 test double: where OAuth2 credentials go', function () {
  this.timeout(30_000);
  let dir: string;
  let server: Recorder;
  let foreign: Recorder;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-token-'));
    server = await recordingServer(answer);
    foreign = await recordingServer(answer);
    await renderTokenHostSpec({ tokenUrl: `${foreign.baseUrl}/oauth/token`, dir, renderer: k6Renderer });
  });
  after(async () => {
    await server.close();
    await foreign.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.requests.length = 0;
    foreign.requests.length = 0;
  });

  async function runDouble(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
    const args = [k6DoubleBin(), 'run', '--iterations', '1', '--result', path.join(dir, 'result.json')];
    for (const [name, value] of Object.entries({ BASE_URL: server.baseUrl, ...env })) args.push('-e', `${name}=${value}`);
    const child = spawn(process.execPath, [...args, path.join(dir, 'k6', 'load.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { status, output: output + (fs.existsSync(path.join(dir, 'result.json')) ? fs.readFileSync(path.join(dir, 'result.json'), 'utf8') : '') };
  }

  const CLIENT = { AUTH_PARTNER_CLIENT_ID: 'id', AUTH_PARTNER_CLIENT_SECRET: 'secret' };

  it('stops the run at start (exit 108), naming AUTH_PARTNER_TOKEN_URL, and sends nothing to the spec\'s token host', async () => {
    const { status, output } = await runDouble(CLIENT);
    expect(status, output).to.equal(108);
    expect(output).to.contain('Set AUTH_PARTNER_TOKEN_URL to the token endpoint');
    expect(foreign.requests).to.deep.equal([]);
    expect(server.requests).to.deep.equal([]);
  });

  it('sends the token request to AUTH_PARTNER_TOKEN_URL when set, then the request with that token', async () => {
    const { status, output } = await runDouble({ ...CLIENT, AUTH_PARTNER_TOKEN_URL: `${foreign.baseUrl}/oauth/token` });
    expect(status, output).to.equal(0);
    expect(foreign.requests.map((request) => `${request.method} ${request.url}`)).to.deep.equal(['POST /oauth/token']);
    expect(foreign.requests[0]!.headers.authorization).to.equal(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(server.requests.map((request) => [request.url, request.headers.authorization])).to.deep.equal([['/items', 'Bearer fetched-token']]);
  });

  it('uses AUTH_PARTNER_TOKEN when set: no token request, no client id or secret needed', async () => {
    const { status, output } = await runDouble({ AUTH_PARTNER_TOKEN: 'given-token' });
    expect(status, output).to.equal(0);
    expect(foreign.requests).to.deep.equal([]);
    expect(server.requests.map((request) => [request.url, request.headers.authorization])).to.deep.equal([['/items', 'Bearer given-token']]);
  });
});
