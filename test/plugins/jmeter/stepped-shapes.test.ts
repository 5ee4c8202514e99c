import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { fixturePlan } from '../k6/fixture-plan.js';
import { renderJmeter } from './render-jmeter.js';

type Node = Record<string, unknown>;

/** Every element of a .jmx with its tag, attributes and direct stringProp values, in document order. */
function elements(xml: string): Array<{ tag: string; attrs: Record<string, string>; props: Map<string, string>; collection: string[] }> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, parseTagValue: false });
  const out: Array<{ tag: string; attrs: Record<string, string>; props: Map<string, string>; collection: string[] }> = [];
  const text = (children: unknown): string => ((children as Node[]).find((child) => '#text' in child)?.['#text'] as string | undefined) ?? '';
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((key) => key !== ':@')!;
      const children = node[tag] as Node[];
      const attrs = (node[':@'] ?? {}) as Record<string, string>;
      if (attrs.testclass !== undefined) {
        const props = new Map<string, string>();
        const collection: string[] = [];
        for (const child of children) {
          const childTag = Object.keys(child).find((key) => key !== ':@')!;
          const childAttrs = (child[':@'] ?? {}) as Record<string, string>;
          if (childTag === 'stringProp') props.set(childAttrs.name!, text(child[childTag]));
          if (childTag === 'collectionProp') for (const entry of child[childTag] as Node[]) if ('stringProp' in entry) collection.push(text(entry.stringProp));
        }
        out.push({ tag, attrs, props, collection });
      }
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(parser.parse(xml) as Node[]);
  return out;
}

/**
 * What JMeter makes of a num_threads value: __P(name,default) from `properties`, then __jexl3
 * with JEXL's integer arithmetic (checked against commons-jexl3 3.2.1 as JMeter 5.6.3 ships it).
 */
function threadsFor(value: string, properties: Record<string, string>): number {
  let text = value;
  for (let guard = 0; text.includes('${__P(') && guard < 10; guard++) {
    text = text.replace(/\$\{__P\(([^,()]+),([^${}]*)\)\}/g, (_, name: string, fallback: string) => properties[name] ?? fallback);
  }
  const jexl = /^\$\{__jexl3\((.*)\)\}$/.exec(text);
  if (!jexl) return Number(text);
  const expression = jexl[1]!.replace(/\d+/g, (digits) => `${digits}n`);
  return Number(new Function(`return (${expression});`)() as bigint);
}

describe('jmeter: stepped load shapes', () => {
  it('writes the samplers of a stepped test case once, in a Test Fragment that each layer runs by its exact node path', async () => {
    const xml = (await renderJmeter(fixturePlan())).byPath('jmeter/spike.jmx');
    const all = elements(xml);
    const plan = all.find((element) => element.tag === 'TestPlan')!;
    const fragment = all.find((element) => element.tag === 'TestFragmentController')!;
    const controller = all[all.indexOf(fragment) + 1]!;
    expect(controller.tag).to.equal('GenericController');
    expect(all.filter((element) => element.tag === 'HTTPSamplerProxy')).to.have.length(1);
    const modules = all.filter((element) => element.tag === 'ModuleController');
    expect(modules).to.have.length(2);
    for (const module of modules) {
      // JMeter resolves the path by names, from the test plan down (the first entry is the tree's root).
      expect(module.collection).to.deep.equal(['Test Plan', plan.attrs.testname, fragment.attrs.testname, controller.attrs.testname]);
    }
  });

  it('scales every layer by -Jusers (the peak), keeping at least one user per layer', async () => {
    const xml = (await renderJmeter(fixturePlan())).byPath('jmeter/spike.jmx');
    const groups = elements(xml).filter((element) => element.tag === 'ThreadGroup');
    const threads = (properties: Record<string, string>) => groups.map((group) => threadsFor(group.props.get('ThreadGroup.num_threads')!, properties));
    // Baseline 10 users, then 40 more for the spike: a peak of 50.
    expect(threads({})).to.deep.equal([10, 40]);
    expect(threads({ users: '1' }), 'a smoke run').to.deep.equal([1, 1]);
    expect(threads({ users: '25' })).to.deep.equal([5, 20]);
    expect(threads({ users: '25', 'spike_listPets.users': '500' }), 'the test case property wins').to.deep.equal([100, 400]);
  });
});
