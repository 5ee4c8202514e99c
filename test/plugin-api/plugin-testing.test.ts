import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import k6Renderer from '../../plugins/k6/src/index.js';
import { defineRenderer, jsString, type TestPlan } from '../../src/plugin-api/index.js';
import { makeRequest, makeTestCase, renderPlan, samplePlan } from '../../src/plugin-testing/index.js';
import { TempProject } from '../helpers/temp-project.js';

describe('perfplan/plugin/testing: test helpers for plugin authors', function () {
  this.timeout(30_000);
  let plan: TestPlan;
  before(async () => {
    plan = await samplePlan();
  });

  it('samplePlan is what the real planner makes of the small sample API, the same every time', async () => {
    expect(plan.requests.map((request) => `${request.method.toUpperCase()} ${request.path}`)).to.deep.equal(['GET /items', 'POST /items', 'GET /items/{itemId}']);
    expect(new Set(plan.testCases.map((testCase) => testCase.type))).to.deep.equal(new Set(['load', 'stress', 'spike', 'soak', 'mixed', 'workflow']));
    const [lifecycle] = plan.workflows;
    expect(lifecycle?.steps.map((step) => step.operationId)).to.deep.equal(['createItem', 'getItem']);
    expect(lifecycle?.steps[1]?.inject).to.deep.equal([{ variable: 'createItem_id', to: 'path.itemId' }]);
    expect(plan.auth).to.deep.equal([{ scheme: 'bearer', type: 'bearer', tokenEnv: 'AUTH_BEARER_TOKEN' }]);
    expect(plan.diagnostics).to.deep.equal([]);
    expect(await samplePlan()).to.deep.equal(plan);
  });

  it('samplePlan takes settings as a config would: only the test types asked for', async () => {
    const loadOnly = await samplePlan({ settings: { types: ['load'] } });
    expect(loadOnly.testCases.map((testCase) => testCase.id)).to.deep.equal(['load_listItems', 'load_createItem', 'load_getItem']);
  });

  it('makeTestCase and makeRequest are shaped as the planner shapes the sample plan\'s getItem', () => {
    const planned = plan.testCases.find((testCase) => testCase.id === 'load_getItem')!;
    const made = makeTestCase();
    expect(made.profile).to.deep.equal(planned.profile);
    expect(made.criteria).to.deep.equal(planned.criteria);
    expect({ ...made, rationale: '', startSeconds: 0 }).to.deep.equal({ ...planned, rationale: '', startSeconds: 0 });
    expect(makeRequest()).to.deep.equal(plan.requests.find((request) => request.operationId === 'getItem'));
    expect(makeTestCase({ id: 'load_x', startSeconds: 30 })).to.include({ id: 'load_x', startSeconds: 30, type: 'load' });
  });

  it('renderPlan runs a renderer through perfplan\'s template engine and collects its files and diagnostics', async () => {
    const rendered = await renderPlan(k6Renderer, plan);
    expect(rendered.diagnostics).to.deep.equal([]);
    expect(rendered.file('k6/load.js')).to.contain('load_getItem');
    expect(() => rendered.file('k6/nope.js')).to.throw(/k6 wrote no k6\/nope\.js; it wrote k6\/lib\/requests\.js/);

    const outside = defineRenderer<{ prefix: string }>({
      name: 'lines',
      render: ({ plan: given, options, ctx }) => {
        ctx.report({ code: 'lines/note', severity: 'info', message: 'one line per test case' });
        return [{ path: 'lines/cases.js', contents: given.testCases.map((testCase) => `${options.prefix}(${jsString(testCase.id)});`).join('\n') }];
      },
    });
    const lines = await renderPlan(outside, { ...plan, testCases: [makeTestCase()] }, { prefix: 'run' });
    expect(lines.file('lines/cases.js')).to.equal('run("load_getItem");');
    expect(lines.diagnostics.map((diagnostic) => diagnostic.code)).to.deep.equal(['lines/note']);
  });

  it('is importable as perfplan/plugin/testing from a project that installed perfplan', () => {
    const project = new TempProject();
    try {
      const script = project.write(
        'check.mjs',
        `import { samplePlan, makeTestCase } from 'perfplan/plugin/testing';
const plan = await samplePlan({ settings: { types: ['load'] } });
console.log(JSON.stringify({ cases: plan.testCases.length, id: makeTestCase().id }));
`,
      );
      const run = spawnSync(process.execPath, [script], { cwd: project.dir, encoding: 'utf8' });
      expect(run.stderr).to.equal('');
      expect(JSON.parse(run.stdout)).to.deep.equal({ cases: 3, id: 'load_getItem' });
    } finally {
      project.remove();
    }
  });
});
