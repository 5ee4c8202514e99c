import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import jmeterRenderer from '../src/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { HOSTILE, hostilePlan } from './hostile-plan.js';
import { syntheticSpec } from '../../../tools/bench/synthetic-spec.js';
import { evaluate, threadGroups } from './jmeter-expressions.js';
import { itemsSpec, planFrom } from './planned.js';
import { renderJmeter } from './render-jmeter.js';

type Node = Record<string, unknown>;

/** Elements of a .jmx by tag: their testname and stringProp values. */
function elementsByTag(xml: string, tag: string): Array<{ name: string; props: Map<string, string> }> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, parseTagValue: false });
  const out: Array<{ name: string; props: Map<string, string> }> = [];
  const text = (children: unknown): string => ((children as Node[]).find((child) => '#text' in child)?.['#text'] as string | undefined) ?? '';
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const key = Object.keys(node).find((candidate) => candidate !== ':@')!;
      const children = node[key] as Node[];
      if (key === tag) {
        const props = new Map<string, string>();
        for (const child of children) if ('stringProp' in child) props.set(((child[':@'] ?? {}) as Record<string, string>).name!, text(child.stringProp));
        out.push({ name: ((node[':@'] ?? {}) as Record<string, string>).testname!, props });
      }
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(parser.parse(xml) as Node[]);
  return out;
}

/** The Argument values of the test plan's User Defined Variables, by name. */
function variables(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of xml.matchAll(/<stringProp name="Argument\.name">([^<]*)<\/stringProp>\s*<stringProp name="Argument\.value">([^<]*)<\/stringProp>/g)) out.set(match[1]!, match[2]!);
  return out;
}

function scripts(xml: string): string[] {
  return ['JSR223Assertion', 'JSR223Timer'].flatMap((tag) => elementsByTag(xml, tag).map((element) => element.props.get('script')!));
}

describe('jmeter: the run check, pacing and assertions', function () {
  this.timeout(20_000);
  let items: TestPlan;
  before(async () => {
    items = await planFrom(itemsSpec());
  });

  it('checks the run in a setUp thread group whose Groovy is fixed text: the plan reaches it only as variables', async () => {
    const hostile = await renderJmeter(hostilePlan());
    const rendered = await renderJmeter(items);
    const all = [...hostile.files, ...rendered.files].flatMap((file) => scripts(file.contents));
    expect(all.length).to.be.greaterThan(rendered.files.length);
    expect(new Set(all).size, 'one run check, one arrivals timer and one workflow value check, whatever the plan').to.equal(3);
    for (const script of all) {
      expect(script).not.to.include('${');
      expect(script).not.to.include(HOSTILE.slice(0, 12));
    }
    const stress = rendered.byPath('jmeter/stress.jmx');
    expect(elementsByTag(stress, 'SetupThreadGroup').map((group) => group.name)).to.deep.equal(['perfplan run check']);
    expect(elementsByTag(stress, 'DebugSampler').map((sampler) => sampler.name)).to.deep.equal(['perfplan:run', 'perfplan:start']);
    const data = variables(stress);
    expect(data.get('perfplan.file')).to.equal('jmeter/stress.jmx');
    expect(data.get('perfplan.defaultRun')).to.equal('stress_system');
    expect(data.get('perfplan.byName')).to.equal('stress_listItems stress_createItem stress_getItem');
    expect(data.get('perfplan.needsBaseUrl')).to.equal('stress_system stress_listItems stress_createItem stress_getItem');
    expect(data.get('perfplan.specServer')).to.equal('http://127.0.0.1:9/api');
    expect(variables(rendered.byPath('jmeter/load.jmx')).get('perfplan.needsBaseUrl'), 'a loopback spec server is safe for load tests').to.equal('');
    // The stop: a Flow Control Action stopping the whole test when the check refused.
    expect(stress).to.match(/<IfController [^>]*testname="Refused">\s*<stringProp name="IfController.condition">\$\{perfplan_refused\}<\/stringProp>/);
    expect(stress).to.match(/<TestAction [^>]*testname="Stop the test">\s*<intProp name="ActionProcessor.action">0<\/intProp>\s*<intProp name="ActionProcessor.target">2<\/intProp>/);
  });

  it('sets the run\'s start after a lead that lets JMeter start every thread group first, and marks it with a sample', async () => {
    const rendered = await renderJmeter(items);
    for (const file of rendered.files.filter((candidate) => candidate.path.endsWith('.jmx'))) {
      const groups = threadGroups(file.contents);
      const start = groups.find((group) => group.name === 'perfplan run start')!;
      expect(groups.indexOf(start), 'the first main thread group').to.equal(0);
      const lead = Math.max(1, Math.ceil((groups.length - 1) * 0.005));
      expect(start.props.get('ThreadGroup.delay'), file.path).to.equal(String(lead));
      const world = { properties: { 'perfplan.ready': 'true' } as Record<string, string>, nowMs: 5_000 };
      expect(evaluate(start.props.get('ThreadGroup.num_threads')!, world)).to.equal('1');
      expect(world.properties['perfplan.start']).to.equal(String(5_000 + lead * 1000));
    }
    const big = await renderJmeter(await planFrom(syntheticSpec(200), { types: ['stress'] }));
    expect(threadGroups(big.byPath('jmeter/stress.jmx'))[0]!.props.get('ThreadGroup.delay'), '1,206 thread groups').to.equal('7');
  });

  it('paces open-model test cases with the arrivals timer, its parameters only the id and numbers of the shape', async () => {
    const rendered = await renderJmeter(items);
    const timers = elementsByTag(rendered.byPath('jmeter/load.jmx'), 'JSR223Timer');
    expect(timers.map((timer) => timer.props.get('parameters'))).to.deep.equal([
      'perfplan-warm-up 0 1000000 1 1:1',
      'load_listItems 0 16.667 26 30:26 60:26 30:0',
      'load_createItem 120 6.667 14 30:14 60:14 30:0',
      'load_getItem 240 6.667 14 30:14 60:14 30:0',
    ]);
    // Closed models keep their users and think time: no arrivals timer.
    expect(elementsByTag(rendered.byPath('jmeter/stress.jmx'), 'JSR223Timer')).to.deep.equal([]);
    expect(elementsByTag(rendered.byPath('jmeter/stress.jmx'), 'ConstantTimer').length).to.be.greaterThan(0);
  });

  it('asserts no response time unless the test case has a max criterion: slow responses are not errors', async () => {
    const plain = (await renderJmeter(hostilePlan())).byPath('jmeter/load.jmx');
    expect(elementsByTag(plain, 'DurationAssertion')).to.deep.equal([]);
    const plan = hostilePlan();
    plan.testCases[0] = { ...plan.testCases[0]!, criteria: { ...plan.testCases[0]!.criteria, maxMs: 1500 } };
    const withMax = elementsByTag((await renderJmeter(plan)).byPath('jmeter/load.jmx'), 'DurationAssertion');
    expect(withMax.map((assertion) => [assertion.name, assertion.props.get('DurationAssertion.duration')])).to.deep.equal([['Max response time (criteria.maxMs)', '${__P(maxResponseMs,1500)}']]);
  });

  it('says how to run each file: the default run, one test case by name, the time scale, the base URL, and the verdict', async () => {
    await renderJmeter(items);
    const steps = jmeterRenderer.instructions!(items);
    const commands = steps.map((step) => step.command);
    expect(commands).to.include('jmeter -n -t jmeter/load.jmx -JbaseUrl=http://127.0.0.1:9/api -l results-load.jtl');
    expect(commands).to.include('jmeter -n -t jmeter/stress.jmx -JbaseUrl=https://your-test-server -l results-stress.jtl');
    expect(commands).to.include('jmeter -n -t jmeter/stress.jmx -JtestCase=stress_listItems -JbaseUrl=https://your-test-server -l results-stress.jtl');
    expect(commands).to.include('jmeter -n -t jmeter/load.jmx -JbaseUrl=http://127.0.0.1:9/api -JtimeScale=0.05 -l results-load.jtl');
    expect(commands).to.include('perfplan evaluate --engine jmeter --plan plan.json results-stress.jtl --junit results-stress.xml');
    for (const step of steps) expect(step.description.length, step.description).to.be.at.most(160);
    const comment = elementsByTag((await renderJmeter(items)).byPath('jmeter/stress.jmx'), 'TestPlan')[0]!.props.get('TestPlan.comments')!;
    expect(comment).to.include('Default run: jmeter -n -t jmeter/stress.jmx -JbaseUrl=https://your-test-server');
    expect(comment).to.include('-JtestCase=stress_listItems');
    expect(comment).to.include('-JtimeScale=0.05');
    expect(comment).to.include('perfplan evaluate --engine jmeter');
  });
});
