import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import type { TestPlan } from '../../../src/model/index.js';
import { LOCUST_BIN, renderLocust, writeFiles } from './render-locust.js';

/** A tiny plan: one GET, one load test case of 2 users for 5 s, p95 under 150 ms, errors under 1 %, at least 2 req/s. */
function tinyPlan(): TestPlan {
  return {
    planVersion: 1,
    source: { title: 'Tiny', version: '1', specVersion: '3.0.3', specFile: 'tiny.yaml', operationCount: 1 },
    defaultBaseUrlSource: 'config', timeScale: 1, defaultBaseUrl: 'http://127.0.0.1:9',
    analysis: {} as TestPlan['analysis'],
    requests: [{ operationId: 'getThing', method: 'get', path: '/things/{id}', parameters: [{ name: 'id', in: 'path', value: 7 }], expectedStatuses: [200], auth: [] }],
    testCases: [
      {
        id: 'load_getThing',
        name: 'Tiny load',
        type: 'load',
        startSeconds: 0, requiresChosenBaseUrl: false, rationale: 'criteria hook test',
        targets: [{ operationId: 'getThing', weight: 1 }],
        profile: {
          name: 'standard',
          title: 'Standard',
          virtualUsers: 2,
          durationSeconds: 4,
          rampUpSeconds: 1,
          rampDownSeconds: 0,
          thinkTimeSeconds: 0.1,
          expectedResponseTimeMs: 50,
          stages: [
            { durationSeconds: 1, target: 2 },
            { durationSeconds: 4, target: 2 },
          ],
        },
        criteria: { p95Ms: 150, errorRate: 0.01, minThroughputRps: 2 },
      },
    ],
    workflows: [],
    auth: [],
    environment: [],
    diagnostics: [],
  };
}

type Mode = 'fast' | 'slow' | 'failing';

async function startServer(mode: Mode): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((request, response) => {
    hits += 1;
    const answer = () => {
      const ok = mode !== 'failing' && request.url === '/things/7';
      response.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 7 }));
    };
    if (mode === 'slow') setTimeout(answer, 400);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Run {
  exitCode: number | null;
  output: string;
  criteria: { exitCode: number; criteria: { criterion: string; passed: boolean; detail: string }[] };
}

async function runLocust(dir: string, baseUrl: string): Promise<Run> {
  const criteriaFile = path.join(dir, 'criteria.json');
  const child = spawn(LOCUST_BIN, ['-f', 'locust/locustfile.py', '--config', 'locust/load.conf', '--only-summary'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BASE_URL: baseUrl, PERFPLAN_CRITERIA_FILE: criteriaFile },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  return { exitCode, output, criteria: JSON.parse(fs.readFileSync(criteriaFile, 'utf8')) };
}

// Real Locust (bash scripts/install-locust.sh) against a local server made slow, failing or fast on purpose.
describe('locust criteria hook (real Locust)', function () {
  this.timeout(120000);
  let dir = '';

  before(async function () {
    if (!fs.existsSync(LOCUST_BIN)) {
      console.log(`    (Locust not installed at ${LOCUST_BIN}: run bash scripts/install-locust.sh; skipped)`);
      this.skip();
    }
    dir = writeFiles((await renderLocust(tinyPlan())).files, 'perfplan-locust-engine-');
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [mode, failing] of [['slow', 'p95'], ['failing', 'error rate']] as const) {
    it(`exits 1 and names the ${failing} criterion against a ${mode} server`, async () => {
      const server = await startServer(mode);
      try {
        const run = await runLocust(dir, server.url);
        expect(server.hits()).to.be.greaterThan(3);
        expect(run.exitCode, run.output.slice(-2000)).to.equal(1);
        const failed = run.criteria.criteria.filter((entry) => !entry.passed).map((entry) => entry.criterion);
        expect(failed).to.include(failing);
        expect(run.output).to.match(new RegExp(`FAIL load_getThing: ${failing}: .*over by`));
      } finally {
        await server.close();
      }
    });
  }

  it('exits 0 when every criterion holds against a fast server', async () => {
    const server = await startServer('fast');
    try {
      const run = await runLocust(dir, server.url);
      expect(run.exitCode, run.output.slice(-2000)).to.equal(0);
      expect(run.criteria.criteria.map((entry) => [entry.criterion, entry.passed])).to.deep.equal([
        ['p95', true],
        ['error rate', true],
        ['throughput', true],
      ]);
    } finally {
      await server.close();
    }
  });
});
