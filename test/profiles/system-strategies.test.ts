import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { Pipeline, PluginRegistry, defaultSettings } from '../../src/pipeline/index.js';
import type { TestPlan } from '../../src/model/index.js';
import { fixtureSpec } from '../helpers/paths.js';

describe('stress, spike, soak and mixed profiles', () => {
  let plan: TestPlan;
  before(async () => {
    const registry = new PluginRegistry([...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' })));
    plan = (await new Pipeline(registry, defaultSettings()).plan(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'))).plan;
  });
  const byId = (id: string) => plan.testCases.find((testCase) => testCase.id === id)!;

  it('plans a load, a stress and a spike test per operation, and one soak and one mixed test', () => {
    const count = (type: string) => plan.testCases.filter((testCase) => testCase.type === type).length;
    expect([count('load'), count('stress'), count('spike'), count('soak'), count('mixed')]).to.deep.equal([19, 19, 19, 1, 1]);
  });

  it('stress climbs in gradual steps to 1000 users, with the breaking point and a recovery check', () => {
    const stress = byId('stress_getPetById');
    const targets = stress.profile.stages.map((stage) => stage.target);
    expect(Math.max(...targets)).to.equal(1000);
    const holds = stress.profile.stages.filter((stage) => stage.label?.startsWith('hold step'));
    expect(holds.map((stage) => stage.target)).to.deep.equal([200, 400, 600, 800, 1000]);
    expect(stress.breakingPoint).to.deep.equal({ p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 });
    expect(stress.recovery).to.deep.equal({ users: 10, durationSeconds: 60 });
    expect(stress.profile.stages.find((stage) => stage.label === 'recovery')?.target).to.equal(10);
    const climb = stress.profile.stages.filter((stage) => stage.label?.includes('step')).reduce((total, stage) => total + stage.durationSeconds, 0);
    expect(climb).to.equal(600);
  });

  it('spike jumps from 10 to 50 users instantly, holds 120 s and recovers for 180 s', () => {
    const spike = byId('spike_getPetById');
    const stage = (label: string) => spike.profile.stages.find((candidate) => candidate.label === label)!;
    expect(stage('baseline').target).to.equal(10);
    expect(stage('spike')).to.include({ target: 50, durationSeconds: 1 });
    expect(stage('hold spike')).to.include({ target: 50, durationSeconds: 120 });
    expect(stage('recovery')).to.include({ target: 10, durationSeconds: 180 });
    expect(spike.spike).to.deep.equal({ errorRateDuringSpike: 0.05, recoverySeconds: 60 });
  });

  it('soak holds the standard users for an hour and compares first and last windows', () => {
    const soak = byId('soak_workload');
    expect(soak.profile.virtualUsers).to.equal(10);
    expect(soak.profile.durationSeconds).to.equal(3600);
    expect(soak.soak).to.deep.equal({ windowSeconds: 300, maxP95Drift: 0.2, maxErrorRateGrowth: 0.01 });
    expect(soak.targets).to.have.length(19);
  });

  it('mixed weights operations by category and paces arrivals at its throughput criterion', () => {
    const mixed = byId('mixed_workload');
    const weight = (id: string) => mixed.targets.find((target) => target.operationId === id)!.weight;
    expect([weight('loginUser'), weight('getPetById'), weight('addPet'), weight('uploadFile')]).to.deep.equal([4, 3, 2, 1]);
    expect(mixed.profile.targetRps).to.equal(mixed.criteria.minThroughputRps);
  });
});
