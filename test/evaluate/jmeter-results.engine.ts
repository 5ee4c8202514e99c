import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { evaluatePlan, readPlanFile, type Evaluation } from '../../src/evaluate/index.js';
import { readJmeterJtl } from '../../plugins/jmeter/src/index.js';
import type { TestPlan } from '../../src/model/index.js';
import { BIN_RUN, FIXTURES_DIR } from '../helpers/paths.js';
import { recordingServer, runJmeter, skipUnlessJmeter } from '../../plugins/jmeter/test/jmeter-process.js';
import { planFrom } from '../../plugins/jmeter/test/planned.js';
import { renderJmeter, writeFiles } from '../../plugins/jmeter/test/render-jmeter.js';

// Real JMeter 5.6.3 runs .jmx files rendered from plans against loopback servers that meet the
// criteria or break them; perfplan evaluate must agree. Load, spike and stress against a healthy,
// slow, erroring and capacity-limited server, and the refusal without -JbaseUrl, are in the
// criteria-fidelity suite (test/fidelity/fidelity.engine.ts) with every other engine. PERFPLAN_WRITE_JTL_FIXTURES=1 also copies
// the JTL files of the fixture plan's runs to test/fixtures/jtl/ (how the committed fixtures were made).
const PLAN_FILE = path.join(FIXTURES_DIR, 'jtl', 'plan.json');

type Answer = { status: number; body?: string; delayMs?: number };

async function runFixturePlan(mode: 'healthy' | 'broken'): Promise<{ load: string; workflows: string; requests: string[] }> {
  let count = 0;
  const server = await recordingServer((request) => {
    count++;
    if (request.method === 'POST') return { status: 201, body: '{"id":42}' };
    if (mode === 'broken') return { status: count % 4 === 0 ? 500 : 200, body: '{"id":42}', delayMs: 300 };
    return { status: 200, body: '{"id":42}' };
  });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `perfplan-jtl-${mode}-`));
  try {
    const out = writeFiles((await renderJmeter(readPlanFile(PLAN_FILE))).files);
    const properties = { baseUrl: server.baseUrl };
    const load = await runJmeter({ jmx: path.join(out, 'jmeter', 'load.jmx'), properties, workDir: work });
    const workflows = await runJmeter({ jmx: path.join(out, 'jmeter', 'workflows.jmx'), properties, workDir: work });
    if (process.env.PERFPLAN_WRITE_JTL_FIXTURES === '1') {
      fs.writeFileSync(path.join(FIXTURES_DIR, 'jtl', `load-${mode}.jtl`), load.jtl);
      fs.writeFileSync(path.join(FIXTURES_DIR, 'jtl', `workflows-${mode}.jtl`), workflows.jtl);
    }
    return { load: load.jtl, workflows: workflows.jtl, requests: server.requests.map((request) => `${request.method} ${request.url}`) };
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** One read operation: the smallest API whose load file JMeter runs quickly. */
function oneReadSpec(): object {
  return {
    openapi: '3.0.3',
    info: { title: 'One read', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/things/{thingId}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'integer', example: 7 } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}

/** A small load, so that each run takes seconds at its time scale. */
async function smallPlan(): Promise<TestPlan> {
  return planFrom(oneReadSpec(), {
    types: ['load'],
    profiles: {
      standard: { virtualUsers: 4, durationSeconds: 40, rampUpSeconds: 8, rampDownSeconds: 8, thinkTimeSeconds: 0.5, expectedResponseTimeMs: 100, p95Ms: 250 },
    },
  });
}

/** A server answering `answer(n)` to its n-th request, at most `concurrency` at once (the rest wait in a queue), each taking `serviceMs`. */
async function server(input: { answer?: (n: number) => Answer; concurrency?: number; serviceMs?: number }): Promise<{ baseUrl: string; count: () => number; mostAtOnce: () => number; close(): Promise<void> }> {
  let count = 0;
  let busy = 0;
  let open = 0;
  let mostAtOnce = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    busy--;
    queue.shift()?.();
  };
  const httpServer = http.createServer((request, response) => {
    request.resume();
    open++;
    mostAtOnce = Math.max(mostAtOnce, open);
    response.on('finish', () => open--);
    request.on('end', () => {
      const n = ++count;
      const serve = () => {
        busy++;
        const reply = input.answer?.(n) ?? { status: 200 };
        setTimeout(() => {
          response.writeHead(reply.status, { 'content-type': 'application/json' });
          response.end(reply.body ?? '{}');
          release();
        }, reply.delayMs ?? input.serviceMs ?? 0);
      };
      if (input.concurrency !== undefined && busy >= input.concurrency) queue.push(serve);
      else serve();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, count: () => count, mostAtOnce: () => mostAtOnce, close: () => new Promise((resolve) => httpServer.close(() => resolve())) };
}

interface Judged {
  exitCode: number | null;
  stdout: string;
  evaluation: Evaluation;
  log: string;
}

/** Runs one .jmx of `plan` with -J `properties` and judges its results with the perfplan evaluate command. */
async function runAndJudge(plan: TestPlan, file: string, properties: Record<string, string>): Promise<Judged> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-judged-'));
  try {
    const out = writeFiles((await renderJmeter(plan)).files);
    const { testCases, ...rest } = plan;
    fs.writeFileSync(path.join(work, 'plan.json'), JSON.stringify({ plan: rest, testCases }));
    const run = await runJmeter({ jmx: path.join(out, 'jmeter', file), properties, workDir: work });
    const results = path.join(work, 'results.jtl');
    fs.writeFileSync(results, run.jtl);
    const cli = spawnSync(process.execPath, [BIN_RUN, 'evaluate', '--engine', 'jmeter', '--plan', path.join(work, 'plan.json'), results], { encoding: 'utf8' });
    const evaluation = evaluatePlan({ plan, samples: readJmeterJtl({ text: run.jtl, file: results }) });
    return { exitCode: cli.status, stdout: cli.stdout + cli.stderr, evaluation, log: run.log };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const failedOf = (judged: Judged) => judged.evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => result.criterion));

describe('perfplan evaluate on results of real JMeter runs', function () {
  this.timeout(600_000);
  before(function () {
    skipUnlessJmeter(this);
  });

  it('meets every criterion of the fixture plan against a healthy server, and carries the created id into the next step', async () => {
    const run = await runFixturePlan('healthy');
    expect(run.requests).to.include('GET /items/42');
    expect(run.requests).not.to.include('GET /items/NOT_FOUND_wf_item_id');
    const plan = readPlanFile(PLAN_FILE);
    for (const jtl of [run.load, run.workflows]) {
      const evaluation = evaluatePlan({ plan, samples: readJmeterJtl({ text: jtl, file: 'results.jtl' }) });
      expect(evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => result.message))).to.deep.equal([]);
      expect(evaluation.passed).to.equal(true);
    }
  });

  it('fails the fixture plan\'s p95 and error rate against a slow server that fails a quarter of the reads', async () => {
    const run = await runFixturePlan('broken');
    const evaluation = evaluatePlan({ plan: readPlanFile(PLAN_FILE), samples: readJmeterJtl({ text: run.load, file: 'load.jtl' }) });
    const failed = evaluation.evaluated[0]!.results.filter((result) => result.status === 'fail').map((result) => result.criterion);
    expect(failed).to.include.members(['p95', 'errorRate']);
    expect(evaluation.passed).to.equal(false);
  });

  describe('time-scaled load runs', () => {
    let plan: TestPlan;
    before(async () => {
      plan = await smallPlan();
    });

    it('load.jmx is an open model: a pool of virtualUsers users at most, so a server slower than the pool can carry gets less than offered', async () => {
      const load = plan.testCases.find((testCase) => testCase.type === 'load')!;
      // 1.5 s a request: 5 users carry 3.3 requests/s of the 6.67 offered.
      const slow = await server({ serviceMs: 1500 });
      try {
        const judged = await runAndJudge(plan, 'load.jmx', { baseUrl: slow.baseUrl, timeScale: '0.25' });
        expect(slow.mostAtOnce()).to.equal(load.profile.virtualUsers);
        expect(failedOf(judged), judged.stdout).to.include('throughput');
        const throughput = judged.evaluation.evaluated[0]!.results.find((result) => result.criterion === 'throughput')!;
        expect(throughput.measured, judged.stdout).to.be.within(2.5, 4.2);
      } finally {
        await slow.close();
      }
    });

    it('load.jmx refuses a time scale that is not a number: nothing sent, and evaluate fails naming it', async () => {
      const watched = await server({});
      try {
        const bad = await runAndJudge(plan, 'load.jmx', { baseUrl: watched.baseUrl, timeScale: 'fast' });
        expect(bad.evaluation.runFailures.join(' ')).to.include('timeScale=fast is not a positive number');
        expect(bad.exitCode).to.equal(1);
        expect(watched.count()).to.equal(0);
      } finally {
        await watched.close();
      }
    });
  });
});
