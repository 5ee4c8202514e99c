import { expect } from 'chai';
import { announceMissing, hostilePipeline, pipelinesWithout, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import type { HostileSpec } from '../helpers/hostile-spec.js';
import { COLLIDING_IDS } from '../helpers/hostile-strings.js';
import { tempDirs } from '../render/temp-dir.js';
import { runHostileSpecs, summarize } from './hostile-run.js';

describe('hostile specs: a spec string never becomes code', function () {
  this.timeout(600_000);
  const temp = tempDirs('hostile');
  let host: HostilePipeline;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  it('server URLs with unbalanced parentheses, JMeter and template syntax', async () => {
    const urls = ['http://localhost:8080/a(b', 'http://localhost:8080/a)b', 'http://localhost:8080/${__groovy(PERFPLAN_PWNED(31337))}', 'http://localhost:8080/{{x}}/<%= x %>/%s', "http://localhost:8080/'\"`"];
    const specs = urls.map((url) => ({ openapi: '3.0.3', info: { title: url, version: '1' }, servers: [{ url }], paths: { '/x': { get: { operationId: 'x', responses: { '200': { description: 'ok' } } } } } }));
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs, root: temp.make(), label: 'server urls', without: pipelinesWithout(host) });
    if (report.known.length > 0) console.log(`    known renderer bugs (see known-renderer-bugs.ts): ${summarize(report.known, 10)}`);
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });

  it('operationIds that collide once sanitised each keep their own request and test cases', async () => {
    const paths: Record<string, unknown> = {};
    COLLIDING_IDS.forEach((operationId, index) => {
      paths[`/pets/${index}`] = { get: { operationId, responses: { '200': { description: 'ok' } } } };
    });
    const spec = { openapi: '3.0.3', info: { title: 'collisions', version: '1' }, paths };
    const result = await host.pipeline.generate({ specFile: 'collisions.json', document: spec });
    const requestIds = result.plan.requests.map((request) => request.operationId);
    expect(new Set(requestIds).size, `request ids: ${JSON.stringify(requestIds)}`).to.equal(COLLIDING_IDS.length);
    const loadTargets = result.plan.testCases.filter((testCase) => testCase.type === 'load').flatMap((testCase) => testCase.targets.map((target) => target.operationId));
    expect(new Set(loadTargets).size).to.equal(COLLIDING_IDS.length);
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs: [spec as HostileSpec], root: temp.make(), label: 'collisions' });
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });
});
