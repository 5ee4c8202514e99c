import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { defaultSettings, Pipeline, PluginRegistry } from '../../../src/pipeline/index.js';
import type { TestPlan } from '../../../src/model/index.js';
import { LOCUST_BIN, renderLocust, writeFiles } from './render-locust.js';

interface Server {
  url: string;
  hits: number;
  reset(): void;
  close(): Promise<void>;
}

/** A local server that answers GET /things/7 (and counts every request). */
async function startServer(): Promise<Server> {
  const state: Server = {
    url: '',
    hits: 0,
    reset() {
      state.hits = 0;
    },
    close: () => new Promise((resolve) => httpServer.close(() => resolve())),
  };
  const httpServer = http.createServer((request, response) => {
    state.hits += 1;
    response.writeHead(request.url === '/things/7' ? 200 : 500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 7 }));
  });
  httpServer.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return state;
}

/** A one-operation spec whose server is `url` (a loopback address: load tests may use it, stress and spike never by default). */
function tinySpec(url: string): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Tiny', version: '1' },
    servers: [{ url }],
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  });
}

/** The real pipeline's plan for the tiny spec: standard load and spike, default time scale 0.25. */
async function planFor(url: string): Promise<TestPlan> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-locust-engine-spec-'));
  const file = path.join(dir, 'tiny.json');
  fs.writeFileSync(file, tinySpec(url));
  try {
    const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
    const settings = { ...defaultSettings(), types: ['load', 'spike'] as TestPlan['testCases'][number]['type'][], timeScale: 0.25 };
    return (await new Pipeline(new PluginRegistry(entries), settings).plan(file)).plan;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Criterion {
  testCase: string;
  criterion: string;
  passed: boolean;
  detail: string;
  info?: boolean;
}

interface Run {
  exitCode: number | null;
  output: string;
  criteria?: { exitCode: number; timeScale: number; testCases: string[]; criteria: Criterion[] };
}

async function runLocust(dir: string, args: string[], env: Record<string, string>): Promise<Run> {
  const criteriaFile = path.join(dir, 'criteria.json');
  fs.rmSync(criteriaFile, { force: true });
  const child = spawn(LOCUST_BIN, ['-f', 'locust/locustfile.py', '--only-summary', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PERFPLAN_CRITERIA_FILE: criteriaFile, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  const criteria = fs.existsSync(criteriaFile) ? JSON.parse(fs.readFileSync(criteriaFile, 'utf8')) : undefined;
  return { exitCode, output, criteria };
}

// Real Locust (bash scripts/install-locust.sh) against a local server. The verdicts against a
// healthy, slow, erroring and capacity-limited server (load, spike, stress...), and the refusal
// without BASE_URL, are in the criteria-fidelity suite (test/fidelity/fidelity.engine.ts) with
// every other engine; what is Locust's own stays here.
describe('locust verdicts (real Locust)', function () {
  this.timeout(180000);
  let dir = '';
  let server: Server;
  let plan: TestPlan;

  before(async function () {
    if (!fs.existsSync(LOCUST_BIN)) {
      console.log(`    (Locust not installed at ${LOCUST_BIN}: run bash scripts/install-locust.sh; skipped)`);
      this.skip();
    }
    server = await startServer();
    plan = await planFor(server.url);
    dir = writeFiles((await renderLocust(plan)).files, 'perfplan-locust-engine-');
  });

  after(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (server) await server.close();
  });

  it('refuses a time scale that is not a positive number before sending anything (exit 2)', async () => {
    server.reset();
    const run = await runLocust(dir, ['--config', 'locust/load.conf'], { BASE_URL: server.url, TIME_SCALE: '0' });
    expect(run.exitCode).to.equal(2);
    expect(run.output).to.include('TIME_SCALE (or --perfplan-time-scale) must be a positive number');
    expect(server.hits).to.equal(0);
  });

  it('runs one by-name-only test case by id, from the start', async () => {
    server.reset();
    const byName = plan.testCases.find((testCase) => testCase.type === 'spike' && testCase.onlyByName)!;
    const run = await runLocust(dir, ['--config', 'locust/spike.conf'], { BASE_URL: server.url, TIME_SCALE: '0.02', PERFPLAN_TEST_CASE: byName.id });
    expect(run.exitCode, run.output.slice(-3000)).to.equal(0);
    expect(run.criteria?.testCases).to.deep.equal([byName.id]);
    expect(server.hits).to.be.greaterThan(10);
  });
});
