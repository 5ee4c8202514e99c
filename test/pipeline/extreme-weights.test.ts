import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import type { TestPlan } from '../../src/model/index.js';
import k6Renderer from '../../plugins/k6/src/index.js';
import jmeterRenderer from '../../plugins/jmeter/src/index.js';
import locustRenderer from '../../plugins/locust/src/index.js';
import { renderWith } from '../helpers/render-plugin.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const SPEC = path.join(FIXTURES_DIR, 'plan', 'orders-x-perfplan.yaml');
const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

async function planOf(spec: string): Promise<TestPlan> {
  const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: defaultSettings() }));
  return (await pipeline.plan(spec)).plan;
}

/** The fixture spec with createItem's `weight: 9` replaced by `value` (YAML text). */
function specWithWeight(dir: string, value: string): string {
  const file = path.join(dir, `weight-${Buffer.from(value).toString('hex')}.yaml`);
  const text = fs.readFileSync(SPEC, 'utf8');
  expect(text).to.contain('weight: 9');
  fs.writeFileSync(file, text.replace('weight: 9', `weight: ${value}`));
  return file;
}

describe('x-perfplan weights: validated in the pipeline, and renderers safe with any number', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-weights-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // 1e308 and 1e-300 were accepted before (any number > 0), and a mix of 1e308 with a weight of
  // 0.5 sent the Locust renderer's recursive gcd into a stack overflow.
  for (const value of ['1e308', '1e-300', '"NaN"', '.nan', '.inf', '-.inf', '-3', '0', '10001', '0.0001']) {
    it(`refuses weight ${value}, naming the operation and the JSON pointer`, async () => {
      let caught: unknown;
      try {
        await planOf(specWithWeight(dir, value));
      } catch (error) {
        caught = error;
      }
      expect(caught, `weight ${value} was accepted`).to.be.instanceOf(Error);
      const error = caught as Error & { code?: string; pointer?: string; fix?: string };
      expect(error.code).to.equal('spec/x-perfplan-invalid');
      expect(error.pointer).to.equal('#/paths/~1items/post/x-perfplan/weight');
      expect(error.message).to.contain('#/paths/~1items/post/x-perfplan/weight (operation createItem (POST /items))');
      expect(error.message).to.contain('is not a number from 0.001 to 10000');
      expect(error.message.match(/x-perfplan\/weight/g)).to.have.length(1);
    });
  }

  for (const value of ['0.001', '10000', '2.5']) {
    it(`accepts weight ${value}`, async () => {
      const plan = await planOf(specWithWeight(dir, value));
      const mixed = plan.testCases.find((testCase) => testCase.type === 'mixed')!;
      expect(mixed.targets.find((target) => target.operationId === 'createItem')!.weight).to.equal(Number(value));
    });
  }

  it('renders k6, Locust and JMeter quickly with sane weights from a plan whose weights are extreme (a plan not checked by perfplan)', async function () {
    this.timeout(20_000);
    const plan = await planOf(SPEC);
    const extremes = [1e308, 0.5, 1e-300, Number.NaN, -1, Number.POSITIVE_INFINITY, 3];
    const mixed = plan.testCases.find((testCase) => testCase.type === 'mixed')!;
    const ids = plan.requests.map((request) => request.operationId);
    mixed.targets = extremes.map((weight, index) => ({ operationId: ids[index % ids.length]!, weight }));
    for (const workflow of plan.workflows) for (const [index, step] of workflow.steps.entries()) step.weight = extremes[index % extremes.length]!;

    const started = Date.now();
    const locust = await renderWith(locustRenderer, plan);
    const locustfile = locust.byPath('locust/locustfile.py');
    const taskWeights = [...locustfile.matchAll(/@task\((\d+)\)/g)].map((match) => Number(match[1]));
    expect(taskWeights.length).to.be.greaterThan(0);
    for (const weight of taskWeights) expect(weight).to.be.within(1, 10_000);

    const k6 = await renderWith(k6Renderer, plan);
    const scenarios = k6.byPath('k6/lib/scenarios.js') + k6.files.map((file) => file.contents).join('\n');
    expect(scenarios).not.to.match(/NaN|Infinity/);
    const cycle = /Cycle = \[([^\]]*)\]/.exec(k6.files.map((file) => file.contents).join('\n'));
    expect(cycle, 'a weighted cycle in the k6 scripts').not.to.equal(null);
    expect(cycle![1].trim().length).to.be.greaterThan(0);

    const jmeter = await renderWith(jmeterRenderer, plan);
    const jmx = jmeter.files.map((file) => file.contents).join('\n');
    expect(jmx).not.to.match(/NaN|Infinity/);
    expect(Date.now() - started).to.be.lessThan(10_000);
  });
});
