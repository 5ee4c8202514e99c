import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { announceMissing, hostilePipeline, writeFiles } from '../helpers/hostile-pipeline.js';
import { assertSecretFixture, markersIn, SAFE_VALUES, SECRET_REFS_OAS3, SECRET_REFS_SWAGGER2 } from '../helpers/secret-refs-fixture.js';
import { tempDirs } from '../render/temp-dir.js';
import { JMETER_JAR, LOCUST, planEnvironment } from './canary-setup.js';

/** Everything a request carried: request line, every header (cookies included) and the body. */
interface Recorded {
  method: string;
  pathname: string;
  raw: string;
}

interface Recorder {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers 200 `{}` to anything and keeps each request whole. */
async function startRecorder(): Promise<Recorder> {
  const requests: Recorded[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '';
      requests.push({
        method: request.method ?? '',
        pathname: new URL(url, 'http://recorder').pathname,
        raw: [`${request.method} ${url}`, ...request.rawHeaders, Buffer.concat(chunks).toString('utf8')].join('\n'),
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs an engine without blocking this process (the recorder answers from its event loop); SIGKILL after `timeoutMs`. */
function runEngine(command: string, args: string[], cwd: string, timeoutMs: number, env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', JAVA_HOME: process.env.JAVA_HOME ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(`exit ${String(code)}${signal ? ` (${signal})` : ''}: ${output.slice(-1500)}`);
    });
  });
}

const SPECS = [
  {
    name: 'OpenAPI 3.0',
    file: SECRET_REFS_OAS3,
    safe: SAFE_VALUES.oas3,
    operations: ['GET /items/{id}', 'POST /bodies/example', 'POST /bodies/examples-inline', 'POST /bodies/examples-component', 'POST /bodies/examples-file', 'POST /bodies/schema', 'POST /bodies/external-schema', 'POST /forms'],
  },
  { name: 'Swagger 2.0', file: SECRET_REFS_SWAGGER2, safe: SAFE_VALUES.swagger2, operations: ['GET /things/{id}', 'POST /things', 'POST /things/form'] },
];

/** The operations (`METHOD /path/{param}`) no recorded request matched. */
function missedOperations(operations: readonly string[], requests: readonly Recorded[]): string[] {
  return operations.filter((operation) => {
    const [method, template] = operation.split(' ');
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return !requests.some((request) => request.method === method && pattern.test(request.pathname));
  });
}

function expectNoSecretArrived(recorder: Recorder, spec: (typeof SPECS)[number], engine: string, note: string): void {
  const received = recorder.requests.map((request) => request.raw).join('\n\n');
  console.log(`    ${engine}, ${spec.name}: ${recorder.requests.length} requests recorded`);
  expect(missedOperations(spec.operations, recorder.requests), `operations ${engine} never sent (${note})`).to.deep.equal([]);
  expect(spec.safe.filter((value) => !received.includes(value)), `inline values that did not arrive from ${engine}`).to.deep.equal([]);
  expect(markersIn(received), `secret file contents received from ${engine}`).to.deep.equal([]);
}

describe('hostile specs: real Locust and JMeter send nothing of the secret files a spec $refs', function () {
  this.timeout(600_000);
  const temp = tempDirs('secret-engines');
  const outDirs = new Map<string, string>();
  let recorder: Recorder;

  before(async () => {
    assertSecretFixture();
    const host = await hostilePipeline();
    announceMissing(host.missing);
    for (const spec of SPECS) {
      const outDir = temp.make();
      writeFiles(outDir, (await host.pipeline.generate({ specFile: spec.file })).files);
      outDirs.set(spec.name, outDir);
    }
    recorder = await startRecorder();
  });
  beforeEach(() => {
    recorder.requests.length = 0;
  });
  after(async () => {
    await recorder?.close();
    temp.cleanup();
  });

  for (const spec of SPECS) {
    it(`Locust (real, from .tools/locust-venv), ${spec.name}: every operation once (smoke), no marker arrives`, async function () {
      if (!fs.existsSync(LOCUST)) {
        console.log(`    (Locust not installed at ${LOCUST}: skipped)`);
        this.skip();
      }
      const outDir = outDirs.get(spec.name)!;
      if (!fs.existsSync(path.join(outDir, 'locust', 'locustfile.py'))) {
        console.log('    (no locust output: the locust renderer is not loaded; skipped)');
        this.skip();
      }
      const env = { ...planEnvironment(outDir), BASE_URL: recorder.url, PERFPLAN_SMOKE: '1' };
      const note = await runEngine(LOCUST, ['-f', 'locust/locustfile.py', '--config', 'locust/load.conf'], outDir, 120_000, env);
      expectNoSecretArrived(recorder, spec, 'Locust', note);
    });

    it(`JMeter (real, from .tools/jmeter), ${spec.name}: load.jmx, one iteration per thread group, no marker arrives`, async function () {
      if (!fs.existsSync(JMETER_JAR)) {
        console.log(`    (JMeter not installed at ${JMETER_JAR}: skipped)`);
        this.skip();
      }
      const outDir = outDirs.get(spec.name)!;
      if (!fs.existsSync(path.join(outDir, 'jmeter', 'load.jmx'))) {
        console.log('    (no jmeter output: the jmeter renderer is not loaded; skipped)');
        this.skip();
      }
      const environment = { ...planEnvironment(outDir), BASE_URL: recorder.url };
      const properties = Object.entries(environment).map(([name, value]) => `-J${name}=${value}`);
      // One iteration per thread group, the file's test cases squeezed together: the load shape drives a run and ignores -Jduration.
      const smoke = ['-Jusers=1', '-Jiterations=1', '-JtimeScale=0.001'];
      const note = await runEngine(
        'java',
        ['-jar', JMETER_JAR, '-n', '-t', path.join(outDir, 'jmeter', 'load.jmx'), `-JbaseUrl=${recorder.url}`, ...smoke, ...properties, '-l', path.join(outDir, 'results.jtl'), '-j', path.join(outDir, 'jmeter.log')],
        outDir,
        180_000,
        environment,
      );
      expectNoSecretArrived(recorder, spec, 'JMeter', note);
    });
  }
});
