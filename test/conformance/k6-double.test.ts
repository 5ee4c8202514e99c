import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { k6DoubleBin } from '../../tools/conformance/engines/k6-double.js';
import { startPrism, type PrismServer } from '../../tools/conformance/prism.js';
import { NAME_TAG_HEADER, startRecordingProxy, type RecordingProxy } from '../../tools/conformance/recording-proxy.js';
import { createOperationMatcher } from '../../tools/conformance/operation-matcher.js';
import { fixtureSpec } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';

/** A small k6 script in the style perfplan generates: scenarios with exec functions, setup data, groups, checks. */
const SCRIPT = `
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import exec from 'k6/execution';
import encoding from 'k6/encoding';

const BASE_URL = __ENV.BASE_URL;
const ALL = {
  scenarios: {
    read_pet: { executor: 'ramping-vus', exec: 'readPet', stages: [{ duration: '1s', target: 1 }] },
    add_pet: { executor: 'constant-vus', exec: 'addPet', vus: 1, duration: '1s' },
    broken: { executor: 'constant-vus', exec: 'broken', vus: 1, duration: '1s' },
  },
};
function select(all, wanted) {
  if (!wanted) return all;
  return { ...all, scenarios: { [wanted]: all.scenarios[wanted] } };
}
export const options = select(ALL, __ENV.SCENARIO);

export function setup() {
  return { token: encoding.b64encode('user:pass') };
}

export function readPet(data) {
  group('getPetById', () => {
    const res = http.get(BASE_URL + '/pet/10', { headers: { api_key: data.token }, tags: { name: 'getPetById' } });
    check(res, {
      'status is 200': (r) => r.status === 200,
      'has a name': (r) => typeof r.json('name') === 'string',
      'scenario is known': () => exec.scenario.name === 'read_pet',
    });
  });
  sleep(1);
}

export function addPet() {
  group('addPet', () => {
    const res = http.post(BASE_URL + '/pet', JSON.stringify({ name: 5 }), {
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
      tags: { name: 'addPet' },
    });
    check(res, { 'status is 200': (r) => r.status === 200 });
  });
}

export function broken() {
  throw new Error('deliberate failure in broken()');
}
`;

interface DoubleResult {
  exitCode: number;
  scenarios: { name: string; iterations: number }[];
  requests: { scenario?: string; group: string; method: string; url: string; status: number; nameTag?: string }[];
  passedChecks: number;
  failedChecks: { scenario?: string; group: string; name: string; lastStatus?: number }[];
  scriptErrors: { phase: string; scenario?: string; message: string }[];
}

describe('conformance: the k6 test double', function () {
  this.timeout(60_000);
  const dir = tempDir('k6-double');
  let prism: PrismServer;
  let proxy: RecordingProxy;

  // Asynchronous on purpose: the proxy answering the double runs in this process.
  async function runDouble(script: string, env: Record<string, string> = {}): Promise<{ status: number | null; result?: DoubleResult; output: string }> {
    const file = path.join(dir.path, `script-${Math.abs(hash(script + JSON.stringify(env)))}.js`);
    const resultFile = `${file}.result.json`;
    fs.writeFileSync(file, script);
    const args = [k6DoubleBin(), 'run', '--iterations', '1', '-e', `BASE_URL=${proxy.url}`, '--tag-header', NAME_TAG_HEADER, '--result', resultFile];
    for (const [name, value] of Object.entries(env)) args.push('-e', `${name}=${value}`);
    const child = spawn(process.execPath, [...args, file], { env: { PATH: process.env.PATH ?? '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    clearTimeout(timer);
    return { status, output, result: fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as DoubleResult) : undefined };
  }

  before(async () => {
    prism = await startPrism({ spec: fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), logFile: path.join(dir.path, 'prism.log'), startupTimeoutMs: 45_000 });
    proxy = await startRecordingProxy({
      target: prism.url,
      matchOperation: createOperationMatcher([
        { operationId: 'getPetById', method: 'get', path: '/pet/{petId}' },
        { operationId: 'addPet', method: 'post', path: '/pet' },
      ]),
    });
  });
  after(async () => {
    await proxy?.stop();
    await prism?.stop();
    dir.remove();
  });
  beforeEach(() => proxy.reset());

  it('runs setup and one iteration of every scenario with synchronous requests, recording requests, checks and errors', async () => {
    const { status, result, output } = await runDouble(SCRIPT);
    expect(status, output).to.equal(0);
    expect(result).to.not.equal(undefined);
    const run = result as DoubleResult;
    expect(run.scenarios.map((scenario) => [scenario.name, scenario.iterations])).to.deep.equal([
      ['read_pet', 1],
      ['add_pet', 1],
      ['broken', 1],
    ]);
    expect(run.requests).to.have.length(2);
    expect(run.requests[0]).to.deep.include({ scenario: 'read_pet', group: '::getPetById', method: 'GET', status: 200, nameTag: 'getPetById' });
    expect(run.requests[1]).to.deep.include({ scenario: 'add_pet', group: '::addPet', method: 'POST', status: 422, nameTag: 'addPet' });
    expect(run.passedChecks).to.equal(3);
    expect(run.failedChecks).to.deep.equal([{ phase: 'iteration', scenario: 'add_pet', group: '::addPet', name: 'status is 200', lastRequest: `POST ${proxy.url}/pet`, lastStatus: 422 }]);
    expect(run.scriptErrors).to.have.length(1);
    expect(run.scriptErrors[0]).to.deep.include({ phase: 'iteration', scenario: 'broken' });
    expect(run.scriptErrors[0].message).to.contain('deliberate failure in broken()');

    // The same requests reached Prism through the proxy, with the name tags, and the invalid body was rejected.
    const records = proxy.records();
    expect(records.map((record) => [record.operationId, record.nameTag, record.rejected])).to.deep.equal([
      ['getPetById', 'getPetById', false],
      ['addPet', 'addPet', true],
    ]);
  });

  it('honours the script\'s own -e SCENARIO filtering', async () => {
    const { status, result } = await runDouble(SCRIPT, { SCENARIO: 'add_pet' });
    expect(status).to.equal(0);
    expect(result?.scenarios.map((scenario) => scenario.name)).to.deep.equal(['add_pet']);
    expect(result?.requests.map((request) => request.method)).to.deep.equal(['POST']);
  });

  it('fails like k6 on a scenario whose exec function is not exported (exit 104)', async () => {
    const script = `export const options = { scenarios: { a: { executor: 'constant-vus', exec: 'missing', vus: 1, duration: '1s' } } };\nexport default function () {}\n`;
    const { status, result } = await runDouble(script);
    expect(status).to.equal(104);
    expect(result?.scriptErrors[0].message).to.contain("function 'missing' not found in exports");
  });

  it('fails like k6 on an exception in init code (exit 107), naming the file of a syntax error', async () => {
    const runtime = await runDouble(`import { options } from 'k6/options';\nexport default function () {}\n`);
    expect(runtime.status).to.equal(107);
    expect(runtime.result?.scriptErrors[0].message).to.contain("k6 has no runtime module 'k6/options'");
    const syntax = await runDouble(`export const AUTH = ;\nexport default function () {}\n`);
    expect(syntax.status).to.equal(107);
    expect(syntax.result?.scriptErrors[0].message).to.match(/SyntaxError.*script-.*\.js:1/);
  });
});

function hash(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = (value * 31 + text.charCodeAt(i)) | 0;
  return value;
}
