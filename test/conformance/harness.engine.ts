import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { k6DoubleEngine } from '../../tools/conformance/engines/k6-double.js';
import { readPlan } from '../../tools/conformance/plan-file.js';
import { writeReport } from '../../tools/conformance/report.js';
import { checkGeneratedOutput, runConformance } from '../../tools/conformance/run-conformance.js';
import type { RequestTemplate } from '../../src/model/index.js';
import { fixtureSpec } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

function request(operationId: string, method: RequestTemplate['method'], pathTemplate: string, knownUnsupported?: string): RequestTemplate {
  const template: RequestTemplate = { operationId, method, path: pathTemplate, parameters: [], expectedStatuses: [200], auth: [] };
  if (knownUnsupported !== undefined) template.knownUnsupported = knownUnsupported;
  return template;
}

/** A generated-output folder written by hand: plan.json with the given requests and one k6 script. */
function handMadeOutput(dir: string, requests: RequestTemplate[], script: string): string {
  const outDir = path.join(dir, 'generated');
  fs.mkdirSync(path.join(outDir, 'k6'), { recursive: true });
  const plan = {
    planVersion: 1,
    source: { title: 'Petstore', version: '1', specVersion: '3.0.2', specFile: 'swagger-petstore-oas3-1.0.27.yaml', operationCount: requests.length },
    defaultBaseUrl: 'http://localhost:8080/api/v3',
    requests,
    workflows: [],
    auth: [{ scheme: 'api_key', type: 'apiKey', in: 'header', name: 'api_key', valueEnv: 'AUTH_API_KEY' }],
    environment: [
      { name: 'BASE_URL', description: 'server', required: false, secret: false, default: 'http://localhost:8080/api/v3' },
      { name: 'AUTH_API_KEY', description: 'key', required: true, secret: true },
    ],
    diagnostics: [],
  };
  fs.writeFileSync(path.join(outDir, 'plan.json'), JSON.stringify({ taskId: 't', agentType: 'Performance-Planner-Agent', status: 'success', testCases: [], plan }));
  fs.writeFileSync(path.join(outDir, 'k6', 'load.js'), script);
  return outDir;
}

const SCRIPT = `
import http from 'k6/http';
export const options = { scenarios: {
  read: { executor: 'constant-vus', exec: 'read', vus: 1, duration: '1s' },
  add: { executor: 'constant-vus', exec: 'add', vus: 1, duration: '1s' },
  oops: { executor: 'constant-vus', exec: 'oops', vus: 1, duration: '1s' },
} };
export function read() {
  http.get(__ENV.BASE_URL + '/pet/1', { headers: { api_key: __ENV.AUTH_API_KEY }, tags: { name: 'getPetById' } });
  http.get(__ENV.BASE_URL + '/pet/abc', { headers: { api_key: __ENV.AUTH_API_KEY }, tags: { name: 'getPetById' } });
}
export function add() {
  http.post(__ENV.BASE_URL + '/pet', '{}', { headers: { 'Content-Type': 'application/json' }, tags: { name: 'addPet' } });
}
export function oops() { undefinedFunction(); }
`;

describe('conformance: the harness', function () {
  this.timeout(60_000);
  const dir = tempDir('harness');
  after(() => dir.remove());

  it('judges a run: rejections by operation with reasons, uncalled operations, known-unsupported exceptions, script errors', async () => {
    const outDir = handMadeOutput(
      dir.path,
      [
        request('getPetById', 'get', '/pet/{petId}'),
        request('addPet', 'post', '/pet', 'needs an OAuth2 token the harness cannot obtain'),
        request('findPetsByStatus', 'get', '/pet/findByStatus'),
      ],
      SCRIPT,
    );
    const runDir = path.join(dir.path, 'run');
    fs.mkdirSync(runDir, { recursive: true });
    const { results, prismStartupMs } = await checkGeneratedOutput({
      spec: PETSTORE,
      label: 'petstore',
      plan: readPlan(outDir),
      outDir,
      runDir,
      runners: [k6DoubleEngine],
      prismStartupTimeoutMs: 45_000,
      engineTimeoutMs: 30_000,
      deadline: Date.now() + 50_000,
    });
    expect(prismStartupMs).to.be.a('number');
    expect(results).to.have.length(1);
    const [result] = results;
    expect(result).to.deep.include({ spec: 'petstore', engine: 'k6', verdict: 'fail', operationsInPlan: 3, operationsCalled: 2, requests: 3, rejected: 1, rejectedKnownUnsupported: 1, exitCode: 0 });
    // The hand-made script sends its own values, not the plan's: the wire check says so too.
    expect(result.verdictReasons).to.deep.equal([
      '1 request(s) rejected by Prism',
      '1 script error(s)',
      '1 planned operation(s) never called',
      "3 of 3 request(s) differ from the kit's wire form of their planned request",
    ]);
    expect(result.uncalledOperations).to.deep.equal([{ operationId: 'findPetsByStatus', method: 'GET', path: '/pet/findByStatus' }]);
    expect(result.knownUnsupported).to.deep.equal([
      { operationId: 'addPet', method: 'POST', path: '/pet', reason: 'needs an OAuth2 token the harness cannot obtain', called: true },
    ]);
    const byOperation = Object.fromEntries(result.rejections.map((group) => [group.operationId, group]));
    expect(byOperation.getPetById.count).to.equal(1);
    expect(byOperation.getPetById.reasons[0].reason).to.match(/request\.path\.petid: .*must be integer/i);
    expect(byOperation.getPetById.examples).to.deep.equal(['GET /pet/abc -> 400']);
    expect(byOperation.addPet.knownUnsupported).to.equal('needs an OAuth2 token the harness cannot obtain');
    expect(result.scriptErrors).to.have.length(1);
    expect(result.scriptErrors[0]).to.match(/^load\.js \[oops\] ReferenceError: undefinedFunction is not defined \(load\.js:\d+/);
    expect(result.nameTagMismatches).to.deep.equal([]);
    expect(fs.existsSync(path.join(runDir, 'k6', 'requests.json'))).to.equal(true);
  });

  it('runs perfplan generate, Prism and the k6 double on the petstore and writes conformance.json with consistent counts', async () => {
    const out = path.join(dir.path, 'report');
    const report = await runConformance({ specs: [PETSTORE], engines: ['k6', 'no-such-engine'], outDir: out, limits: { engineTimeoutMs: 30_000, prismStartupTimeoutMs: 45_000 } });
    writeReport(out, report);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'conformance.json'), 'utf8')) as typeof report;
    expect(written.results.map((result) => [result.spec, result.engine])).to.deep.equal([
      ['swagger-petstore-oas3-1.0.27.yaml', 'k6'],
      ['swagger-petstore-oas3-1.0.27.yaml', 'no-such-engine'],
    ]);
    const unknown = written.results[1];
    expect(unknown.verdict).to.equal('skipped');
    expect(unknown.verdictReasons).to.deep.equal(['no conformance runner for engine "no-such-engine" yet']);
    const k6 = written.results[0];
    expect(['pass', 'fail']).to.include(k6.verdict);
    const plan = readPlan(path.join(out, 'runs', 'swagger-petstore-oas3-1.0.27.yaml', 'generated'));
    expect(k6.operationsInPlan).to.equal(plan.requests.length).and.to.equal(19);
    const records = JSON.parse(fs.readFileSync(path.join(out, 'runs', 'swagger-petstore-oas3-1.0.27.yaml', 'k6', 'requests.json'), 'utf8')) as { rejected: boolean; operationId?: string }[];
    expect(k6.requests).to.equal(records.length);
    expect(k6.rejected + k6.rejectedKnownUnsupported).to.equal(records.filter((record) => record.rejected).length);
    expect(k6.operationsCalled).to.equal(new Set(records.map((record) => record.operationId).filter(Boolean)).size);
    expect(k6.verdict === 'pass').to.equal(k6.rejected === 0 && k6.scriptErrors.length === 0 && k6.uncalledOperations.length === 0 && k6.exitCode === 0);
    expect(written.ok).to.equal(k6.verdict === 'pass');
    const markdown = fs.readFileSync(path.join(out, 'conformance.md'), 'utf8');
    expect(markdown).to.contain(`| swagger-petstore-oas3-1.0.27.yaml | k6 | 19 | ${k6.operationsCalled} | ${k6.requests} |`);
  });
});
