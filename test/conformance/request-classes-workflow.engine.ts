import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { evaluatePlan, readPlanFile, type Sample } from '../../src/evaluate/index.js';
import { readJmeterJtl } from '../../plugins/jmeter/src/index.js';
import type { ConformanceReport } from '../../tools/conformance/report.js';
import { FIDELITY_ENGINES, type EngineRunOutput } from '../../tools/fidelity/engines/index.js';
import type { EngineName } from '../../tools/fidelity/verdict.js';
import { BIN_RUN, FIXTURES_DIR, PROJECT_ROOT } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';
import { expectWireMatches, recordsOf } from './wire-expectations.js';

// Issue 12, classes "a workflow step gives no value" and "nothing to call", with real engines:
// - a step that gives no value ends the workflow iteration in every engine (k6 through its test
//   double, real Locust, real JMeter 5.6.3 + perfplan evaluate): no later step is sent, and the
//   iteration counts as a failed workflow, so every engine fails workflow completion; against a
//   healthy server nothing changes: every step is sent with the created id, every criterion passes;
// - the conformance harness on the class fixtures with all three engines: 0 rejections and every
//   planned operation called for the workflow spec, "nothing to check" for the webhook-only ones.

const CLASS_DIR = path.join(FIXTURES_DIR, 'request-classes');
const WORKFLOW_SPEC = path.join(CLASS_DIR, 'workflow-missing-value.yaml');
const ENGINES: EngineName[] = ['k6', 'locust', 'jmeter'];
const TIME_SCALE = 0.5;

type Mode = 'no-id' | 'healthy';

/** The orders API on loopback: POST /orders answers 201 with the order's id, or (no-id) without it. Records every request. */
async function ordersServer(mode: Mode): Promise<{ baseUrl: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const line = `${request.method ?? ''} ${(request.url ?? '').replace(/\?.*$/, '')}`;
      requests.push(line);
      const order = { item: 'tea', quantity: 2 };
      const [status, body] =
        request.method === 'POST' ? [201, mode === 'no-id' ? order : { id: 42, ...order }] : request.method === 'DELETE' ? [204, undefined] : [200, { id: 42, ...order }];
      response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/api`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * `perfplan generate` from a folder holding the spec and a config: workflow tests only, small and
 * short, and a declared workflow whose create step runs in half the iterations (so a later
 * iteration may reach the read step without any id ever given).
 */
function generateWorkflows(dir: string): string {
  fs.copyFileSync(WORKFLOW_SPEC, path.join(dir, 'openapi.yaml'));
  const workflow = { virtualUsers: 2, durationSeconds: 8, rampUpSeconds: 2, rampDownSeconds: 2, thinkTimeSeconds: 0.2, expectedResponseTimeMs: 50, p95Ms: 1000 };
  const config = {
    spec: 'openapi.yaml',
    output: 'out',
    types: ['workflow'],
    profiles: { workflow },
    workflows: [{ name: 'half', steps: [{ operationId: 'createOrder', weight: 0.5 }, { operationId: 'getOrder' }] }],
  };
  fs.writeFileSync(path.join(dir, '.perfplanrc.json'), JSON.stringify(config));
  const run = spawnSync(process.execPath, [BIN_RUN, 'generate'], { cwd: dir, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).to.equal(0);
  return path.join(dir, 'out');
}

interface EngineRun {
  engine: EngineName;
  output: EngineRunOutput;
  requests: string[];
}

async function runEngine(input: { engine: EngineName; mode: Mode; outDir: string; workDir: string }): Promise<EngineRun> {
  const server = await ordersServer(input.mode);
  try {
    const workDir = path.join(input.workDir, `${input.engine}-${input.mode}`);
    fs.mkdirSync(workDir, { recursive: true });
    const output = await FIDELITY_ENGINES[input.engine].run({ outDir: input.outDir, type: 'workflow', baseUrl: server.baseUrl, timeScale: TIME_SCALE, env: {}, workDir, timeoutMs: 180_000 });
    return { engine: input.engine, output, requests: [...server.requests] };
  } finally {
    await server.close();
  }
}

function jmeterSamples(run: EngineRun): Sample[] {
  const jtl = run.output.logs.find((file) => file.endsWith('.jtl'))!;
  return readJmeterJtl({ text: fs.readFileSync(jtl, 'utf8'), file: jtl });
}

const describeRun = (run: EngineRun) => `${run.engine}: exit ${String(run.output.exitCode)}, failed ${JSON.stringify(run.output.failed)}, problems ${JSON.stringify(run.output.runProblems)}\n${run.output.output.slice(-1500)}`;

describe('request classes: a workflow step that gives no value, and specs with nothing to call (real engines)', function () {
  this.timeout(900_000);
  const dir = tempDir('request-classes');
  after(() => dir.remove());

  before(function () {
    for (const engine of ENGINES) {
      const available = FIDELITY_ENGINES[engine].available();
      if (available !== true) {
        console.log(`    (${available}; skipped)`);
        this.skip();
      }
    }
  });

  describe('a create step whose response has no id', () => {
    let outDir: string;
    const runs = new Map<string, EngineRun>();
    before(async () => {
      outDir = generateWorkflows(dir.path);
      for (const mode of ['no-id', 'healthy'] as const) {
        for (const engine of ENGINES) runs.set(`${engine} ${mode}`, await runEngine({ engine, mode, outDir, workDir: dir.path }));
      }
    });

    for (const engine of ENGINES) {
      it(`${engine}: ends every iteration at the create step, sends no later step, and fails workflow completion`, () => {
        const run = runs.get(`${engine} no-id`)!;
        expect(run.output.runProblems, describeRun(run)).to.deep.equal([]);
        expect(run.requests.length, 'create requests sent').to.be.greaterThan(4);
        expect([...new Set(run.requests)], 'no step after the create step').to.deep.equal(['POST /api/orders']);
        expect(run.output.exitCode, describeRun(run)).not.to.equal(0);
        const failed = run.output.failed.filter((entry) => entry.criterion === 'workflow.completion');
        expect(failed.length, `both workflows fail completion: ${describeRun(run)}`).to.equal(2);
      });

      it(`${engine}: against a healthy server sends every step with the created id and passes every criterion`, () => {
        const run = runs.get(`${engine} healthy`)!;
        expect(run.output.runProblems, describeRun(run)).to.deep.equal([]);
        expect(run.output.exitCode, describeRun(run)).to.equal(0);
        expect(run.output.failed, describeRun(run)).to.deep.equal([]);
        expect(run.output.judged).to.be.greaterThan(0);
        for (const step of ['POST /api/orders', 'GET /api/orders/42', 'PUT /api/orders/42', 'DELETE /api/orders/42']) expect(run.requests, step).to.include(step);
        expect(run.requests.filter((line) => /NOT_FOUND|%24%7B|\$\{/.test(line))).to.deep.equal([]);
      });
    }

    it('jmeter: each failed iteration is one failed workflow sample; iterations that never got an id end before the read step, failed', () => {
      const samples = jmeterSamples(runs.get('jmeter no-id')!);
      const requests = samples.filter((sample) => sample.kind === 'request');
      const workflows = samples.filter((sample) => sample.kind === 'workflow');
      expect([...new Set(requests.map((sample) => sample.label))]).to.deep.equal(['createOrder']);
      expect(requests.every((sample) => !sample.success && /gives createOrder_id: the response has no such value, so the workflow iteration ends here/.test(sample.failureMessage))).to.equal(true);
      expect(workflows.length).to.be.greaterThan(0);
      expect(workflows.filter((sample) => sample.success)).to.deep.equal([]);
      const sent = (testCase: string) => requests.filter((sample) => sample.testCase === testCase).length;
      const iterations = (workflowId: string) => workflows.filter((sample) => sample.label === workflowId).length;
      const half = readPlanFile(path.join(outDir, 'plan.json')).testCases.find((testCase) => testCase.type === 'workflow' && testCase.workflowId !== 'workflow_lifecycle_orders')!;
      // The lifecycle: one create per iteration (one may be cut off at the end of the run).
      expect(Math.abs(iterations('workflow_lifecycle_orders') - sent('workflow_lifecycle_orders'))).to.be.at.most(2);
      // The half workflow: create runs in every other iteration; the others end at the guard, failed, sending nothing.
      expect(iterations(half.workflowId!)).to.be.greaterThan(sent(half.id) + 2);
      // perfplan evaluate counts those too (JMeter gives them no thread name).
      const evaluation = evaluatePlan({ plan: readPlanFile(path.join(outDir, 'plan.json')), samples });
      const completion = evaluation.evaluated.find((entry) => entry.testCaseId === half.id)?.results.find((result) => result.criterion === 'workflow.completion');
      expect(completion?.message).to.match(new RegExp(`^workflows completed \\(0 of ${iterations(half.workflowId!)}\\)`));
      const healthy = jmeterSamples(runs.get('jmeter healthy')!);
      expect(healthy.filter((sample) => sample.kind === 'workflow' && !sample.success)).to.deep.equal([]);
      expect(healthy.filter((sample) => sample.kind === 'request' && !sample.success)).to.deep.equal([]);
    });
  });

  it('the conformance harness: the workflow spec passes in every engine with 0 rejections; the webhook-only specs have nothing to check; exit 0', async () => {
    const out = path.join(dir.path, 'conformance');
    const specs = ['workflow-missing-value.yaml', 'webhooks-only-3.1.yaml', 'x-webhooks-only.yaml'].map((name) => path.join(CLASS_DIR, name));
    const harness = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'tools', 'conformance', 'main.js'), ...specs, '--engines', ENGINES.join(','), '--out', out], { cwd: dir.path, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    harness.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    harness.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => harness.on('close', resolve));
    expect(exitCode, printed.slice(-3000)).to.equal(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.ok).to.equal(true);
    const workflow = report.results.filter((result) => result.spec === 'workflow-missing-value.yaml');
    expect(workflow.map((result) => result.engine)).to.deep.equal(ENGINES);
    for (const result of workflow) {
      expect(result.verdict, `${result.engine}: ${result.verdictReasons.join('; ')}`).to.equal('pass');
      expect(result.rejected).to.equal(0);
      expect(result.operationsInPlan).to.equal(4);
      expect(result.operationsCalled).to.equal(result.operationsInPlan);
      expect(result.uncalledOperations).to.deep.equal([]);
      expect(result.exitCode).to.equal(0);
      expectWireMatches(result, recordsOf(path.join(out, 'runs', result.spec, result.engine, 'requests.json')), `${result.spec} ${result.engine}`);
    }
    for (const spec of ['webhooks-only-3.1.yaml', 'x-webhooks-only.yaml']) {
      const results = report.results.filter((result) => result.spec === spec);
      expect(results.map((result) => [result.engine, result.verdict])).to.deep.equal(ENGINES.map((engine) => [engine, 'nothing to check']));
      expect(results[0]!.verdictReasons[0]).to.match(new RegExp(`^${spec.replace(/\./g, '\\.')} describes \\d+ webhooks? and no operations under paths\\. Webhooks are requests the API sends to its subscribers`));
      expect(report.specs.find((entry) => entry.spec === spec)?.prismStartupMs, 'no Prism for nothing to call').to.equal(undefined);
    }
    expect(printed).to.contain('3 passed, 0 failed, 6 nothing to check');
  });
});
