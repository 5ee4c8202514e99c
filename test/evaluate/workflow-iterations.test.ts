import { expect } from 'chai';
import type { TestCase, TestPlan } from '../../src/model/index.js';
import { evaluatePlan } from '../../src/evaluate/index.js';
import { readJmeterJtl } from '../../plugins/jmeter/src/index.js';

// A JMeter workflow iteration that ends before its first request (a value it needs was never
// given: plugins/jmeter/src/workflow-stop.ts) is a Transaction Controller sample without a thread
// name. It is still that workflow's failed iteration, as k6 and Locust count it.

const T0 = 1_800_000_000_000;

function workflowCase(id: string, workflowId: string): TestCase {
  return {
    id,
    name: id,
    type: 'workflow',
    workflowId,
    rationale: '',
    targets: [{ operationId: 'createItem', weight: 1 }],
    profile: { name: 'workflow', title: 'Workflow', virtualUsers: 1, durationSeconds: 10, rampUpSeconds: 0, rampDownSeconds: 0, thinkTimeSeconds: 0, expectedResponseTimeMs: 100, stages: [{ durationSeconds: 10, target: 1 }] },
    criteria: { p95Ms: 1000, errorRate: 1, minThroughputRps: 0 },
    startSeconds: 0,
    requiresChosenBaseUrl: false,
  };
}

function plan(testCases: TestCase[]): TestPlan {
  const workflow = (id: string) => ({ id, name: id, category: 'custom' as const, rationale: '', steps: [], criteria: { completionRate: 0.5, meanWorkflowMs: 5000, errorRate: 1 } });
  return {
    planVersion: 1,
    source: { title: 'Items', version: '1', specVersion: '3.0.3', specFile: 'items.yaml', operationCount: 1 },
    defaultBaseUrl: 'http://127.0.0.1:9',
    defaultBaseUrlSource: 'spec',
    timeScale: 1,
    analysis: { operations: [], dependencies: [], workflows: [] } as unknown as TestPlan['analysis'],
    requests: [],
    testCases,
    workflows: [workflow('workflow_half'), workflow('workflow_other')],
    auth: [],
    environment: [],
    diagnostics: [],
  };
}

function jtl(rows: Array<[offsetMs: number, label: string, thread: string, success: boolean]>): string {
  const lines = ['timeStamp,elapsed,label,responseCode,responseMessage,threadName,success,failureMessage'];
  for (const [offset, label, thread, success] of rows) lines.push(`${T0 + offset},10,${label},${label.startsWith('workflow:') ? '' : '201'},,${thread},${success},`);
  return `${lines.join('\n')}\n`;
}

describe('evaluate: JMeter workflow iterations that sent no request', () => {
  it('count as failed iterations of the workflow their label names', () => {
    const text = jtl([
      [0, 'createItem', 'workflow_half 1-1', false],
      [5, 'workflow:workflow_half', 'workflow_half 1-1', false],
      // Ended at the guard before any request: JMeter gives the transaction sample no thread name.
      [20, 'workflow:workflow_half', '', false],
      [40, 'workflow:workflow_half', '', false],
      [60, 'createItem', 'workflow_half 1-1', true],
      [65, 'workflow:workflow_half', 'workflow_half 1-1', true],
    ]);
    const samples = readJmeterJtl({ text, file: 'results.jtl' });
    const evaluation = evaluatePlan({ plan: plan([workflowCase('workflow_half', 'workflow_half'), workflowCase('workflow_other', 'workflow_other')]), samples });
    const completion = evaluation.evaluated.find((entry) => entry.testCaseId === 'workflow_half')!.results.find((result) => result.criterion === 'workflow.completion')!;
    expect(completion.message).to.match(/^workflows completed \(1 of 4\): measured 25\.00%/);
    expect(completion.status).to.equal('fail');
  });
});
