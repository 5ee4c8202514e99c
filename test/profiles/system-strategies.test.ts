import { expect } from 'chai';
import type { TestPlan } from '../../src/model/index.js';
import { fixtureSpec } from '../helpers/paths.js';
import { builtinPlugins, createContainer, pipelineOf } from '../../src/di/index.js';

describe('stress, spike, soak and mixed profiles', () => {
  let plan: TestPlan;
  before(async () => {
    plan = (await pipelineOf(createContainer({ plugins: builtinPlugins() })).plan(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'))).plan;
  });
  const byId = (id: string) => plan.testCases.find((testCase) => testCase.id === id)!;

  it('plans a load test per operation, one system-wide stress and spike (plus one per operation, by name only), one soak and one mixed test', () => {
    const count = (type: string, byName: boolean) => plan.testCases.filter((testCase) => testCase.type === type && Boolean(testCase.onlyByName) === byName).length;
    expect([count('load', false), count('stress', false), count('spike', false), count('soak', false), count('mixed', false)]).to.deep.equal([19, 1, 1, 1, 1]);
    expect([count('load', true), count('stress', true), count('spike', true)]).to.deep.equal([0, 19, 19]);
    expect(byId('stress_system').targets).to.have.length(19);
  });

  it('runs the test cases of a type one after another: each starts when the one before ends', () => {
    const loads = plan.testCases.filter((testCase) => testCase.type === 'load');
    const seconds = (id: string) => byId(id).profile.stages.reduce((sum, stage) => sum + stage.durationSeconds, 0);
    for (let index = 1; index < loads.length; index++) {
      expect(loads[index].startSeconds, loads[index].id).to.equal(loads[index - 1].startSeconds + seconds(loads[index - 1].id));
    }
    for (const testCase of plan.testCases.filter((candidate) => candidate.onlyByName)) expect(testCase.startSeconds, testCase.id).to.equal(0);
  });

  it('stress climbs in gradual steps to 1000 users, reports the breaking point and judges recovery only', () => {
    const stress = byId('stress_getPetById');
    const targets = stress.profile.stages.map((stage) => stage.target);
    expect(Math.max(...targets)).to.equal(1000);
    const holds = stress.profile.stages.filter((stage) => stage.label?.startsWith('hold step'));
    expect(holds.map((stage) => stage.target)).to.deep.equal([200, 400, 600, 800, 1000]);
    expect(stress.breakingPoint).to.deep.equal({ p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 });
    expect(stress.recovery).to.deep.equal({ users: 10, durationSeconds: 60, settleSeconds: 30 });
    expect(stress.profile.stages.find((stage) => stage.label === 'recovery')?.target).to.equal(10);
    const climb = stress.profile.stages.filter((stage) => stage.label?.includes('step')).reduce((total, stage) => total + stage.durationSeconds, 0);
    expect(climb).to.equal(600);
    // p95 and errors are judged 30 s into the recovery stage (601 s in), until it ends.
    expect(stress.criteria.latencyWindow).to.deep.equal({ fromSeconds: 631, toSeconds: 661 });
    expect(stress.criteria.minThroughputRps).to.equal(0);
  });

  it('spike jumps from 10 to 50 users instantly, holds 120 s and recovers for 180 s', () => {
    const spike = byId('spike_getPetById');
    const stage = (label: string) => spike.profile.stages.find((candidate) => candidate.label === label)!;
    expect(stage('baseline').target).to.equal(10);
    expect(stage('spike')).to.include({ target: 50, durationSeconds: 1 });
    expect(stage('hold spike')).to.include({ target: 50, durationSeconds: 120 });
    expect(stage('recovery')).to.include({ target: 10, durationSeconds: 180 });
    expect(spike.spike).to.deep.equal({
      errorRateDuringSpike: 0.05,
      recoverySeconds: 60,
      spikeWindow: { fromSeconds: 70, toSeconds: 191 },
      recoveredWindow: { fromSeconds: 251, toSeconds: 372 },
    });
    // 10 users at the 2 s p95 plus 1 s think give at least 3.33 req/s; 95 % of that over the baseline.
    expect(spike.criteria.minThroughputRps).to.equal(3.167);
    expect(spike.criteria.throughputWindow).to.deep.equal({ fromSeconds: 10, toSeconds: 70 });
  });

  it('soak offers the standard rate for an hour and compares the first and last windows of the hold', () => {
    const soak = byId('soak_workload');
    expect(soak.profile.loadModel).to.include({ kind: 'open', users: 10, rateRps: 6.667, poolUsers: 14 });
    expect(soak.profile.durationSeconds).to.equal(3600);
    expect(soak.soak).to.deep.equal({
      windowSeconds: 300,
      maxP95Drift: 0.2,
      maxErrorRateGrowth: 0.01,
      firstWindow: { fromSeconds: 60, toSeconds: 360 },
      lastWindow: { fromSeconds: 3360, toSeconds: 3660 },
    });
    expect(soak.targets).to.have.length(19);
  });

  it('mixed weights operations by category and judges throughput at 95 % of the rate it offers', () => {
    const mixed = byId('mixed_workload');
    const weight = (id: string) => mixed.targets.find((target) => target.operationId === id)!.weight;
    expect([weight('loginUser'), weight('getPetById'), weight('addPet'), weight('uploadFile')]).to.deep.equal([4, 3, 2, 1]);
    expect(mixed.criteria.minThroughputRps).to.be.closeTo(mixed.profile.targetRps! * 0.95, 0.001);
  });

  it("every open-model test case agrees with Little's law: its users in flight carry its rate up to the p95 limit", () => {
    for (const testCase of plan.testCases.filter((candidate) => candidate.profile.loadModel?.kind === 'open')) {
      const model = testCase.profile.loadModel!;
      const rate = testCase.profile.targetRps!;
      expect(model.rateRps, testCase.id).to.equal(rate);
      expect(testCase.profile.virtualUsers, testCase.id).to.be.at.least(rate * (model.p95Ms / 1000 + model.thinkTimeSeconds) - 1e-9);
      expect(Math.max(...testCase.profile.stages.map((stage) => stage.target)), testCase.id).to.equal(testCase.profile.virtualUsers);
      expect(testCase.criteria.minThroughputRps, testCase.id).to.be.at.most(rate);
      expect(testCase.criteria.throughputWindow, testCase.id).to.not.equal(undefined);
    }
  });
});
