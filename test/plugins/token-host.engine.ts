import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import jmeterRenderer, { readJmeterJtl } from '../../plugins/jmeter/src/index.js';
import locustRenderer from '../../plugins/locust/src/index.js';
import { evaluatePlan } from '../../src/evaluate/index.js';
import { renderTokenHostSpec } from '../helpers/token-host.js';
import { recordingServer, runJmeter, skipUnlessJmeter } from '../../plugins/jmeter/test/jmeter-process.js';
import { LOCUST_BIN } from '../../plugins/locust/test/render-locust.js';

type Recorder = Awaited<ReturnType<typeof recordingServer>>;

const answer = (request: { method: string; url: string }) =>
  request.method === 'POST' && request.url.startsWith('/oauth/token') ? { status: 200, body: '{"access_token":"fetched-token"}' } : { status: 200 };

const CLIENT = { AUTH_PARTNER_CLIENT_ID: 'client-id', AUTH_PARTNER_CLIENT_SECRET: 'client-secret' };
const BASIC = `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`;

// A spec names a "foreign" token host (a recording server on 127.0.0.1, standing in for a host
// the user never chose). Real Locust and real JMeter run the generated scripts with BASE_URL on
// another server: the foreign host must receive nothing and the run must stop at start with a
// message naming AUTH_PARTNER_TOKEN_URL; with that variable set, the token request goes there.
describe('OAuth2 token host named by the spec, real engines', function () {
  this.timeout(180_000);
  let server: Recorder;
  let foreign: Recorder;
  let dir: string;

  before(async () => {
    server = await recordingServer(answer);
    foreign = await recordingServer(answer);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-token-host-'));
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

  describe('Locust', () => {
    let out: string;
    before(async function () {
      if (!fs.existsSync(LOCUST_BIN)) this.skip();
      out = path.join(dir, 'locust-out');
      await renderTokenHostSpec({ tokenUrl: `${foreign.baseUrl}/oauth/token`, dir: out, renderer: locustRenderer });
    });

    async function runLocust(env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
      const child = spawn(LOCUST_BIN, ['-f', 'locust/locustfile.py', '--config', 'locust/load.conf', '--only-summary'], {
        cwd: out,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PERFPLAN_SMOKE: '1', BASE_URL: server.baseUrl, ...env },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      clearTimeout(timer);
      return { exitCode, output };
    }

    it('stops at start with exit 2, naming AUTH_PARTNER_TOKEN_URL, and the spec\'s token host receives nothing', async () => {
      const run = await runLocust(CLIENT);
      // The token URL is checked with the rest of the run's settings before anything is sent: a run that cannot start exits 2.
      expect(run.exitCode, run.output).to.equal(2);
      expect(run.output).to.contain('Set AUTH_PARTNER_TOKEN_URL to the token endpoint');
      expect(foreign.requests).to.deep.equal([]);
      expect(server.requests).to.deep.equal([]);
    });

    it('sends the token request to AUTH_PARTNER_TOKEN_URL when set', async () => {
      const run = await runLocust({ ...CLIENT, AUTH_PARTNER_TOKEN_URL: `${foreign.baseUrl}/oauth/token` });
      expect(run.exitCode, run.output).to.equal(0);
      expect(foreign.requests.map((request) => [request.method, request.url, request.headers.authorization])).to.deep.equal([['POST', '/oauth/token', BASIC]]);
      expect(server.requests.length).to.be.greaterThan(0);
      expect(server.requests.every((request) => request.headers.authorization === 'Bearer fetched-token')).to.equal(true);
    });
  });

  describe('JMeter', () => {
    let out: string;
    let plan: Awaited<ReturnType<typeof renderTokenHostSpec>>;
    before(async function () {
      skipUnlessJmeter(this);
      out = path.join(dir, 'jmeter-out');
      plan = await renderTokenHostSpec({ tokenUrl: `${foreign.baseUrl}/oauth/token`, dir: out, renderer: jmeterRenderer });
    });
    const properties = (extra: Record<string, string>) => ({ baseUrl: server.baseUrl, users: '1', rampUp: '0', duration: '2', iterations: '3', ...CLIENT, ...extra });

    it('stops the test before any load, the spec\'s token host receives nothing, and perfplan evaluate fails the run naming the property', async () => {
      const run = await runJmeter({ jmx: path.join(out, 'jmeter', 'load.jmx'), properties: properties({}), workDir: dir });
      expect(foreign.requests).to.deep.equal([]);
      expect(server.requests).to.deep.equal([]);
      expect(run.output).to.contain('perfplan: the test stops at start');
      const samples = readJmeterJtl({ text: run.jtl, file: 'load.jtl' });
      expect(samples.filter((sample) => sample.kind === 'check').map((sample) => [sample.label, sample.success])).to.deep.equal([['perfplan check: OAuth2 token URL of partner', false]]);
      expect(samples.filter((sample) => sample.kind === 'request')).to.deep.equal([]);
      const evaluation = evaluatePlan({ plan, samples });
      expect(evaluation.passed).to.equal(false);
      const stopped = evaluation.runFailures.filter((failure) => failure.startsWith('the run stopped at start'));
      expect(stopped).to.have.length(1);
      expect(stopped[0]).to.contain('Set -JAUTH_PARTNER_TOKEN_URL=<token endpoint>');
    });

    it('sends the token request to -JAUTH_PARTNER_TOKEN_URL when set, and records no check sample', async () => {
      const run = await runJmeter({ jmx: path.join(out, 'jmeter', 'load.jmx'), properties: properties({ AUTH_PARTNER_TOKEN_URL: `${foreign.baseUrl}/oauth/token` }), workDir: dir });
      expect(foreign.requests.map((request) => [request.method, request.url])).to.deep.equal([['POST', '/oauth/token']]);
      expect(foreign.requests[0]!.body).to.contain('client_id=client-id&client_secret=client-secret');
      expect(server.requests.length).to.be.greaterThan(0);
      expect(server.requests.every((request) => request.headers.authorization === 'Bearer fetched-token')).to.equal(true);
      const samples = readJmeterJtl({ text: run.jtl, file: 'load.jtl' });
      expect(samples.filter((sample) => sample.kind === 'check')).to.deep.equal([]);
      expect(evaluatePlan({ plan, samples }).runFailures.filter((failure) => failure.startsWith('the run stopped at start'))).to.deep.equal([]);
    });
  });
});
