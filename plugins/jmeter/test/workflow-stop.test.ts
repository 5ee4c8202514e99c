import { expect } from 'chai';
import path from 'node:path';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { defaultSettings, type PipelineSettings } from '../../../src/pipeline/index.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { FAILED_ITERATION_SCRIPT, VALUE_CHECK_SCRIPT } from '../src/workflow-stop.js';
import { FIXTURES_DIR } from '../../../test/helpers/paths.js';
import { allNodes, jmxTree, type JmxNode } from './jmx-tree.js';
import { renderJmeter } from './render-jmeter.js';

// A workflow step whose response lacks a value later steps send ends the iteration in JMeter as
// in k6 and Locust (the JMeter runs are in test/conformance/request-classes-workflow.engine.ts).

const SPEC = path.join(FIXTURES_DIR, 'request-classes', 'workflow-missing-value.yaml');

async function plan(settings: Partial<PipelineSettings> = {}): Promise<TestPlan> {
  const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
  return (await pipelineOf(createContainer({ plugins: entries, settings: { ...defaultSettings(), types: ['workflow'], ...settings } })).plan(SPEC)).plan;
}

async function workflowTransactions(testPlan: TestPlan): Promise<JmxNode[]> {
  const { files } = await renderJmeter(testPlan);
  const jmx = files.find((file) => file.path === 'jmeter/workflows.jmx');
  expect(jmx, 'jmeter/workflows.jmx').not.to.equal(undefined);
  return allNodes(jmxTree(jmx!.contents)).filter((node) => node.tag === 'TransactionController');
}

const samplers = (nodes: readonly JmxNode[]) => allNodes(nodes).filter((node) => node.tag === 'HTTPSamplerProxy');

describe('jmeter: a workflow step that gives no value ends the iteration', () => {
  it('checks each extracted value after the extractors, with a script that ends the iteration and keeps the last good value', async () => {
    const [lifecycle] = await workflowTransactions(await plan());
    expect(lifecycle?.name).to.equal('workflow:workflow_lifecycle_orders');
    const create = samplers(lifecycle!.children).find((node) => node.name === 'createOrder')!;
    const kinds = create.children.map((child) => child.tag);
    expect(kinds.indexOf('JSR223Assertion'), kinds.join(', ')).to.be.greaterThan(kinds.indexOf('JSONPostProcessor'));
    const extractor = create.children.find((child) => child.tag === 'JSONPostProcessor')!;
    const check = create.children.find((child) => child.tag === 'JSR223Assertion')!;
    expect(check.props.parameters).to.equal(extractor.props['JSONPostProcessor.referenceNames']);
    expect(extractor.props['JSONPostProcessor.defaultValues']).to.equal(`NOT_FOUND_${check.props.parameters}`);
    expect(check.props.scriptLanguage).to.equal('groovy');
    expect(check.props.script).to.equal(VALUE_CHECK_SCRIPT);
    expect(check.name).to.equal('Step createOrder: $response.body#/id gives createOrder_id');
    // The script's decisions: the logical action JMeter's thread acts on, the last good value kept.
    expect(VALUE_CHECK_SCRIPT).to.contain('SampleResult.setTestLogicalAction(TestLogicalAction.START_NEXT_ITERATION_OF_THREAD)');
    expect(VALUE_CHECK_SCRIPT).to.contain("if (last == null) vars.remove(name) else vars.put(name, last)");
    // Steps that extract nothing get no check; every step of weight 1 runs each iteration, so no guard.
    for (const step of samplers(lifecycle!.children).filter((node) => node.name !== 'createOrder')) {
      expect(step.children.map((child) => child.tag)).not.to.include('JSR223Assertion');
    }
    expect(allNodes(lifecycle!.children).filter((node) => node.tag === 'IfController')).to.deep.equal([]);
  });

  it('ends the iteration as failed before a step whose value an earlier step of weight below 1 never gave', async () => {
    const declared = { name: 'half', key: 'workflows[0]', steps: [{ operationId: 'createOrder', weight: 0.5 }, { operationId: 'getOrder' }] };
    const transactions = await workflowTransactions(await plan({ workflows: [declared] }));
    const half = transactions.find((node) => node.name === 'workflow:workflow_half')!;
    expect(half, transactions.map((node) => node.name).join(', ')).not.to.equal(undefined);
    // The weight-1 read step: the guard, then the sampler, directly under the transaction.
    const names = half.children.map((child) => `${child.tag} ${child.name}`);
    const guardAt = names.indexOf('IfController Step getOrder: a value it sends was never given');
    expect(guardAt, names.join('\n')).to.be.greaterThan(-1);
    expect(names[guardAt + 1]).to.equal('HTTPSamplerProxy getOrder');
    const guard = half.children[guardAt]!;
    const variable = samplers(half.children).find((node) => node.name === 'createOrder')!.children.find((child) => child.tag === 'JSR223Assertion')!.props.parameters;
    expect(guard.props['IfController.condition']).to.equal(`\${__jexl3(vars.get("${variable}") == null)}`);
    const [end] = guard.children;
    expect(end?.tag).to.equal('TestAction');
    expect(end?.props['ActionProcessor.action'], 'start next thread loop').to.equal('3');
    expect(end?.children.map((child) => [child.tag, child.props.script])).to.deep.equal([['JSR223PreProcessor', FAILED_ITERATION_SCRIPT]]);
    expect(FAILED_ITERATION_SCRIPT).to.contain("vars.put('JMeterThread.last_sample_ok', 'false')");
  });
});
