import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import k6Renderer from '../../plugins/k6/src/index.js';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import type { EngineRunner } from '../../tools/conformance/engines/engine-runner.js';
import { k6DoubleEngine } from '../../tools/conformance/engines/k6-double.js';
import { assertLoopback } from '../../tools/conformance/loopback.js';
import { readSpecDocument, withoutCallbacks, writePrismSpec } from '../../tools/conformance/prism-spec.js';
import { checkGeneratedOutput } from '../../tools/conformance/run-conformance.js';
import { renderWith } from '../helpers/render-plugin.js';
import { recordingServer } from '../../plugins/jmeter/test/jmeter-process.js';
import { tempDir } from './temp-dir.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

/** A subscription API whose callback URL comes from the request body, and its example names `hook`. */
function callbackSpec(hook: string): string {
  return `
openapi: 3.0.3
info: { title: Callbacks, version: 1.0.0 }
paths:
  /subscriptions:
    post:
      operationId: subscribe
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [callbackUrl]
              properties:
                callbackUrl: { type: string, example: ${JSON.stringify(`${hook}/from-example`)} }
      responses:
        '201':
          description: created
          content: { application/json: { schema: { type: object, properties: { id: { type: string, example: abc } } } } }
      callbacks:
        onEvent:
          '{$request.body#/callbackUrl}':
            post:
              requestBody: { content: { application/json: { schema: { type: object, properties: { message: { type: string, example: hi } } } } } }
              responses: { '200': { description: ok } }
        fixed:
          ${JSON.stringify(`${hook}/fixed`)}:
            post:
              responses: { '200': { description: ok } }
components:
  schemas:
    Event:
      type: object
      properties:
        callbacks: { type: string, description: a property that happens to be called callbacks }
  callbacks:
    unused:
      ${JSON.stringify(`${hook}/component`)}:
        post: { responses: { '200': { description: ok } } }
`;
}

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

describe('conformance: the harness sends nothing off this machine', function () {
  this.timeout(60_000);
  const dir = tempDir('callbacks');
  after(() => dir.remove());

  it('serves Prism a copy without callbacks, keeping everything else (a schema property named callbacks too)', () => {
    const spec = path.join(dir.path, 'copy', 'spec.yaml');
    fs.mkdirSync(path.dirname(spec), { recursive: true });
    fs.writeFileSync(spec, callbackSpec('http://127.0.0.1:9'));
    const original = readSpecDocument(spec) as Record<string, any>;
    const served = JSON.parse(fs.readFileSync(writePrismSpec({ spec, dir: path.join(dir.path, 'copy', 'served') }), 'utf8'));
    expect(served.paths['/subscriptions'].post.callbacks).to.equal(undefined);
    expect(served.components.callbacks).to.equal(undefined);
    const { callbacks: _gone, ...rest } = original.paths['/subscriptions'].post;
    expect(served.paths['/subscriptions'].post).to.deep.equal(rest);
    expect(served.components.schemas).to.deep.equal(original.components.schemas);
    expect(withoutCallbacks([{ responses: {}, callbacks: {} }])).to.deep.equal([{ responses: {} }]);
  });

  it('copies the files a multi-file spec refers to beside it, and refuses a $ref Prism would fetch from the network', () => {
    const root = path.join(dir.path, 'multi', 'api', 'openapi.yaml');
    fs.mkdirSync(path.join(dir.path, 'multi', 'shared'), { recursive: true });
    fs.mkdirSync(path.join(dir.path, 'multi', 'api'), { recursive: true });
    fs.writeFileSync(root, "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a: { $ref: '../shared/a.yaml' }\n");
    fs.writeFileSync(path.join(dir.path, 'multi', 'shared', 'a.yaml'), "post: { operationId: a, responses: { '200': { description: ok } }, callbacks: { c: { 'http://127.0.0.1:9/x': { post: { responses: { '200': { description: ok } } } } } } }\n");
    const served = writePrismSpec({ spec: root, dir: path.join(dir.path, 'multi-served') });
    expect(served).to.equal(path.join(dir.path, 'multi-served', 'api', 'openapi.yaml'));
    expect(JSON.parse(fs.readFileSync(path.join(dir.path, 'multi-served', 'shared', 'a.yaml'), 'utf8'))).to.deep.equal({ post: { operationId: 'a', responses: { '200': { description: 'ok' } } } });
    fs.writeFileSync(root, "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a: { $ref: 'https://example.com/a.yaml' }\n");
    expect(() => writePrismSpec({ spec: root, dir: path.join(dir.path, 'remote-served') })).to.throw(/which Prism would fetch from the network/);
  });

  it('accepts only loopback URLs as the engines\' base URL', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:2/x', 'http://127.1.2.3']) expect(() => assertLoopback(url, 'base URL')).not.to.throw();
    for (const url of ['https://api.example.com', 'http://10.0.0.1', 'http://127.0.0.1.evil.example', 'not a url']) expect(() => assertLoopback(url, 'base URL'), url).to.throw(/is not on this machine/);
  });

  it('after a harness run on a spec with callbacks to a recording server, the recorder got nothing, and every engine was pointed at the proxy', async () => {
    const hook = await recordingServer();
    try {
      const spec = path.join(dir.path, 'run', 'callbacks.yaml');
      fs.mkdirSync(path.dirname(spec), { recursive: true });
      fs.writeFileSync(spec, callbackSpec(hook.baseUrl));
      const { plan } = await pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } })).plan(spec);
      const outDir = path.join(dir.path, 'run', 'generated');
      for (const file of (await renderWith(k6Renderer, plan)).files) {
        fs.mkdirSync(path.dirname(path.join(outDir, file.path)), { recursive: true });
        fs.writeFileSync(path.join(outDir, file.path), file.contents);
      }
      const seen: Array<{ baseUrl: string; env: Record<string, string> }> = [];
      const watching: EngineRunner = {
        name: 'k6',
        available: () => k6DoubleEngine.available(),
        run: (input) => {
          seen.push({ baseUrl: input.baseUrl, env: input.env });
          return k6DoubleEngine.run(input);
        },
      };
      const runDir = path.join(dir.path, 'run', 'harness');
      fs.mkdirSync(runDir, { recursive: true });
      const { results, error } = await checkGeneratedOutput({
        spec,
        label: 'callbacks',
        plan,
        outDir,
        runDir,
        runners: [watching],
        prismStartupTimeoutMs: 45_000,
        engineTimeoutMs: 30_000,
        deadline: Date.now() + 50_000,
      });
      expect(error).to.equal(undefined);
      expect(results[0]!.requests, 'the engine called the operation with callbacks').to.be.greaterThan(0);
      expect(results[0]!.rejected).to.equal(0);
      // Prism performs callbacks right after its answer: give a late one time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(hook.requests.map((request) => `${request.method} ${request.url}`)).to.deep.equal([]);
      expect(seen).to.have.length(1);
      expect(seen[0]!.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(seen[0]!.env.BASE_URL).to.equal(seen[0]!.baseUrl);
    } finally {
      await hook.close();
    }
  });
});
