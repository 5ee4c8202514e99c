import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_STUBS, installEngineStubs, recordedCalls, shBlocks } from '../helpers/engine-stubs.js';
import { announceMissing, hostilePipeline, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { isLoopbackUrl } from '../../src/pipeline/base-url.js';
import { tempDirs } from '../render/temp-dir.js';

/** Characters sh acts on outside quotes, each with a canary that only exists if sh ran the text. */
// Loopback, so load tests default to it and their commands carry it; stress, spike and soak show a placeholder.
// No spaces, backticks or braces: a server URL with them is not a URL and is skipped (spec/invalid-server),
// so the words are split with $IFS, which sh expands to a space.
const SERVER_URL = "http://127.0.0.1:8080/$(touch$IFS'CANARY_DOLLAR')/a;touch$IFS'CANARY_SEMICOLON';b&&touch$IFS'CANARY_ANDAND'&touch$IFS'CANARY_AMP'/it's";

describe('hostile specs: the run commands in PLAN.md are safe to paste into sh', function () {
  this.timeout(120_000);
  const temp = tempDirs('plan-commands');
  let host: HostilePipeline;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  const specs: Array<{ name: string; document: Record<string, unknown> }> = [
    {
      name: 'an OpenAPI 3 server URL',
      document: {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        servers: [{ url: SERVER_URL }],
        paths: { '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } }, '/b': { get: { operationId: 'b', responses: { '200': { description: 'ok' } } } } },
      },
    },
    {
      name: 'a Swagger 2 host and basePath',
      document: {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        host: "x$(touch$IFS'CANARY_HOST')",
        basePath: "/;touch$IFS'CANARY_BASE_SEMICOLON';x=$(touch$IFS'CANARY_BASE')",
        paths: { '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } }, '/b': { get: { operationId: 'b', responses: { '200': { description: 'ok' } } } } },
      },
    },
  ];

  it('a server URL with control characters: PLAN.md holds none of them, and its commands still run', async () => {
    const root = temp.make();
    const cwd = path.join(root, 'out');
    fs.mkdirSync(cwd);
    installEngineStubs(path.join(root, 'bin'), path.join(root, 'calls'));
    const url = 'http://x/\u001b]0;title\u0007\r\n$(touch CANARY)\u009b';
    const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url }], paths: { '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } } } };
    const { files } = await host.pipeline.generate({ specFile: 'spec.json', document });
    const markdown = files.find((file) => file.path === 'PLAN.md')!.contents;
    expect(markdown).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    for (const command of shBlocks(markdown)) {
      const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}` } });
      expect(result.status, `${command}\n${result.stderr}`).to.equal(0);
    }
    expect(fs.readdirSync(cwd)).to.deep.equal([]);
  });

  for (const { name, document } of specs) {
    it(`${name}: every documented command runs as written, and the URL reaches the engine as one argument`, async () => {
      const root = temp.make();
      const cwd = path.join(root, 'out');
      fs.mkdirSync(cwd);
      const log = path.join(root, 'calls');
      installEngineStubs(path.join(root, 'bin'), log);
      const { files, plan } = await host.pipeline.generate({ specFile: 'spec.json', document });
      expect(plan.defaultBaseUrl, 'the spec text reaches the base URL (so the commands carry it)').to.match(/touch\$IFS'CANARY_/);
      const markdown = files.find((file) => file.path === 'PLAN.md')!.contents;
      const commands = shBlocks(markdown);
      expect(commands.length).to.be.greaterThan(ENGINE_STUBS.length);

      for (const command of commands) {
        const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}` } });
        expect(result.status, `${command}\n${result.stderr}`).to.equal(0);
      }
      expect(fs.readdirSync(cwd), 'files the spec text created when the commands ran').to.deep.equal([]);

      const calls = recordedCalls(log);
      // A command may chain a run and its evaluation with &&: one call per link of the chain.
      const links = commands.reduce((count, command) => count + command.split(' && ').length, 0);
      expect(calls.length, 'one engine call per command').to.equal(links);
      const engines = new Set(calls.map((call) => call[0]));
      for (const renderer of host.renderers) expect(engines, `${renderer} was run`).to.include(renderer);
      const jmeterCalls = calls.filter((call) => call[0] === 'jmeter');
      if (host.renderers.includes('jmeter')) expect(jmeterCalls.length).to.be.greaterThan(0);
      const spec = `-JbaseUrl=${plan.defaultBaseUrl}`;
      for (const call of jmeterCalls) expect([spec, '-JbaseUrl=https://your-test-server'], `jmeter arguments ${JSON.stringify(call)}`).to.include(call.find((arg) => arg.startsWith('-JbaseUrl=')));
      if (isLoopbackUrl(plan.defaultBaseUrl)) expect(jmeterCalls.filter((call) => call.includes(spec)).length, 'a command carries the spec URL').to.be.greaterThan(0);
    });
  }
});
