import { expect } from 'chai';
import type { TestPlan } from 'perfplan/plugin';
import { syntheticSpec } from '../../../tools/bench/synthetic-spec.js';
import { peakThreads, schedules, type GroupSchedule } from './jmeter-expressions.js';
import { itemsSpec, planFrom } from './planned.js';
import { renderJmeter } from './render-jmeter.js';

const testCaseOf = (group: GroupSchedule) => group.name.replace(/ #\d+$/, '');
const running = (groups: readonly GroupSchedule[]) => groups.filter((group) => group.threads > 0);
const totalSeconds = (plan: TestPlan, id: string) => plan.testCases.find((testCase) => testCase.id === id)!.profile.stages.reduce((sum, stage) => sum + stage.durationSeconds, 0);

/** Per test case: when its first thread group starts and its last one ends. */
function spans(groups: readonly GroupSchedule[]): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  for (const group of running(groups)) {
    const span = out.get(testCaseOf(group)) ?? { start: Number.POSITIVE_INFINITY, end: 0 };
    out.set(testCaseOf(group), { start: Math.min(span.start, group.start), end: Math.max(span.end, group.end) });
  }
  return out;
}

describe('jmeter: which test cases run, and when', function () {
  this.timeout(20_000);
  let plan: TestPlan;
  let xml: (path: string) => string;
  before(async () => {
    plan = await planFrom(itemsSpec());
    const rendered = await renderJmeter(plan);
    xml = (path) => rendered.byPath(path);
  });

  it('runs the default run\'s test cases one after another, each from its startSeconds for its whole shape', () => {
    const load = spans(schedules(xml('jmeter/load.jmx'), {}));
    const expected = plan.testCases.filter((testCase) => testCase.type === 'load');
    expect([...load.keys()]).to.deep.equal(expected.map((testCase) => testCase.id));
    for (const testCase of expected) {
      expect(load.get(testCase.id), testCase.id).to.deep.equal({ start: testCase.startSeconds, end: testCase.startSeconds + totalSeconds(plan, testCase.id) });
    }
    expect(expected.map((testCase) => testCase.startSeconds)).to.deep.equal([0, 120, 240]);
  });

  it('leaves test cases that run by name only out of the default run', () => {
    const stress = schedules(xml('jmeter/stress.jmx'), {});
    expect([...spans(stress).keys()]).to.deep.equal(['stress_system']);
    expect(stress.filter((group) => testCaseOf(group) !== 'stress_system').every((group) => group.threads === 0 && group.start === 0)).to.equal(true);
  });

  it('-JtestCase runs that test case alone, from 0, by-name ones included', () => {
    const alone = spans(schedules(xml('jmeter/stress.jmx'), { testCase: 'stress_getItem' }));
    expect([...alone.keys()]).to.deep.equal(['stress_getItem']);
    // The last users leave halfway through the 30 s ramp-down (thread-layers.ts).
    expect(alone.get('stress_getItem')).to.deep.equal({ start: 0, end: totalSeconds(plan, 'stress_getItem') - 15 });
    const third = spans(schedules(xml('jmeter/load.jmx'), { testCase: 'load_getItem' }));
    expect([...third.entries()]).to.deep.equal([['load_getItem', { start: 0, end: 120 }]]);
  });

  it('-JtimeScale scales every layer\'s delay, ramp-up and duration in proportion, each boundary within half a second', () => {
    for (const [path, testCase] of [['jmeter/stress.jmx', ''], ['jmeter/spike.jmx', ''], ['jmeter/load.jmx', '']] as const) {
      const full = running(schedules(xml(path), { testCase }));
      const scaled = running(schedules(xml(path), { testCase, timeScale: '0.05' }));
      expect(scaled.map((group) => group.name)).to.deep.equal(full.map((group) => group.name));
      full.forEach((group, index) => {
        const small = scaled[index]!;
        expect(Math.abs(small.start - group.start * 0.05), `${group.name} start`).to.be.at.most(0.5);
        expect(Math.abs(small.end - group.end * 0.05), `${group.name} end`).to.be.at.most(0.5 + 1e-9);
        expect(Math.abs(small.start + small.rampUp - (group.start + group.rampUp) * 0.05), `${group.name} ramp-up`).to.be.at.most(0.5);
        expect(small.threads).to.equal(group.threads);
      });
    }
    // The stress shape keeps its steps: 30 s ramps and 90 s holds become 1.5 s and 4.5 s.
    const steps = running(schedules(xml('jmeter/stress.jmx'), { timeScale: '0.05' })).map((group) => group.start);
    expect(steps).to.deep.equal([0, 0, 6, 12, 18, 24]);
  });

  it('starts no thread when the run check has not passed', () => {
    for (const path of ['jmeter/load.jmx', 'jmeter/stress.jmx', 'jmeter/workflows.jmx']) {
      expect(running(schedules(xml(path), { 'perfplan.ready': 'false' })), path).to.deep.equal([]);
    }
  });

  it('a 200-operation API\'s stress.jmx default run never has more than the profile\'s peak users at once', async () => {
    const big = await planFrom(syntheticSpec(200), { types: ['stress'] });
    const system = big.testCases.find((testCase) => testCase.id === 'stress_system')!;
    const peak = Math.max(...system.profile.stages.map((stage) => stage.target));
    expect(big.testCases.filter((testCase) => testCase.onlyByName)).to.have.length(200);
    const stressXml = (await renderJmeter(big)).byPath('jmeter/stress.jmx');
    const groups = schedules(stressXml, {});
    expect(peakThreads(groups)).to.equal(peak);
    expect([...spans(groups).keys()]).to.deep.equal(['stress_system']);
    // One by name: the same peak, and only its own users.
    const alone = schedules(stressXml, { testCase: big.testCases[200]!.id });
    expect(peakThreads(alone)).to.equal(peak);
    expect([...spans(alone).keys()]).to.deep.equal([big.testCases[200]!.id]);
  });
});
