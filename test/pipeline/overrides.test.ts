import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import type { PipelineSettings, PluginEntry } from '../../src/pipeline/index.js';
import { defineProfileStrategy } from '../../src/plugin-api/index.js';
import type { TestCase, TestPlan } from '../../src/model/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const SPEC = path.join(FIXTURES_DIR, 'plan', 'orders-x-perfplan.yaml');

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

async function planWith(options: { settings?: Partial<PipelineSettings>; plugins?: PluginEntry[]; spec?: string }): Promise<TestPlan> {
  const pipeline = pipelineOf(createContainer({ plugins: [...builtins, ...(options.plugins ?? [])], settings: options.settings }));
  return (await pipeline.plan(options.spec ?? SPEC)).plan;
}

function loadTest(plan: TestPlan, operationId: string): TestCase {
  const found = plan.testCases.find((testCase) => testCase.type === 'load' && testCase.targets[0].operationId === operationId);
  if (!found) throw new Error(`no load test for ${operationId}`);
  return found;
}

/** An organisation's standard strategy: 40 users, p95 < 250 ms, whatever the options say. */
const acmeStandard = defineProfileStrategy({
  name: 'standard',
  plan: ({ operations }) =>
    operations.map((operation) => ({
      id: `acme_${operation.operationId}`,
      name: `ACME ${operation.operationId}`,
      type: 'load',
      rationale: 'ACME standard',
      targets: [{ operationId: operation.operationId, weight: 1 }],
      profile: {
        name: 'standard',
        title: 'ACME',
        virtualUsers: 40,
        durationSeconds: 120,
        rampUpSeconds: 10,
        rampDownSeconds: 10,
        thinkTimeSeconds: 1,
        expectedResponseTimeMs: 100,
        stages: [
          { durationSeconds: 10, target: 40, label: 'ramp-up' },
          { durationSeconds: 120, target: 40, label: 'hold' },
          { durationSeconds: 10, target: 0, label: 'ramp-down' },
        ],
      },
      criteria: { p95Ms: 250, errorRate: 0.01, minThroughputRps: 20 },
    })),
});

describe('overrides, in order of strength: x-perfplan > config > replacement strategy > built-in', () => {
  it('built-in defaults for a standard operation', async () => {
    const plan = await planWith({});
    const fetchItems = loadTest(plan, 'fetchItems');
    expect(fetchItems.profile.loadModel?.users).to.equal(10);
    expect(fetchItems.profile.virtualUsers, 'the pool: 6.667 req/s × (1 s p95 + 1 s think)').to.equal(14);
    expect(fetchItems.criteria.p95Ms).to.equal(1000);
  });

  it('config profiles.standard (50 users, p95 < 300 ms) changes the plan', async () => {
    const plan = await planWith({ settings: { profiles: { standard: { virtualUsers: 50, p95Ms: 300 } } } });
    const fetchItems = loadTest(plan, 'fetchItems');
    expect(fetchItems.profile.virtualUsers).to.equal(50);
    expect(fetchItems.profile.stages.map((stage) => stage.target)).to.deep.equal([50, 50, 0]);
    expect(fetchItems.criteria.p95Ms).to.equal(300);
  });

  it('a replacement strategy plugin changes the plan', async () => {
    const plan = await planWith({ plugins: [{ plugin: acmeStandard, source: 'config: ./acme.js' }] });
    expect(loadTest(plan, 'fetchItems').id).to.equal('acme_fetchItems');
    expect(loadTest(plan, 'fetchItems').profile.virtualUsers).to.equal(40);
    expect(loadTest(plan, 'fetchItems').criteria.p95Ms).to.equal(250);
  });

  it('config wins over a replacement strategy', async () => {
    const plan = await planWith({
      plugins: [{ plugin: acmeStandard, source: 'config: ./acme.js' }],
      settings: { profiles: { standard: { virtualUsers: 50, p95Ms: 300 } } },
    });
    const fetchItems = loadTest(plan, 'fetchItems');
    expect(fetchItems.profile.virtualUsers).to.equal(50);
    expect(fetchItems.profile.stages.map((stage) => stage.target)).to.deep.equal([50, 50, 0]);
    expect(fetchItems.criteria.p95Ms).to.equal(300);
  });

  it('x-perfplan on an operation wins over config and the replacement strategy', async () => {
    const plan = await planWith({
      plugins: [{ plugin: acmeStandard, source: 'config: ./acme.js' }],
      settings: { profiles: { standard: { virtualUsers: 50, p95Ms: 300, errorRate: 0.05 } } },
    });
    const createItem = loadTest(plan, 'createItem');
    expect(createItem.criteria.p95Ms).to.equal(150);
    expect(createItem.criteria.errorRate).to.equal(0.001);
    expect(createItem.profile.virtualUsers).to.equal(50);
    const mixed = plan.testCases.find((testCase) => testCase.type === 'mixed')!;
    expect(mixed.targets.find((target) => target.operationId === 'createItem')?.weight).to.equal(9);
  });

  it('x-perfplan category and skip: getItem is planned as critical, health not at all', async () => {
    const plan = await planWith({});
    expect(loadTest(plan, 'getItem').profile.name).to.equal('critical-path');
    expect(plan.testCases.some((testCase) => testCase.targets.some((target) => target.operationId === 'health'))).to.equal(false);
    expect(plan.requests.some((request) => request.operationId === 'health')).to.equal(false);
  });

  it('include/exclude and types select what is planned', async () => {
    const plan = await planWith({ settings: { include: ['GET /items/**', 'createItem'], exclude: ['getItem'], types: ['load'] } });
    expect(plan.testCases.map((testCase) => testCase.id)).to.deep.equal(['load_createItem']);
    expect(plan.workflows).to.deep.equal([]);
  });

  it('an x-perfplan value of the wrong type is an error naming its JSON pointer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-xp-'));
    try {
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, fs.readFileSync(SPEC, 'utf8').replace('p95: 150', 'p95: fast'));
      let caught: unknown;
      try {
        await planWith({ spec: bad });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(Error);
      expect((caught as { code?: string }).code).to.equal('spec/x-perfplan-invalid');
      expect((caught as Error).message).to.contain('#/paths/~1items/post/x-perfplan/slo/p95');
      expect((caught as { pointer?: string }).pointer).to.equal('#/paths/~1items/post/x-perfplan/slo/p95');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
