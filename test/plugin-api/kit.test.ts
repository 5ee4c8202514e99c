import { expect } from 'chai';
import * as kit from '../../src/plugin-api/index.js';
import { GLOBAL_DEFAULTS, integerWeights, mergeTargets, rampHoldStages, requestsByOperation, spikeStages, stressStages, testCaseCalls, weightedCycle, type TestPlan } from '../../src/plugin-api/index.js';
import { makeTestCase, samplePlan } from '../../src/plugin-testing/index.js';

describe('perfplan/plugin: the kit renderers and strategies build on', function () {
  this.timeout(30_000);
  let plan: TestPlan;
  before(async () => {
    plan = await samplePlan();
  });
  const stagesOf = (id: string) => plan.testCases.find((testCase) => testCase.id === id)!.profile.stages;

  it('exports the profile helpers the built-in strategies use', () => {
    for (const name of ['openProfile', 'closedProfile', 'rampHoldStages', 'stressStages', 'spikeStages', 'spikeUsersOf', 'resolveOptions', 'openLoadModel', 'closedLoadModel', 'stageWindows', 'labelledWindow', 'totalSeconds']) {
      expect(typeof (kit as Record<string, unknown>)[name], name).to.equal('function');
    }
    // With the built-in defaults, the helpers give the shapes the built-in strategies planned.
    expect(stressStages({ virtualUsers: 10, maxUsers: 1000, steps: 5, durationSeconds: 600, recoverySeconds: 60, rampDownSeconds: 30 })).to.deep.equal(stagesOf('stress_system'));
    expect(spikeStages({ virtualUsers: 10, rampUpSeconds: 10, baselineSeconds: 60, durationSeconds: 120, recoverySeconds: 180, rampDownSeconds: 10 })).to.deep.equal(stagesOf('spike_system'));
    expect(rampHoldStages({ ...GLOBAL_DEFAULTS, virtualUsers: 14 })).to.deep.equal(stagesOf('load_getItem'));
  });

  it('testCaseCalls: a workflow test case calls its steps, any other its targets, each with its request', () => {
    const workflowCase = plan.testCases.find((testCase) => testCase.type === 'workflow')!;
    const walked = testCaseCalls({ plan, testCase: workflowCase });
    expect(walked.workflow?.id).to.equal(workflowCase.workflowId);
    expect(walked.calls.map((call) => [call.operationId, call.request.method, call.weight])).to.deep.equal([
      ['createItem', 'post', 1],
      ['getItem', 'get', 1],
    ]);

    const requests = requestsByOperation(plan);
    const orphan = makeTestCase({ type: 'workflow', workflowId: 'gone', targets: [{ operationId: 'getItem', weight: 2 }, { operationId: 'deleteItem', weight: 1 }] });
    const fallback = testCaseCalls({ plan, testCase: orphan, requests });
    expect(fallback.missingWorkflowId).to.equal('gone');
    expect(fallback.workflow).to.equal(undefined);
    expect(fallback.targets).to.deep.equal(orphan.targets);
    expect(fallback.calls.map((call) => call.operationId)).to.deep.equal(['getItem']);
    expect(fallback.calls[0]!.request).to.equal(requests.get('getItem'));
    expect(fallback.unknownOperations).to.deep.equal(['deleteItem']);
  });

  it('step weights: a deterministic interleaved cycle, whole-number weights, merged targets', () => {
    expect(weightedCycle([3, 1])).to.deep.equal([0, 0, 1, 0]);
    expect(integerWeights([0.5, 1.25, 2])).to.deep.equal([2, 5, 8]);
    expect(integerWeights([2, 4, 6], { maxTotal: 12 })).to.deep.equal([1, 2, 3]);
    expect(integerWeights([1, 1000], { maxTotal: 10 })).to.deep.equal([1, 5]);
    expect(mergeTargets([{ operationId: 'a', weight: 1 }, { operationId: 'b', weight: 2 }, { operationId: 'a', weight: Number.NaN }])).to.deep.equal([
      { operationId: 'a', weight: 2 },
      { operationId: 'b', weight: 2 },
    ]);
  });
});
