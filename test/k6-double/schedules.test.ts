import { expect } from 'chai';
import { durationMs } from './durations.js';
import { constantArrivalOffsets, rampingArrivalOffsets, rampingVuSteps } from './load/schedules.js';
import { planScenarios, ScenarioConfigError } from './load/scenario-config.js';

describe('k6 test double: schedules', () => {
  it('reads k6 durations: units, days, bare numbers as milliseconds', () => {
    expect(durationMs('30s')).to.equal(30_000);
    expect(durationMs('1m30s')).to.equal(90_000);
    expect(durationMs('1.5s')).to.equal(1500);
    expect(durationMs('250ms')).to.equal(250);
    expect(durationMs('1h')).to.equal(3_600_000);
    expect(durationMs('1d2h')).to.equal(93_600_000);
    expect(durationMs(1500)).to.equal(1500);
    expect(durationMs('1500')).to.equal(1500);
    expect(() => durationMs('10 seconds')).to.throw(/invalid duration "10 seconds"/);
    expect(() => durationMs('')).to.throw(/invalid duration/);
  });

  it('ramping-vus steps one VU at a time, reaching the target at the end of the stage', () => {
    const steps = rampingVuSteps(0, [
      { durationMs: 10_000, target: 10 },
      { durationMs: 5_000, target: 10 },
      { durationMs: 10_000, target: 0 },
    ]);
    expect(steps[0]).to.deep.equal({ atMs: 0, vus: 0 });
    expect(steps[1]).to.deep.equal({ atMs: 1000, vus: 1 });
    expect(steps[10]).to.deep.equal({ atMs: 10_000, vus: 10 });
    // The ramp-down drops the first VU 1 s into the stage and the last at its end.
    expect(steps[11]).to.deep.equal({ atMs: 16_000, vus: 9 });
    expect(steps.at(-1)).to.deep.equal({ atMs: 25_000, vus: 0 });
    expect(steps).to.have.length(21);
  });

  it('ramping-vus jumps at once on a stage of duration 0', () => {
    expect(rampingVuSteps(1, [{ durationMs: 0, target: 5 }, { durationMs: 1000, target: 5 }])).to.deep.equal([
      { atMs: 0, vus: 1 },
      { atMs: 0, vus: 5 },
    ]);
  });

  it('ramping-arrival-rate starts iteration n where the area under the rate reaches n: 0→15/s over 30 s, 60 s at 15/s, 30 s down is 1350 iterations', () => {
    const offsets = [...rampingArrivalOffsets(0, 1000, [
      { durationMs: 30_000, target: 15 },
      { durationMs: 60_000, target: 15 },
      { durationMs: 30_000, target: 0 },
    ])];
    expect(offsets).to.have.length(1350);
    // Rate r(t) = t/2 per second on the ramp: area t²/4 = 1 at t = 2 s; 225 iterations by 30 s.
    expect(offsets[0]).to.be.closeTo(2000, 1e-6);
    expect(offsets[224]).to.be.closeTo(30_000, 1e-6);
    expect(offsets[225]).to.be.closeTo(30_000 + 1000 / 15, 1e-6);
    expect(offsets[1124]).to.be.closeTo(90_000, 1e-6);
    expect(offsets[1349]).to.be.closeTo(120_000, 1e-6);
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]).to.be.greaterThan(offsets[i - 1]);
  });

  it('ramping-arrival-rate honours startRate and timeUnit', () => {
    // 60 per minute = 1/s, constant for 10 s: iterations at 1 s, 2 s, ..., 10 s.
    const offsets = [...rampingArrivalOffsets(60, 60_000, [{ durationMs: 10_000, target: 60 }])];
    expect(offsets).to.deep.equal([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  });

  it('constant-arrival-rate starts at 0 and every timeUnit/rate before the duration', () => {
    expect([...constantArrivalOffsets(4, 1000, 1000)]).to.deep.equal([0, 250, 500, 750]);
    expect([...constantArrivalOffsets(1, 2000, 5000)]).to.deep.equal([0, 2000, 4000]);
  });

  it("applies k6's defaults and shortcuts, and lists every invalid scenario setting (exit 104)", () => {
    const exported = new Set(['default', 'other']);
    const [shortcut] = planScenarios({ vus: 3, duration: '10s' }, exported);
    expect(shortcut).to.deep.include({ name: 'default', executor: 'constant-vus', vus: 3, durationMs: 10_000, gracefulStopMs: 30_000 });
    const [plain] = planScenarios({}, exported);
    expect(plain).to.deep.include({ name: 'default', executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDurationMs: 600_000 });
    const [arrival] = planScenarios({ scenarios: { a: { executor: 'ramping-arrival-rate', preAllocatedVUs: 2, stages: [{ duration: '1s', target: 1 }], exec: 'other' } } }, exported);
    expect(arrival).to.deep.include({ executor: 'ramping-arrival-rate', startRate: 0, timeUnitMs: 1000, preAllocatedVUs: 2, maxVUs: 2, exec: 'other' });
    let problems: string[] = [];
    try {
      planScenarios(
        {
          scenarios: {
            a: { executor: 'constant-arrival-rate', rate: 0, duration: '0.5s', preAllocatedVUs: 2, maxVUs: 1 },
            b: { executor: 'externally-controlled', vus: 1, duration: '1s' },
            c: { executor: 'shared-iterations', vus: 5, iterations: 2, exec: 'missing' },
          },
        },
        exported,
      );
    } catch (error) {
      expect(error).to.be.instanceOf(ScenarioConfigError);
      problems = (error as ScenarioConfigError).problems;
    }
    expect(problems).to.include('scenario a: the iteration rate must be more than 0');
    expect(problems).to.include('scenario a: the duration must be at least 1s');
    expect(problems).to.include("scenario a: maxVUs can't be less than preAllocatedVUs");
    expect(problems.some((problem) => problem.includes('externally-controlled'))).to.equal(true);
    expect(problems).to.include("scenario c: the number of iterations (2) can't be less than the number of VUs (5)");
    expect(problems).to.include("scenario c: function 'missing' not found in exports");
  });

  it('refuses scenarios that need more than 2000 VUs in total', () => {
    const scenarios = {
      a: { executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1, maxVUs: 1500 },
      b: { executor: 'constant-vus', vus: 501, duration: '1s' },
    };
    expect(() => planScenarios({ scenarios }, new Set(['default']))).to.throw(/need 2001 VUs in total.*refuses more than 2000/);
  });
});
