import { expect } from 'chai';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { engineRunner, type EngineRunner } from '../../tools/conformance/engines/index.js';
import { generatePlan } from '../../tools/conformance/generate-plan.js';
import { createRequestMatcher } from '../../tools/conformance/operation-matcher.js';
import { readPlan, smokeEnvironment } from '../../tools/conformance/plan-file.js';
import { startPrism, type PrismServer } from '../../tools/conformance/prism.js';
import { writePrismSpec } from '../../tools/conformance/prism-spec.js';
import { NAME_TAG_HEADER, startRecordingProxy, type RecordedRequest, type RecordingProxy } from '../../tools/conformance/recording-proxy.js';
import { writeReport } from '../../tools/conformance/report.js';
import { runConformance } from '../../tools/conformance/run-conformance.js';
import type { TestPlan } from '../../src/model/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';
import { expectWireMatches } from './wire-expectations.js';

// Issue 12, items 1 and 2: operations with servers of their own, and path keys that are not plain
// templates (#fragment, ?query, :name, <name>). Each class has its fixture; every engine (k6
// through its double, Locust, JMeter) runs its generated scripts against Prism, which validates
// every request, through the recording proxy; BASE_URL and every server's variable point at it.

const CLASSES = ['operation-servers.yaml', 'fragment-paths.yaml', 'query-in-path.yaml', 'placeholder-paths.yaml'];
const ENGINES = ['k6', 'locust', 'jmeter'];
const fixture = (name: string) => path.join(FIXTURES_DIR, 'request-classes', name);

function runners(): EngineRunner[] {
  return ENGINES.map((name) => engineRunner(name)!);
}

function records(file: string): RecordedRequest[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedRequest[];
}

/** Sends one request through the proxy and answers its status. */
function send(url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('conformance: URL classes of real-world specs, in every engine, against Prism', function () {
  this.timeout(20 * 60_000);
  const dir = tempDir('request-classes-urls');
  after(() => dir.remove());

  it('passes every class with 0 rejections, every planned operation called and exit 0, and the same URLs from every engine', async () => {
    for (const runner of runners()) expect(await runner.available(), `${runner.name} must be installed for this test`).to.equal(true);
    const out = path.join(dir.path, 'report');
    const report = await runConformance({ specs: CLASSES.map(fixture), engines: ENGINES, outDir: out, types: ['load', 'workflow'], limits: { engineTimeoutMs: 4 * 60_000, prismStartupTimeoutMs: 60_000 } });
    writeReport(out, report);
    expect(report.results.map((result) => `${result.spec} ${result.engine}`)).to.deep.equal(CLASSES.flatMap((spec) => ENGINES.map((engine) => `${spec} ${engine}`)));
    for (const result of report.results) {
      const where = `${result.spec} ${result.engine}: ${result.verdictReasons.join('; ')} ${JSON.stringify(result.rejections)}`;
      expect(result.verdict, where).to.equal('pass');
      expect(result.rejected, where).to.equal(0);
      expect(result.operationsCalled, where).to.equal(result.operationsInPlan);
      expect(result.exitCode, where).to.equal(0);
      expect(result.scriptErrors, where).to.deep.equal([]);
      expectWireMatches(result, records(path.join(out, 'runs', result.spec, result.engine, 'requests.json')), `${result.spec} ${result.engine}`);
    }
    expect(report.ok).to.equal(true);
    for (const spec of CLASSES) {
      const distinct = ENGINES.map((engine) => {
        const sent = records(path.join(out, 'runs', spec, engine, 'requests.json'));
        for (const record of sent) {
          expect(record.url, `${spec} ${engine}: no fragment, sent or encoded`).not.to.match(/#|%23/);
          expect(record.operationId, `${spec} ${engine}: ${record.method} ${record.url} matches an operation`).to.be.a('string');
        }
        return [...new Set(sent.map((record) => `${record.method} ${record.url}`))].sort();
      });
      expect(distinct[1], `${spec}: Locust sends what k6 sends`).to.deep.equal(distinct[0]);
      expect(distinct[2], `${spec}: JMeter sends what k6 sends`).to.deep.equal(distinct[0]);
    }
    const fragments = records(path.join(out, 'runs', 'fragment-paths.yaml', 'k6', 'requests.json'));
    expect(new Set(fragments.map((record) => `${record.method} ${record.url}`))).to.include.keys('PUT /files/12345?fields=shared_link', 'GET /files/12345');
    const queries = records(path.join(out, 'runs', 'query-in-path.yaml', 'jmeter', 'requests.json'));
    expect(new Set(queries.map((record) => `${record.method} ${record.url}`))).to.include.keys('POST /responses?beta=true&stream=false', 'GET /export?format=csv&note=caf%C3%A9%20au%20lait');
  });

  describe('operations with servers of their own', () => {
    let outDir: string;
    let plan: TestPlan;
    let prism: PrismServer | undefined;
    let api: RecordingProxy | undefined;
    let uploads: RecordingProxy | undefined;

    before(async () => {
      outDir = path.join(dir.path, 'servers', 'generated');
      const generated = await generatePlan({ spec: fixture('operation-servers.yaml'), outDir, timeoutMs: 120_000, logFile: path.join(dir.path, 'servers-generate.log') });
      expect(generated.ok, generated.output).to.equal(true);
      plan = readPlan(outDir);
      const served = writePrismSpec({ spec: fixture('operation-servers.yaml'), dir: path.join(dir.path, 'servers', 'prism-spec') });
      prism = await startPrism({ spec: served, logFile: path.join(dir.path, 'servers', 'prism.log'), startupTimeoutMs: 60_000 });
      const matchOperation = createRequestMatcher(plan.requests);
      api = await startRecordingProxy({ target: prism.url, matchOperation });
      uploads = await startRecordingProxy({ target: prism.url, matchOperation });
    });
    after(async () => {
      await api?.stop();
      await uploads?.stop();
      await prism?.stop();
    });

    it('send their requests to the server variable\'s URL and the others to BASE_URL, in every engine', async () => {
      const own = new Set(plan.requests.filter((request) => request.server !== undefined).map((request) => request.operationId));
      expect([...own].sort()).to.deep.equal(['getReport', 'legacyStatus', 'uploadFile', 'uploadFileVersion']);
      for (const runner of runners()) {
        api!.reset();
        uploads!.reset();
        const env = smokeEnvironment(plan, api!.url);
        for (const server of plan.servers ?? []) env[server.env] = uploads!.url;
        const workDir = path.join(dir.path, 'servers', runner.name);
        fs.mkdirSync(workDir, { recursive: true });
        const run = await runner.run({ outDir, baseUrl: api!.url, plan, timeoutMs: 4 * 60_000, env, nameTagHeader: NAME_TAG_HEADER, workDir });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(run.scriptErrors, runner.name).to.deep.equal([]);
        const toApi = api!.records();
        const toUploads = uploads!.records();
        expect([...new Set(toUploads.map((record) => record.operationId))].sort(), `${runner.name}: the servers' own`).to.deep.equal([...own].sort());
        expect(toApi.filter((record) => own.has(record.operationId ?? '')), `${runner.name}: none of them to BASE_URL`).to.deep.equal([]);
        expect(new Set(toApi.map((record) => record.operationId)).size, `${runner.name}: the others to BASE_URL`).to.equal(plan.requests.length - own.size);
        expect([...toApi, ...toUploads].filter((record) => record.rejected), runner.name).to.deep.equal([]);
      }
    });

    it('are not called, and the run stops at start naming the variable, when a test case may not use the spec\'s server', async () => {
      for (const runner of runners()) {
        api!.reset();
        // BASE_URL_UPLOAD and BASE_URL_EU_REPORTS are left unset: their defaults are the spec's remote servers.
        const env = smokeEnvironment(plan, api!.url);
        delete env.BASE_URL_UPLOAD;
        delete env.BASE_URL_EU_REPORTS;
        const workDir = path.join(dir.path, 'servers-unset', runner.name);
        fs.mkdirSync(workDir, { recursive: true });
        const run = await runner.run({ outDir, baseUrl: api!.url, plan, timeoutMs: 4 * 60_000, env, nameTagHeader: NAME_TAG_HEADER, workDir });
        const said = [...run.scriptErrors, ...run.logFiles.filter((file) => /\.(log|out)$/.test(file) && fs.existsSync(file)).map((file) => fs.readFileSync(file, 'utf8'))].join('\n');
        expect(said, runner.name).to.match(/BASE_URL_(UPLOAD|EU_REPORTS) is not set: these test cases never run against the spec's server https:\/\/(upload|eu\.reports)\.example\.com/);
        expect(run.exitCode === 0 && run.scriptErrors.length === 0, `${runner.name} reports the refusal`).to.equal(false);
        expect(api!.records(), `${runner.name} sent nothing`).to.deep.equal([]);
      }
    });
  });

  it('JMeter sends credentials to a server\'s loopback default only on BASE_URL\'s origin: otherwise the run stops at start', async () => {
    const spec = path.join(dir.path, 'credentials.json');
    fs.writeFileSync(
      spec,
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Signed uploads', version: '1' },
        servers: [{ url: 'http://127.0.0.1:9/api' }],
        security: [{ bearer: [] }],
        paths: { '/signed': { servers: [{ url: 'http://127.0.0.1:9100/up' }], post: { operationId: 'uploadSigned', responses: { '201': { description: 'created' } } } } },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      }),
    );
    const outDir = path.join(dir.path, 'credentials', 'generated');
    expect((await generatePlan({ spec, outDir, timeoutMs: 120_000, logFile: path.join(dir.path, 'credentials-generate.log') })).ok).to.equal(true);
    const plan = readPlan(outDir);
    const proxy = await startRecordingProxy({ target: 'http://127.0.0.1:9', matchOperation: () => undefined });
    try {
      // Only load.jmx: its test case may use the loopback default, but not with the bearer token.
      fs.rmSync(path.join(outDir, 'jmeter', 'stress.jmx'));
      for (const file of fs.readdirSync(path.join(outDir, 'jmeter'))) if (file.endsWith('.jmx') && file !== 'load.jmx') fs.rmSync(path.join(outDir, 'jmeter', file));
      const workDir = path.join(dir.path, 'credentials', 'jmeter');
      fs.mkdirSync(workDir, { recursive: true });
      const env = smokeEnvironment(plan, proxy.url);
      delete env.BASE_URL_PORT_9100;
      const run = await engineRunner('jmeter')!.run({ outDir, baseUrl: proxy.url, plan, timeoutMs: 120_000, env, nameTagHeader: NAME_TAG_HEADER, workDir });
      expect(run.scriptErrors.join('\n')).to.match(/BASE_URL_PORT_9100 is not set: requests with credentials go to its default http:\/\/127\.0\.0\.1:9100\/up, which is not on baseUrl's scheme, host and port \(http:\/\/127\.0\.0\.1:\d+\)/);
      expect(proxy.records()).to.deep.equal([]);
    } finally {
      await proxy.stop();
    }
  });

  it('Prism, as the harness serves it, rejects what perfplan used to send for these keys and a body no operation on the URL accepts', async () => {
    const served = writePrismSpec({ spec: fixture('fragment-paths.yaml'), dir: path.join(dir.path, 'prism-check') });
    const prism = await startPrism({ spec: served, logFile: path.join(dir.path, 'prism-check.log'), startupTimeoutMs: 60_000 });
    const proxy = await startRecordingProxy({ target: prism.url, matchOperation: () => undefined });
    try {
      expect(await send(`${proxy.url}/files/12345?fields=shared_link`, 'PUT', '{"shared_link":{"access":"open"}}')).to.equal(200);
      // k6 and Locust percent-encoded the fragment into the path: no route.
      await send(`${proxy.url}/files/12345%23add_shared_link?fields=shared_link`, 'PUT', '{"shared_link":{"access":"open"}}');
      // A body none of updateFile, addSharedLink and removeSharedLink accepts.
      await send(`${proxy.url}/files/12345?fields=shared_link`, 'PUT', '{"shared_link":{"access":"everyone"}}');
      expect(proxy.records().map((record) => record.rejected)).to.deep.equal([false, true, true]);
    } finally {
      await proxy.stop();
      await prism.stop();
    }
  });
});
