import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { defaultSettings } from '../../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { syntheticSpec } from '../../../tools/bench/synthetic-spec.js';
import { allocateScenarioNames } from '../src/identifiers.js';
import { fixturePlan } from './fixture-plan.js';
import { importScript, installK6Stub, resetRecorder } from './k6-stub.js';
import { renderK6, writeFiles } from './render-k6.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';

type Scenario = { executor: string; startTime?: string; maxVUs?: number; startVUs?: number; stages: Array<{ duration: string; target: number }> };
type Options = { scenarios: Record<string, Scenario>; thresholds: Record<string, string[]> };

const ENV = { BASE_URL: 'http://127.0.0.1:9', AUTH_BEARER_TOKEN: 't' };

/** Milliseconds of a k6 duration as the scripts write them ("30s", "1500ms"). */
function ms(duration: string | undefined): number {
  const match = /^(\d+)(ms|s)$/.exec(duration ?? '0s');
  expect(match, `duration ${duration}`).not.to.equal(null);
  return Number(match![1]) * (match![2] === 's' ? 1000 : 1);
}

/** The most users of a scenario at any moment: an arrival-rate pool, else the highest stage target. */
function peakUsers(scenario: Scenario): number {
  if (scenario.executor === 'ramping-arrival-rate') return scenario.maxVUs ?? 0;
  return Math.max(scenario.startVUs ?? 0, ...scenario.stages.map((stage) => stage.target));
}

/**
 * The most users active at once over a run: each scenario holds its peak from its startTime to
 * the end of its stages (an upper bound of what k6 runs), summed over the scenarios that overlap.
 */
function concurrentPeak(options: Options): number {
  const events: Array<{ at: number; delta: number }> = [];
  for (const scenario of Object.values(options.scenarios)) {
    const start = ms(scenario.startTime);
    const end = start + scenario.stages.reduce((sum, stage) => sum + ms(stage.duration), 0);
    events.push({ at: start, delta: peakUsers(scenario) }, { at: end, delta: -peakUsers(scenario) });
  }
  // Half-open intervals: a scenario that ends when the next starts does not overlap it.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let peak = 0;
  for (const event of events) {
    now += event.delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

async function planOf(operations: number): Promise<TestPlan> {
  const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
  const pipeline = pipelineOf(createContainer({ plugins: entries, settings: defaultSettings() }));
  return (await pipeline.plan('synthetic.json', syntheticSpec(operations))).plan;
}

describe('k6 renderer: schedule, time scale and safe target of the generated options', function () {
  this.timeout(20000);
  const dirs: string[] = [];
  let fixtureDir: string;

  before(async () => {
    fixtureDir = writeFiles((await renderK6(fixturePlan())).files);
    dirs.push(fixtureDir);
  });
  beforeEach(() => resetRecorder());
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A script's module as k6 evaluates it at init, in a fresh copy of `dir` (lib/scenarios.js reads TIME_SCALE once per load). */
  async function load<T = { options: Options }>(dir: string, script: string, env: Record<string, string>): Promise<T> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-k6-schedule-'));
    dirs.push(copy);
    fs.cpSync(dir, copy, { recursive: true });
    installK6Stub(copy);
    return importScript<T>(path.join(copy, 'k6', script), env);
  }

  async function failureOf(dir: string, script: string, env: Record<string, string>): Promise<Error> {
    try {
      await load(dir, script, env);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`${script} started with ${JSON.stringify(env)}`);
  }

  describe('a 200-operation spec', () => {
    let plan: TestPlan;
    let dir: string;

    before(async () => {
      plan = await planOf(200);
      dir = writeFiles((await renderK6(plan)).files);
      dirs.push(dir);
    });

    it('stress.js by default runs only the system-wide case: never more than the profile\'s peak users at once', async () => {
      const { options } = await load(dir, 'stress.js', ENV);
      const system = plan.testCases.find((testCase) => testCase.id === 'stress_system')!;
      expect(plan.testCases.filter((testCase) => testCase.type === 'stress')).to.have.length(201);
      expect(Object.keys(options.scenarios)).to.deep.equal(['stress_system']);
      expect(concurrentPeak(options)).to.equal(system.profile.virtualUsers);
      expect(system.profile.virtualUsers).to.equal(1000);
      // A per-operation case runs alone, by name, at once.
      const one = (await load(dir, 'stress.js', { ...ENV, SCENARIO: 'stress_listResource0s' })).options;
      expect(Object.keys(one.scenarios)).to.deep.equal(['stress_listResource0s']);
      expect(one.scenarios.stress_listResource0s.startTime).to.equal('0s');
      expect(concurrentPeak(one)).to.equal(1000);
    });

    it('load.js runs its 200 test cases one after another: at most one pool at once, each starting where the one before ends', async () => {
      const { options } = await load(dir, 'load.js', ENV);
      const scenarios = Object.values(options.scenarios);
      expect(scenarios).to.have.length(200);
      expect(concurrentPeak(options)).to.equal(Math.max(...scenarios.map(peakUsers)));
      let next = 0;
      for (const scenario of scenarios) {
        expect(ms(scenario.startTime)).to.equal(next);
        next += scenario.stages.reduce((sum, stage) => sum + ms(stage.duration), 0);
      }
      for (const type of ['spike.js', 'soak.js', 'mixed.js', 'workflows.js']) {
        const each = (await load(dir, type, ENV)).options;
        expect(concurrentPeak(each), type).to.equal(Math.max(...Object.values(each.scenarios).map(peakUsers)));
      }
    });

    it('paces open models at targetRps x the stages\' users / the pool, with a pool of exactly the planned users', async () => {
      const { options } = await load(dir, 'load.js', ENV);
      for (const testCase of plan.testCases.filter((candidate) => candidate.type === 'load')) {
        const scenario = options.scenarios[testCase.id] as Scenario & { preAllocatedVUs: number; timeUnit: string };
        expect(scenario.executor).to.equal('ramping-arrival-rate');
        expect([scenario.preAllocatedVUs, scenario.maxVUs]).to.deep.equal([testCase.profile.virtualUsers, testCase.profile.virtualUsers]);
        const unit = { '1s': 1, '1m': 60, '1h': 3600 }[scenario.timeUnit]!;
        scenario.stages.forEach((stage, index) => {
          const wanted = (testCase.profile.targetRps! * testCase.profile.stages[index].target) / testCase.profile.virtualUsers;
          expect(stage.target / unit).to.be.closeTo(wanted, wanted * 0.001 + 1e-9);
        });
      }
    });
  });

  it('scales every stage, startTime and count threshold by TIME_SCALE, and nothing else', async () => {
    const plan = fixturePlan();
    for (const script of ['load.js', 'stress.js', 'spike.js', 'soak.js', 'mixed.js', 'workflows.js']) {
      const cases = plan.testCases.filter((testCase) => `${testCase.type === 'workflow' ? 'workflows' : testCase.type}.js` === script);
      const names = allocateScenarioNames(cases.map((testCase) => testCase.id));
      const selections = names.filter((_, index) => cases[index].onlyByName || cases[index].startSeconds > 0).map((name) => ({ SCENARIO: name }));
      for (const scenarioEnv of [{}, ...selections]) {
        const planned = (await load(fixtureDir, script, { ...ENV, ...scenarioEnv })).options;
        const scaled = (await load(fixtureDir, script, { ...ENV, ...scenarioEnv, TIME_SCALE: '0.05' })).options;
        expect(Object.keys(scaled.scenarios), script).to.deep.equal(Object.keys(planned.scenarios));
        for (const [name, scenario] of Object.entries(planned.scenarios)) {
          const testCase = cases[names.indexOf(name)];
          expect(ms(scenario.startTime), name).to.equal('SCENARIO' in scenarioEnv ? 0 : testCase.startSeconds * 1000);
          expect(ms(scaled.scenarios[name].startTime), name).to.equal(Math.round(ms(scenario.startTime) * 0.05));
          expect(scenario.stages.map((stage) => ms(stage.duration))).to.deep.equal(testCase.profile.stages.map((stage) => stage.durationSeconds * 1000));
          expect(scaled.scenarios[name].stages.map((stage) => ms(stage.duration))).to.deep.equal(testCase.profile.stages.map((stage) => Math.round(stage.durationSeconds * 50)));
          expect(scaled.scenarios[name].stages.map((stage) => stage.target)).to.deep.equal(scenario.stages.map((stage) => stage.target));
          const window = testCase.criteria.throughputWindow;
          const counts = (options: Options) => Object.entries(options.thresholds).filter(([metric]) => metric.startsWith(`http_reqs{scenario:${name},`));
          if (testCase.type === 'workflow' || testCase.criteria.minThroughputRps <= 0 || window === undefined) {
            expect(counts(planned), name).to.deep.equal([]);
            continue;
          }
          const seconds = window.toSeconds - window.fromSeconds;
          expect(counts(planned), name).to.deep.equal([[`http_reqs{scenario:${name},throughput:${name.startsWith('spike') ? 'baseline' : 'hold'}}`, [`count>=${Math.floor(testCase.criteria.minThroughputRps * seconds)}`]]]);
          expect(counts(scaled)[0][1], name).to.deep.equal([`count>=${Math.floor(testCase.criteria.minThroughputRps * seconds * 0.05 + 1e-9)}`]);
        }
        // Latency limits and rates are not scaled.
        const latency = (options: Options) => Object.entries(options.thresholds).filter(([metric]) => !metric.startsWith('http_reqs'));
        expect(latency(scaled)).to.deep.equal(latency(planned));
      }
    }
  });

  it('tags requests with the windows they start in, at the scaled times', async () => {
    const script = await load<Record<string, (session?: unknown) => void>>(fixtureDir, 'spike.js', { ...ENV, TIME_SCALE: '0.5' });
    const k6 = resetRecorder();
    // Planned windows: baseline 10-70 s, spike 70-191 s, recovered 251-372 s; at scale 0.5 half of each.
    for (const elapsed of [4, 5, 34.9, 35, 95.4, 95.5, 125.5, 186]) {
      k6.elapsedSeconds = elapsed;
      script.spike_listPets();
    }
    expect(k6.calls.map((call) => call.params.tags)).to.deep.equal([
      { name: 'listPets' },
      { name: 'listPets', throughput: 'baseline' },
      { name: 'listPets', throughput: 'baseline' },
      { name: 'listPets', phase: 'spike' },
      { name: 'listPets', phase: 'spike' },
      { name: 'listPets' },
      { name: 'listPets', phase: 'recovered' },
      { name: 'listPets' },
    ]);
  });

  it('refuses a TIME_SCALE that is not a positive number at init, naming it and what to do', async () => {
    for (const bad of ['abc', '0', '-1', '0x10', '1,5', 'Infinity', '1e999']) {
      const error = await failureOf(fixtureDir, 'load.js', { ...ENV, TIME_SCALE: bad });
      expect(error.message).to.equal(
        `TIME_SCALE must be a positive number such as 0.05 (got "${bad}"): every stage, start time and judged window is multiplied by it. Run k6 with -e TIME_SCALE=0.05, or leave it unset for 1.`,
      );
    }
    for (const good of ['', '1', '0.05', '.5', '2e-2', ' 3 ']) expect((await load(fixtureDir, 'load.js', { ...ENV, TIME_SCALE: good })).options).to.have.property('scenarios');
  });

  it('takes the planned time scale as the default', async () => {
    const dir = writeFiles((await renderK6({ ...fixturePlan(), timeScale: 0.1 })).files);
    dirs.push(dir);
    const { options } = await load(dir, 'load.js', ENV);
    expect(options.scenarios.load_rate.startTime).to.equal('60s');
    expect(options.scenarios.load_rate.stages.map((stage) => stage.duration)).to.deep.equal(['3s', '6s', '3s']);
    expect((await load(dir, 'load.js', { ...ENV, TIME_SCALE: '1' })).options.scenarios.load_rate.startTime).to.equal('600s');
  });

  it('runs by default every test case not marked onlyByName, and any one by name at once', async () => {
    const all = (await load(fixtureDir, 'stress.js', ENV)).options;
    expect(Object.keys(all.scenarios)).to.deep.equal(['stress_system']);
    expect(Object.keys(all.thresholds).every((metric) => metric.includes('scenario:stress_system'))).to.equal(true);
    const byName = (await load(fixtureDir, 'stress.js', { ...ENV, SCENARIO: 'stress_listPets' })).options;
    expect(Object.keys(byName.scenarios)).to.deep.equal(['stress_listPets']);
    expect(Object.keys(byName.thresholds)).to.deep.equal(['http_req_duration{scenario:stress_listPets,latency:recovery}', 'http_req_failed{scenario:stress_listPets,latency:recovery}']);
    const second = (await load(fixtureDir, 'workflows.js', { ...ENV, SCENARIO: 'workflow_signup' })).options;
    expect(second.scenarios.workflow_signup.startTime).to.equal('0s');
    expect((await load(fixtureDir, 'workflows.js', ENV)).options.scenarios.workflow_signup.startTime).to.equal('120s');
  });

  it('refuses to start without BASE_URL when a selected test case requires a chosen base URL, before any request', async () => {
    const env = { AUTH_BEARER_TOKEN: 't' };
    const message =
      "BASE_URL is not set: stress tests never run against the spec's server (http://localhost:4010/api/v1/) by default. Set BASE_URL=https://your-test-server (k6: k6 run -e BASE_URL=https://your-test-server k6/stress.js).";
    expect((await failureOf(fixtureDir, 'stress.js', env)).message).to.equal(message);
    expect((await failureOf(fixtureDir, 'stress.js', { ...env, BASE_URL: '' })).message).to.equal(message);
    expect((await failureOf(fixtureDir, 'stress.js', { ...env, SCENARIO: 'stress_listPets' })).message).to.equal(message);
    expect((await failureOf(fixtureDir, 'soak.js', env)).message).to.match(/^BASE_URL is not set: soak tests never run against/);
    expect((await load(fixtureDir, 'stress.js', { ...env, BASE_URL: 'http://127.0.0.1:9' })).options.scenarios).to.have.property('stress_system');
    // Test cases that do not require it run against the default base URL.
    expect((await load(fixtureDir, 'load.js', env)).options.scenarios).to.have.property('load_listPets');
    expect(globalThis.__k6!.calls).to.deep.equal([]);
  });

  it('names a load test\'s own reason when the spec\'s server is not a loopback address', async () => {
    const plan = fixturePlan();
    plan.defaultBaseUrlSource = 'spec';
    plan.defaultBaseUrl = 'https://api.example.com/"x"';
    plan.testCases = plan.testCases.map((testCase) => ({ ...testCase, requiresChosenBaseUrl: true }));
    const dir = writeFiles((await renderK6(plan)).files);
    dirs.push(dir);
    expect((await failureOf(dir, 'load.js', { AUTH_BEARER_TOKEN: 't' })).message).to.equal(
      'BASE_URL is not set: load tests run against the spec\'s server (https://api.example.com/"x") only when it is a loopback address. Set BASE_URL=https://your-test-server (k6: k6 run -e BASE_URL=https://your-test-server k6/load.js).',
    );
  });
});
