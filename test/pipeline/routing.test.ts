import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { builtinPlugins, createContainer, pipelineOf } from '../../src/di/index.js';
import type { TestCase, TestPlan } from '../../src/model/index.js';
import type { PluginEntry } from '../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

/** Reviews and settings (standard), payments (tagged; the critical-path analyzer calls them critical), a login and an upload. */
const SHOP = `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
servers: [{ url: 'http://127.0.0.1:9/api' }]
paths:
  /reviews/{reviewId}:
    get:
      operationId: getReview
      tags: [reviews]
      parameters: [{ name: reviewId, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /payments:
    post:
      operationId: createPayment
      tags: [payments]
      requestBody:
        content: { application/json: { schema: { type: object, properties: { amount: { type: integer } } } } }
      responses: { '201': { description: created } }
  /payments/{paymentId}:
    get:
      operationId: getPayment
      tags: [payments]
      parameters: [{ name: paymentId, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /refunds:
    post:
      operationId: createRefund
      tags: [payments]
      x-perfplan: { profile: critical-path }
      responses: { '201': { description: created } }
  /login:
    post:
      operationId: login
      tags: [auth]
      responses: { '200': { description: ok } }
  /files:
    post:
      operationId: uploadFile
      tags: [files]
      requestBody:
        content: { multipart/form-data: { schema: { type: object, properties: { file: { type: string, format: binary } } } } }
      responses: { '201': { description: stored } }
  /settings:
    put:
      operationId: updateSettings
      tags: [settings]
      requestBody:
        content: { application/json: { schema: { type: object, properties: { theme: { type: string } } } } }
      responses: { '204': { description: saved } }
`;

/** A strategy module as an organisation writes it: no `appliesTo`, so the config routes it. */
function strategyModule(input: { name: string; idPrefix: string; appliesTo?: string }): string {
  return `export default {
  kind: 'profile',
  name: ${JSON.stringify(input.name)},
  ${input.appliesTo === undefined ? '' : `appliesTo: ${input.appliesTo},`}
  plan: ({ operations }) => operations.map((operation) => ({
    id: ${JSON.stringify(input.idPrefix)} + operation.operationId,
    name: ${JSON.stringify(input.name)} + ' load: ' + operation.operationId,
    type: 'load',
    rationale: 'the organisation profile',
    targets: [{ operationId: operation.operationId, weight: 1 }],
    profile: { name: ${JSON.stringify(input.name)}, title: 'Org', virtualUsers: 30, durationSeconds: 120, rampUpSeconds: 10, rampDownSeconds: 10, thinkTimeSeconds: 1, expectedResponseTimeMs: 100,
      stages: [{ durationSeconds: 10, target: 30, label: 'ramp-up' }, { durationSeconds: 120, target: 30, label: 'hold' }, { durationSeconds: 10, target: 0, label: 'ramp-down' }] },
    criteria: { p95Ms: 300, errorRate: 0.001 },
  })),
};
`;
}

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

/** The operation each load test case targets, by the profile strategy that planned it. */
function loadTestsByProfile(plan: { testCases: TestCase[] }): Record<string, string[]> {
  const byProfile: Record<string, string[]> = {};
  for (const testCase of plan.testCases.filter((candidate) => candidate.type === 'load')) {
    (byProfile[testCase.profile.name] ??= []).push(testCase.targets[0].operationId);
  }
  return byProfile;
}

describe('strategy routing: declared by strategies, re-routed by config', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject('perfplan-routing-');
    project.write('shop.yaml', SHOP);
  });
  afterEach(() => project.remove());

  async function planFor(config: Record<string, unknown>): Promise<TestPlan> {
    const file = project.write('.perfplanrc.json', JSON.stringify({ spec: 'shop.yaml', output: 'out', engines: ['k6'], ...config }));
    const { error, stdout } = await perfplan(['generate', '--config', file, '--json', '--dry-run']);
    expect(error, String(error?.message)).to.equal(undefined);
    return JSON.parse(stdout).plan as TestPlan;
  }

  it('built-ins route by category: each operation gets one load test, and the system tests cover all', async () => {
    const plan = await planFor({});
    expect(loadTestsByProfile(plan)).to.deep.equal({
      standard: ['getReview', 'updateSettings'],
      'critical-path': ['createPayment', 'getPayment', 'createRefund', 'login'],
      'data-intensive': ['uploadFile'],
    });
    const stress = plan.testCases.find((testCase) => testCase.id === 'stress_system')!;
    expect(stress.targets.map((target) => target.operationId)).to.have.members(['getReview', 'createPayment', 'getPayment', 'createRefund', 'login', 'uploadFile', 'updateSettings']);
  });

  it('a new "payments" strategy plans the operations tagged payments, through config alone', async () => {
    project.write('payments.mjs', strategyModule({ name: 'payments', idPrefix: 'pay_' }));
    const plan = await planFor({ plugins: ['./payments.mjs'], routing: { payments: { testType: 'load', tags: ['payments'] } } });
    expect(loadTestsByProfile(plan)).to.deep.equal({
      standard: ['getReview', 'updateSettings'],
      // x-perfplan.profile on createRefund wins over the config's routing.
      'critical-path': ['createRefund', 'login'],
      'data-intensive': ['uploadFile'],
      payments: ['createPayment', 'getPayment'],
    });
    expect(plan.testCases.filter((testCase) => testCase.id.startsWith('pay_')).map((testCase) => testCase.id)).to.deep.equal(['pay_createPayment', 'pay_getPayment']);
    // Only the load tests moved: stress still covers every operation.
    expect(plan.testCases.find((testCase) => testCase.id === 'stress_system')!.targets).to.have.length(7);
  });

  it("an organisation's replacement of standard plans what standard planned; config routing widens it", async () => {
    project.write('acme-standard.mjs', strategyModule({ name: 'standard', idPrefix: 'acme_' }));
    const replaced = await planFor({ plugins: ['./acme-standard.mjs'] });
    expect(loadTestsByProfile(replaced).standard).to.deep.equal(['getReview', 'updateSettings']);
    expect(replaced.testCases.filter((testCase) => testCase.id.startsWith('acme_')).map((testCase) => testCase.id)).to.deep.equal(['acme_getReview', 'acme_updateSettings']);

    const widened = await planFor({ plugins: ['./acme-standard.mjs'], routing: { standard: { categories: ['standard', 'data_intensive'] } } });
    expect(loadTestsByProfile(widened)).to.deep.equal({
      standard: ['getReview', 'uploadFile', 'updateSettings'],
      'critical-path': ['createPayment', 'getPayment', 'createRefund', 'login'],
    });
  });

  it('config routing re-routes built-ins; the first routing key wins a contested operation (x-perfplan.profile still wins)', async () => {
    const routing = { 'critical-path': { operations: ['tag:payments', 'POST /login'] }, standard: { categories: ['standard', 'critical', 'data_intensive'] } };
    expect(loadTestsByProfile(await planFor({ routing }))).to.deep.equal({
      standard: ['getReview', 'uploadFile', 'updateSettings'],
      'critical-path': ['createPayment', 'getPayment', 'createRefund', 'login'],
    });
    const standardFirst = { standard: routing.standard, 'critical-path': routing['critical-path'] };
    expect(loadTestsByProfile(await planFor({ routing: standardFirst }))).to.deep.equal({
      standard: ['getReview', 'createPayment', 'getPayment', 'login', 'uploadFile', 'updateSettings'],
      'critical-path': ['createRefund'],
    });
  });

  it('a strategy that declares appliesTo in code gets only its operations, with no config', async () => {
    project.write('payments.mjs', strategyModule({ name: 'payments', idPrefix: 'pay_', appliesTo: "{ testType: 'load', match: ({ spec }) => spec.path.startsWith('/payments') }" }));
    const plan = await planFor({ plugins: ['./payments.mjs'] });
    expect(loadTestsByProfile(plan).payments).to.deep.equal(['createPayment', 'getPayment']);
    expect(loadTestsByProfile(plan).standard).to.deep.equal(['getReview', 'updateSettings']);
  });

  it('a strategy without appliesTo or a strategy to replace still gets every operation', async () => {
    project.write('smoke.mjs', strategyModule({ name: 'smoke', idPrefix: 'smoke_' }));
    const plan = await planFor({ plugins: ['./smoke.mjs'] });
    expect(loadTestsByProfile(plan).smoke).to.have.length(7);
    expect(loadTestsByProfile(plan).standard).to.deep.equal(['getReview', 'updateSettings']);
  });

  it('perfplan plugins SPEC shows which strategy plans which operations (text and --json)', async () => {
    project.write('payments.mjs', strategyModule({ name: 'payments', idPrefix: 'pay_' }));
    const config = project.write('.perfplanrc.json', JSON.stringify({ plugins: ['./payments.mjs'], routing: { payments: { testType: 'load', tags: ['payments'] } } }));
    const json = await perfplan(['plugins', project.path('shop.yaml'), '--config', config, '--json']);
    expect(json.error, String(json.error?.message)).to.equal(undefined);
    const routing = JSON.parse(json.stdout).routing as { operations: number; strategies: Array<{ name: string; testType: string | null; origin: string; operations: string[] }> };
    expect(routing.operations).to.equal(7);
    const payments = routing.strategies.find((strategy) => strategy.name === 'payments')!;
    expect(payments).to.deep.include({ testType: 'load', origin: 'config routing', operations: ['createPayment', 'getPayment'] });
    expect(routing.strategies.find((strategy) => strategy.name === 'standard')).to.deep.include({ origin: 'appliesTo', operations: ['getReview', 'updateSettings'] });
    expect(routing.strategies.find((strategy) => strategy.name === 'stress')!.operations).to.have.length(7);

    const text = await perfplan(['plugins', project.path('shop.yaml'), '--config', config]);
    expect(text.stdout).to.contain('Routing of shop.yaml (7 operations planned):');
    expect(text.stdout).to.match(/payments\s+load tests; tags payments \(config routing\): 2 operations\n\s+createPayment, getPayment/);
    expect(text.stdout).to.match(/standard\s+load tests; categories standard \(appliesTo\): 2 operations\n\s+getReview, updateSettings/);
    expect(text.stdout).to.match(/stress\s+stress tests; every operation \(appliesTo\): all\n/);
  });

  it('a routing key naming no strategy, or a bad selector, is a config error naming the key', async () => {
    const unknown = project.write('.perfplanrc.json', JSON.stringify({ spec: 'shop.yaml', output: 'out', routing: { standrd: { tags: ['reviews'] } } }));
    const first = await perfplan(['generate', '--config', unknown]);
    expect(first.error?.oclif?.exit).to.equal(2);
    expect(first.stderr).to.contain('routing.standrd: no profile strategy is named "standrd"; did you mean "standard"?');
    const bad = project.write('.perfplanrc.json', JSON.stringify({ spec: 'shop.yaml', output: 'out', routing: { standard: { categories: ['vip'], tag: ['x'] } } }));
    const second = await perfplan(['generate', '--config', bad]);
    expect(second.error?.oclif?.exit).to.equal(2);
    expect(second.stderr).to.contain('routing.standard.categories[0]: expected one of "standard", "critical", "data_intensive", got string "vip"');
    expect(second.stderr).to.contain('routing.standard.tag: unknown key; did you mean `tags`?');
    expect(project.exists('out')).to.equal(false);
  });
});

describe('profile options by declaration, not by source', () => {
  const PETSTORE_SPEC = `${PROJECT_ROOT}/test/fixtures/specs/swagger-petstore-oas3-1.0.27.yaml`;

  async function stressCases(plugins: PluginEntry[]): Promise<TestCase[]> {
    const pipeline = pipelineOf(createContainer({ plugins, settings: { types: ['stress'], overrides: { virtualUsers: 50 } } }));
    return (await pipeline.plan(PETSTORE_SPEC)).plan.testCases;
  }

  it('a strategy that reads its options plans the same from a config as built in (no second application of --users)', async () => {
    const stress = builtinProfileStrategies.find((strategy) => strategy.name === 'stress')!;
    const builtIn = await stressCases(builtinPlugins());
    const fromConfig = await stressCases([...builtinPlugins(), { plugin: stress, source: 'config: ./org/stress.js' }]);
    expect(fromConfig).to.deep.equal(builtIn);
    expect(builtIn[0].profile.stages[0].target, 'the baseline step starts at least at the 50 users').to.be.at.least(50);
  });

  it('a strategy that does not read its options gets config profiles applied to what it returns', async () => {
    const stress = builtinProfileStrategies.find((strategy) => strategy.name === 'stress')!;
    const ignoring = { ...stress, readsOptions: false };
    const cases = await stressCases([...builtinPlugins(), { plugin: ignoring, source: 'config: ./org/stress.js' }]);
    expect(cases[0].profile.virtualUsers).to.equal(50);
  });
});
