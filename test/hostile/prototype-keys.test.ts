import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/index.js';
import { variedRequest } from '../../src/data/index.js';
import type { TestPlan } from '../../src/model/index.js';
import { k6DoubleBin } from '../../tools/conformance/engines/k6-double.js';
import { pythonCommand } from '../helpers/parse-outputs.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../render/temp-dir.js';

/** Names that are members of Object.prototype (or set it): a plain object keyed by them loses or mistakes them. */
const NAMES = ['__proto__', 'constructor', 'toString'] as const;

/** `{ [name]: value }` for every name, as own properties (an assignment of `__proto__` would set the prototype). */
function byName<T>(value: (name: string, index: number) => T): Record<string, T> {
  return Object.fromEntries(NAMES.map((name, index) => [name, value(name, index)]));
}

/**
 * One operation per name: its path segment and path/query/header parameters, its security
 * scheme, its body schema and that schema's property, a response header and a parameter
 * example are all called by the name. Values say which is which (p-0, q-0, h-0, value-0).
 */
function prototypeSpec(): Record<string, unknown> {
  const paths = Object.fromEntries(
    NAMES.map((name, index) => [
      `/${name}/{${name}}`,
      {
        post: {
          operationId: `op_${index}`,
          security: [Object.fromEntries([[name, []]])],
          parameters: [
            { name, in: 'path', required: true, schema: { type: 'string', enum: [`p-${index}`] } },
            { $ref: `#/components/parameters/${name}` },
            { name, in: 'header', required: true, schema: { type: 'string' }, examples: Object.fromEntries([[name, { value: `h-${index}` }]]) },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
          responses: { '201': { description: 'created', headers: Object.fromEntries([[name, { schema: { type: 'string' } }]]) } },
        },
      },
    ]),
  );
  return {
    openapi: '3.0.3',
    info: { title: 'prototype keys', version: '1' },
    servers: [{ url: 'http://localhost:8080/{__proto__}', variables: Object.fromEntries([['__proto__', { default: 'v1' }]]) }],
    paths,
    components: {
      schemas: byName((name, index) => ({
        type: 'object',
        required: [name, 'id'],
        properties: Object.fromEntries([
          [name, { type: 'string', enum: [`value-${index}`] }],
          ['id', { type: 'integer', minimum: 10 + index }],
        ]),
      })),
      parameters: byName((name, index) => ({ name, in: 'query', required: true, schema: { type: 'string', enum: [`q-${index}`] } })),
      securitySchemes: byName((_, index) => ({ type: 'apiKey', in: 'header', name: `X-Key-${index}` })),
    },
  };
}

/** The environment variable perfplan names for each scheme (a Map: an object literal would take `__proto__` as its prototype). */
const ENV = new Map([
  ['__proto__', 'AUTH_PROTO'],
  ['constructor', 'AUTH_CONSTRUCTOR'],
  ['toString', 'AUTH_TOSTRING'],
]);
const envOf = (name: string): string => ENV.get(name)!;

interface Received {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
}

/** A server that answers 201 to everything and records what it was sent (raw header names: `__proto__` is one). */
async function recordingServer(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < request.rawHeaders.length; i += 2) headers.push([request.rawHeaders[i].toLowerCase(), request.rawHeaders[i + 1]]);
      received.push({ method: request.method ?? '', url: request.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('hostile specs: names that are Object.prototype members', function () {
  this.timeout(120_000);
  const temp = tempDirs('proto');
  after(() => temp.cleanup());
  let dir: string;
  let out: string;
  let plan: TestPlan;
  /** The test cases, in plan order (plan.json keeps them beside the plan). */
  let testCases: TestPlan['testCases'];

  before(() => {
    dir = temp.make();
    out = path.join(dir, 'out');
    fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(prototypeSpec()));
    const run = runCli(['generate', 'spec.json', '-o', 'out'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')) as { plan: TestPlan; testCases: TestPlan['testCases'] };
    plan = written.plan;
    testCases = written.testCases;
  });

  it('keeps every scheme, schema, property, parameter, header, server variable and example name in the model', async () => {
    const { model, diagnostics } = await loadSpec({ file: path.join(dir, 'spec.json') });
    expect(diagnostics).to.deep.equal([]);
    expect(Object.keys(model.securitySchemes)).to.deep.equal([...NAMES]);
    expect(Object.keys(model.servers[0].variables)).to.deep.equal(['__proto__']);
    for (const [index, name] of NAMES.entries()) {
      const operation = model.operations[index];
      expect(operation.security?.map((requirement) => Object.keys(requirement))).to.deep.equal([[name]]);
      expect(operation.parameters.map((parameter) => `${parameter.in} ${parameter.name}`)).to.deep.equal([`path ${name}`, `query ${name}`, `header ${name}`]);
      expect(operation.parameters[2].examples).to.deep.equal([{ name, value: `h-${index}` }]);
      expect(Object.keys(operation.responses[0].headers)).to.deep.equal([name]);
    }
  });

  it('plans each request with its own values, auth and environment variable', () => {
    for (const [index, name] of NAMES.entries()) {
      const request = plan.requests.find((candidate) => candidate.operationId === `op_${index}`)!;
      expect(request.path).to.equal(`/${name}/{${name}}`);
      expect(request.parameters.map(({ name: n, in: where, value }) => [n, where, value])).to.deep.equal([
        [name, 'path', `p-${index}`],
        [name, 'query', `q-${index}`],
        [name, 'header', `h-${index}`],
      ]);
      const body = request.body?.value as Record<string, unknown>;
      expect(Object.keys(body)).to.deep.equal([name, 'id']);
      expect(Object.getOwnPropertyDescriptor(body, name)?.value).to.equal(`value-${index}`);
      expect(request.auth).to.deep.equal([name]);
      expect(plan.auth.find((entry) => entry.scheme === name)).to.deep.include({ type: 'apiKey', in: 'header', name: `X-Key-${index}`, valueEnv: envOf(name) });
      expect(plan.environment.map((variable) => variable.name)).to.include(envOf(name));
    }
    expect(plan.defaultBaseUrl).to.equal('http://localhost:8080/v1');
  });

  it('k6: the scripts send each value, header and credential (run in the k6 test double against a recording server)', async () => {
    const server = await recordingServer();
    try {
      const args = [k6DoubleBin(), 'run', '--iterations', '1', '-e', `BASE_URL=${server.url}`, ...NAMES.flatMap((name, index) => ['-e', `${envOf(name)}=key-${index}`]), path.join(out, 'k6', 'load.js')];
      const child = spawn(process.execPath, args, { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, log).to.equal(0);
    } finally {
      await server.close();
    }
    for (const [index, name] of NAMES.entries()) {
      const sent = server.received.find((request) => request.url.startsWith(`/${name}/`));
      expect(sent, `no request for ${name}: ${JSON.stringify(server.received.map((request) => request.url))}`).to.not.equal(undefined);
      expect(sent!.url).to.equal(`/${name}/p-${index}?${name}=q-${index}`);
      expect(sent!.headers).to.deep.include.members([[name.toLowerCase(), `h-${index}`], [`x-key-${index}`, `key-${index}`]]);
      // The id varies per iteration (a write operation's id): iteration 0 of the test case's scenario sends the reference's value.
      const request = plan.requests.find((candidate) => candidate.operationId === `op_${index}`)!;
      const ordinal = testCases.findIndex((testCase) => testCase.type === 'load' && testCase.targets[0]?.operationId === `op_${index}`);
      const context = { seed: plan.data!.seed, iteration: 0 * testCases.length + ordinal, requestIndex: 0, row: () => undefined, env: () => undefined };
      const expected = variedRequest(request, context).body as Record<string, unknown>;
      expect(request.variations?.map((variation) => variation.target)).to.deep.equal(['body#/id']);
      expect(expected.id).to.be.a('number').and.to.be.at.least(10 + index);
      expect(Object.entries(JSON.parse(sent!.body) as object)).to.deep.equal([[name, `value-${index}`], ['id', expected.id]]);
    }
  });

  it('Locust: the request table and the credentials table hold every name', () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(path.join(out, 'locust'))})`,
      'import perfplan_requests as r',
      'json.dump({"auth": r.AUTH, "requests": r.REQUESTS}, sys.stdout)',
    ].join('\n');
    const run = spawnSync(pythonCommand(), ['-c', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const tables = JSON.parse(run.stdout) as { auth: object; requests: Record<string, { parameters: { name: string; in: string; value: unknown }[]; body: { value: object }; auth: string[] }> };
    expect(Object.keys(tables.auth)).to.deep.equal([...NAMES]);
    for (const [index, name] of NAMES.entries()) {
      const request = Object.entries(tables.requests).find(([operationId]) => operationId === `op_${index}`)![1];
      expect(request.parameters.map((parameter) => [parameter.name, parameter.in, parameter.value])).to.deep.equal([
        [name, 'path', `p-${index}`],
        [name, 'query', `q-${index}`],
        [name, 'header', `h-${index}`],
      ]);
      expect(Object.entries(request.body.value)).to.deep.equal([[name, `value-${index}`], ['id', 10 + index]]);
      expect(request.auth).to.deep.equal([name]);
    }
  });

  it('JMeter: each sampler has the path, query, body, header and credential', () => {
    const jmx = fs.readFileSync(path.join(out, 'jmeter', 'load.jmx'), 'utf8').replace(/&quot;/g, '"');
    for (const [index, name] of NAMES.entries()) {
      expect(jmx).to.contain(`<stringProp name="HTTPSampler.path">\${baseUrl}/${name}/p-${index}?${name}=q-${index}</stringProp>`);
      // The id varies per iteration: the body refers to the variable its sampler's PreProcessor sets.
      const requestIndex = plan.requests.findIndex((candidate) => candidate.operationId === `op_${index}`);
      expect(jmx).to.contain(`<stringProp name="Argument.value">{"${name}":"value-${index}","id":\${perfplan_v${requestIndex}_0}}</stringProp>`);
      expect(jmx).to.contain(`i:perfplan_v${requestIndex}_0:${10 + index}:1:`);
      expect(jmx).to.match(new RegExp(`<stringProp name="Header.name">${name}</stringProp>\\s*<stringProp name="Header.value">h-${index}</stringProp>`));
      expect(jmx).to.match(new RegExp(`<stringProp name="Header.name">X-Key-${index}</stringProp>\\s*<stringProp name="Header.value">\\$\\{${envOf(name)}\\}</stringProp>`));
    }
  });
});
