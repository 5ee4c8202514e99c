import { expect } from 'chai';
import { closedLoadModel, openLoadModel } from '../../src/profiles/index.js';
import { openProfile, resolveOptions, GLOBAL_DEFAULTS } from '../../src/plugin-api/index.js';

describe("load model: users, rate, think time and latency agree (Little's law)", () => {
  const standard = { users: 10, thinkTimeSeconds: 1, expectedResponseTimeMs: 500, p95Ms: 1000 };

  it('derives the open rate from users, think time and expected response time, and sizes the pool at p95 + think', () => {
    const model = openLoadModel(standard);
    expect(model.rateRps).to.equal(6.667);
    expect(model.poolUsers).to.equal(14);
    expect(model.explanation.join(' ')).to.contain('10 / (1 + 0.5) = 6.667');
  });

  it('an asked-for rate sizes the pool instead: 15 req/s at a 1 s p95 and 1 s think time needs 30 users', () => {
    const model = openLoadModel({ ...standard, rateRps: 15 });
    expect(model.rateRps).to.equal(15);
    expect(model.poolUsers).to.equal(30);
  });

  it('minThroughputRps is what the test must show: the offered rate is raised so 95 % of it reaches it', () => {
    const options = resolveOptions({ ...GLOBAL_DEFAULTS, expectedResponseTimeMs: 500, p95Ms: 1000, errorRate: 0.01 }, { minThroughputRps: 15 });
    const { profile, criteria } = openProfile('standard', 'Standard Load', options);
    expect(criteria.minThroughputRps).to.be.closeTo(15, 0.01);
    expect(profile.targetRps).to.be.closeTo(15.789, 0.001);
    expect(profile.virtualUsers).to.equal(Math.ceil(15.789 * 2));
  });

  it('a closed model gives users / (think + expected) and never sizes a pool', () => {
    const model = closedLoadModel(standard);
    expect(model.rateRps).to.equal(6.667);
    expect(model.poolUsers).to.equal(10);
  });
});
