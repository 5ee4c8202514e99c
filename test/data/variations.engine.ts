import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import k6Renderer from '../../plugins/k6/src/index.js';
import jmeterRenderer from '../../plugins/jmeter/src/index.js';
import locustRenderer from '../../plugins/locust/src/index.js';
import { k6DoubleBin } from '../../tools/conformance/engines/k6-double.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { jmeterInstalled, runJmeter } from '../../plugins/jmeter/test/jmeter-process.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const LOCUST = path.join(PROJECT_ROOT, '.tools', 'locust-venv', 'bin', 'locust');

/** One write operation: an int64 id, an email, a UUID and a required Idempotency-Key header. */
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Orders', version: '1' },
  servers: [{ url: 'http://127.0.0.1:9/api' }],
  paths: {
    '/orders': {
      post: {
        operationId: 'submitPurchase',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'customerEmail', 'reference'],
                properties: {
                  id: { type: 'integer', format: 'int64', example: 10 },
                  customerEmail: { type: 'string', format: 'email', example: 'ann@shop.test' },
                  reference: { type: 'string', format: 'uuid' },
                  note: { type: 'string', example: 'same' },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
  },
};

interface Received {
  method: string;
  url: string;
  key: string | undefined;
  body: Record<string, unknown>;
}

/** A server on 127.0.0.1 that answers 201 and records every request. */
async function recordingServer(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // recorded as {}
      }
      const key = request.headers['idempotency-key'];
      received.push({ method: request.method ?? '', url: request.url ?? '', key: Array.isArray(key) ? key[0] : key, body });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The orders a run sent: each a distinct id, email, UUID and idempotency key, all valid. */
function expectDistinct(received: readonly Received[], engine: string): void {
  const orders = received.filter((request) => request.method === 'POST' && request.url === '/api/orders');
  expect(orders.length, `${engine}: at least 100 orders were sent`).to.be.at.least(100);
  const first = orders.slice(0, Math.max(100, orders.length));
  for (const field of ['id', 'customerEmail', 'reference'] as const) {
    const values = first.map((order) => JSON.stringify(order.body[field]));
    expect(new Set(values).size, `${engine}: distinct ${field} values among ${values.length} orders`).to.equal(values.length);
  }
  const keys = first.map((order) => order.key);
  expect(new Set(keys).size, `${engine}: distinct idempotency keys`).to.equal(keys.length);
  for (const order of first) {
    expect(order.body.id, engine).to.satisfy((id: unknown) => Number.isSafeInteger(id) && (id as number) >= 1);
    expect(order.body.customerEmail, engine).to.match(/^[^@\s]+-[0-9a-z]{6}@[^@\s]+$/);
    expect(order.body.reference, engine).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(order.key, engine).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(order.body.note, `${engine}: a field that is no identifier does not vary`).to.equal('same');
  }
}

// Under load (many virtual users at once), a write operation sends a different id, email, UUID
// and idempotency key in every iteration, in every engine: a real server would reject or replay
// repeats. Each engine runs the plan's load test at a tenth of its planned length against a
// recording server: 30 requests/s offered, a few hundred orders.
describe('data that varies: distinct values under load in k6, Locust and JMeter', function () {
  this.timeout(600_000);
  let out: string;
  const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies, k6Renderer, locustRenderer, jmeterRenderer].map((plugin) => ({ plugin, source: 'built-in' }));

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-varied-'));
    const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'], overrides: { targetRps: 30 } } }));
    const { files } = await pipeline.generate({ specFile: 'orders.json', document: SPEC });
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
      fs.writeFileSync(path.join(out, file.path), file.contents);
    }
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('k6 (the test double, load mode: concurrent VUs on the arrival-rate schedule)', async () => {
    const server = await recordingServer();
    try {
      const result = await run(process.execPath, [k6DoubleBin(), 'run', '-e', `BASE_URL=${server.url}`, '-e', 'TIME_SCALE=0.1', 'k6/load.js'], { cwd: out });
      expect(result.code, result.output).to.equal(0);
    } finally {
      await server.close();
    }
    expectDistinct(server.received, 'k6');
  });

  it('Locust (real)', async function () {
    if (!fs.existsSync(LOCUST)) {
      console.log(`    (Locust not installed at ${LOCUST}: skipped)`);
      this.skip();
    }
    const server = await recordingServer();
    try {
      const result = await run(LOCUST, ['-f', 'locustfile.py', '--config', 'load.conf'], { cwd: path.join(out, 'locust'), env: { BASE_URL: server.url, TIME_SCALE: '0.1' } });
      expect(result.code, result.output.slice(-3000)).to.equal(0);
    } finally {
      await server.close();
    }
    expectDistinct(server.received, 'Locust');
  });

  it('JMeter (real)', async function () {
    if (!jmeterInstalled()) {
      console.log('    (JMeter not installed: skipped)');
      this.skip();
    }
    const server = await recordingServer();
    try {
      await runJmeter({ jmx: path.join(out, 'jmeter', 'load.jmx'), properties: { baseUrl: server.url, timeScale: '0.1' }, workDir: out });
    } finally {
      await server.close();
    }
    expectDistinct(server.received, 'JMeter');
  });
});
