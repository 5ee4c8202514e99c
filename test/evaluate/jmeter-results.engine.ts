import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { evaluatePlan, readJmeterJtl, readPlanFile } from '../../src/evaluate/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { recordingServer, runJmeter, skipUnlessJmeter } from '../plugins/jmeter/jmeter-process.js';
import { renderJmeter, writeFiles } from '../plugins/jmeter/render-jmeter.js';

// Real JMeter 5.6.3 runs the .jmx files rendered from test/fixtures/jtl/plan.json against a
// loopback server that either meets the criteria or breaks them; the evaluator must agree.
// PERFPLAN_WRITE_JTL_FIXTURES=1 also copies the JTL files to test/fixtures/jtl/ (how the
// committed fixtures were made).
const PLAN_FILE = path.join(FIXTURES_DIR, 'jtl', 'plan.json');
const SMOKE = { rampUp: '0', startDelay: '0', duration: '4', iterations: '-1' };

async function runAgainst(mode: 'healthy' | 'broken'): Promise<{ load: string; workflows: string; requests: string[] }> {
  let count = 0;
  const server = await recordingServer((request) => {
    count++;
    if (request.method === 'POST') return { status: 201, body: '{"id":42}' };
    if (mode === 'broken') return { status: count % 4 === 0 ? 500 : 200, body: '{"id":42}', delayMs: 300 };
    return { status: 200, body: '{"id":42}' };
  });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `perfplan-jtl-${mode}-`));
  try {
    const rendered = await renderJmeter(readPlanFile(PLAN_FILE));
    const out = writeFiles(rendered.files);
    const properties = { ...SMOKE, baseUrl: server.baseUrl };
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

describe('perfplan evaluate on results of real JMeter runs', function () {
  this.timeout(180_000);
  before(function () {
    skipUnlessJmeter(this);
  });

  it('meets every criterion against a healthy server, and carries the created id into the next step', async () => {
    const run = await runAgainst('healthy');
    expect(run.requests).to.include('GET /items/42');
    expect(run.requests).not.to.include('GET /items/NOT_FOUND_wf_item_id');
    const plan = readPlanFile(PLAN_FILE);
    const samples = [...readJmeterJtl({ text: run.load, file: 'load.jtl' }), ...readJmeterJtl({ text: run.workflows, file: 'workflows.jtl' })];
    const evaluation = evaluatePlan({ plan, samples });
    expect(evaluation.evaluated.map((entry) => entry.testCaseId)).to.deep.equal(['load_getItem', 'workflow_item']);
    expect(evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => result.message))).to.deep.equal([]);
    expect(evaluation.passed).to.equal(true);
  });

  it('fails p95 and error rate against a slow server that fails a quarter of the reads', async () => {
    const run = await runAgainst('broken');
    const evaluation = evaluatePlan({ plan: readPlanFile(PLAN_FILE), samples: readJmeterJtl({ text: run.load, file: 'load.jtl' }) });
    const failed = evaluation.evaluated[0]!.results.filter((result) => result.status === 'fail').map((result) => result.criterion);
    expect(failed).to.include.members(['p95', 'errorRate']);
    expect(evaluation.passed).to.equal(false);
  });
});
