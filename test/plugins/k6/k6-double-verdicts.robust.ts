import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { Pipeline, PluginRegistry, defaultSettings } from '../../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { k6DoubleBin } from '../../../tools/conformance/engines/k6-double.js';
import { fixtureSpec } from '../../helpers/paths.js';
import { renderK6, writeFiles } from './render-k6.js';

// Generated petstore scripts, planned with time scale 0.05, run under the k6 TEST DOUBLE's load
// mode (k6's schedules, metrics and thresholds) against a tiny local server that is healthy,
// slow or failing: the verdict must follow the server, which is the point of issue 11.

interface Server {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

/** Answers every request with `status` and `{}` after `delayMs`. */
async function startServer(input: { status: number; delayMs: number }): Promise<Server> {
  let count = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      setTimeout(() => {
        response.writeHead(input.status, { 'Content-Type': 'application/json' });
        response.end('{}');
      }, input.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface DoubleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The summary's threshold lines: sub-metric and rule → passed. */
  thresholds: Map<string, boolean>;
}

/** `k6 run SCRIPT` through the double in load mode (real time), from the output folder. */
function runDouble(input: { outDir: string; script: string; env: Record<string, string> }): Promise<DoubleRun> {
  const args = [k6DoubleBin(), 'run'];
  for (const [name, value] of Object.entries(input.env)) args.push('-e', `${name}=${value}`);
  args.push(input.script);
  return new Promise((resolve, reject) => {
    // A bare environment: the double, like k6, passes the system environment into __ENV.
    const child = spawn(process.execPath, args, { cwd: input.outDir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const thresholds = new Map<string, boolean>();
      for (const match of stdout.matchAll(/^\s+(ok|FAILED)\s+(\S+): '([^']+)'/gm)) thresholds.set(`${match[2]} ${match[3]}`, match[1] === 'ok');
      resolve({ exitCode, stdout, stderr, thresholds });
    });
  });
}

const CREDENTIALS = { AUTH_API_KEY: 'key', AUTH_PETSTORE_AUTH_TOKEN: 'token' };
const LOAD_CASE = 'load_getInventory';

describe('k6 scripts under the k6 test double (load mode): the verdict follows the server', function () {
  this.timeout(300_000);
  let outDir: string;

  before(async () => {
    const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
    const pipeline = new Pipeline(new PluginRegistry(entries), { ...defaultSettings(), timeScale: 0.05 });
    const { plan } = await pipeline.plan(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'));
    outDir = writeFiles((await renderK6(plan)).files, 'perfplan-k6-verdicts-');
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  async function against(server: { status: number; delayMs: number }, script: string, env: Record<string, string> = {}) {
    const running = await startServer(server);
    try {
      const run = await runDouble({ outDir, script: path.join('k6', script), env: { BASE_URL: running.url, ...CREDENTIALS, ...env } });
      return { ...run, served: running.requests() };
    } finally {
      await running.close();
    }
  }

  const failed = (run: DoubleRun) => [...run.thresholds].filter(([, ok]) => !ok).map(([threshold]) => threshold);

  it(`load.js -e SCENARIO=${LOAD_CASE} against a healthy server: exit 0, every threshold passes`, async () => {
    const run = await against({ status: 200, delayMs: 5 }, 'load.js', { SCENARIO: LOAD_CASE });
    expect([...run.thresholds.keys()]).to.deep.equal([
      `http_req_duration{scenario:${LOAD_CASE}} p(95)<=1000`,
      `http_req_failed{scenario:${LOAD_CASE}} rate<=0.01`,
      // 6.334 requests/s over the 60 s hold, scaled to 3 s.
      `http_reqs{scenario:${LOAD_CASE},throughput:hold} count>=19`,
    ]);
    expect(failed(run), run.stdout).to.deep.equal([]);
    expect(run.exitCode, run.stdout + run.stderr).to.equal(0);
  });

  it(`load.js -e SCENARIO=${LOAD_CASE} against a server slower than the p95 limit: exit 99 naming the p95 threshold`, async () => {
    const run = await against({ status: 200, delayMs: 1200 }, 'load.js', { SCENARIO: LOAD_CASE });
    expect(run.exitCode, run.stdout + run.stderr).to.equal(99);
    expect(failed(run)).to.deep.equal([`http_req_duration{scenario:${LOAD_CASE}} p(95)<=1000`]);
  });

  it(`load.js -e SCENARIO=${LOAD_CASE} against a failing server: exit 99 naming the error-rate threshold`, async () => {
    const run = await against({ status: 500, delayMs: 5 }, 'load.js', { SCENARIO: LOAD_CASE });
    expect(run.exitCode, run.stdout + run.stderr).to.equal(99);
    expect(failed(run)).to.deep.equal([`http_req_failed{scenario:${LOAD_CASE}} rate<=0.01`]);
  });

  it('spike.js against a healthy server: exit 0, every threshold passes', async () => {
    const run = await against({ status: 200, delayMs: 5 }, 'spike.js');
    expect([...run.thresholds.keys()]).to.deep.equal([
      'http_req_duration{scenario:spike_system} p(95)<=2000',
      'http_req_failed{scenario:spike_system} rate<=0.05',
      'http_reqs{scenario:spike_system,throughput:baseline} count>=9',
      'http_req_failed{scenario:spike_system,phase:spike} rate<=0.05',
      'http_req_duration{scenario:spike_system,phase:recovered} p(95)<=2000',
      'http_req_failed{scenario:spike_system,phase:recovered} rate<=0.05',
    ]);
    expect(failed(run), run.stdout).to.deep.equal([]);
    expect(run.exitCode, run.stdout + run.stderr).to.equal(0);
  });

  it('spike.js against a server slower than the p95 limit: exit 99 naming the p95 thresholds', async () => {
    const run = await against({ status: 200, delayMs: 2500 }, 'spike.js');
    expect(run.exitCode, run.stdout + run.stderr).to.equal(99);
    expect(failed(run)).to.include.members(['http_req_duration{scenario:spike_system} p(95)<=2000', 'http_req_duration{scenario:spike_system,phase:recovered} p(95)<=2000']);
    expect(failed(run).filter((threshold) => threshold.startsWith('http_req_failed'))).to.deep.equal([]);
  });

  it('spike.js against a failing server: exit 99 naming the error-rate thresholds', async () => {
    const run = await against({ status: 500, delayMs: 5 }, 'spike.js');
    expect(run.exitCode, run.stdout + run.stderr).to.equal(99);
    expect(failed(run)).to.deep.equal([
      'http_req_failed{scenario:spike_system} rate<=0.05',
      'http_req_failed{scenario:spike_system,phase:spike} rate<=0.05',
      'http_req_failed{scenario:spike_system,phase:recovered} rate<=0.05',
    ]);
  });

  it('spike.js without BASE_URL: stops at init with what to set, and sends nothing', async () => {
    const running = await startServer({ status: 200, delayMs: 5 });
    try {
      const run = await runDouble({ outDir, script: path.join('k6', 'spike.js'), env: { ...CREDENTIALS } });
      expect(run.exitCode).to.equal(107);
      expect(run.stdout + run.stderr).to.include(
        "BASE_URL is not set: spike tests never run against the spec's server (https://petstore3.swagger.io/api/v3) by default. Set BASE_URL=https://your-test-server (k6: k6 run -e BASE_URL=https://your-test-server k6/spike.js).",
      );
      expect(running.requests()).to.equal(0);
    } finally {
      await running.close();
    }
  });
});
