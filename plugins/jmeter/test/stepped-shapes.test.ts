import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { schedules } from './jmeter-expressions.js';
import { itemsSpec, planFrom } from './planned.js';
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

describe('jmeter: stepped load shapes', () => {
  const spikeXml = async () => (await renderJmeter(await planFrom(itemsSpec()))).byPath('jmeter/spike.jmx');

  it('writes the samplers of a stepped test case once, in a Test Fragment that each layer runs by its exact node path', async () => {
    const all = elements(await spikeXml());
    const plan = all.find((element) => element.tag === 'TestPlan')!;
    const fragments = all.filter((element) => element.tag === 'TestFragmentController');
    // The system-wide spike and one per operation, each with its fragment.
    expect(fragments).to.have.length(4);
    const fragment = fragments[0]!;
    const controller = all[all.indexOf(fragment) + 1]!;
    expect(controller.tag).to.equal('GenericController');
    const modules = all.filter((element) => element.tag === 'ModuleController' && element.collection[2] === fragment.attrs.testname);
    expect(modules).to.have.length(2);
    for (const module of modules) {
      // JMeter resolves the path by names, from the test plan down (the first entry is the tree's root).
      expect(module.collection).to.deep.equal(['Test Plan', plan.attrs.testname, fragment.attrs.testname, controller.attrs.testname]);
    }
  });

  it('scales every layer by -Jusers (the peak), keeping at least one user per layer', async () => {
    const xml = await spikeXml();
    const threads = (properties: Record<string, string>) =>
      schedules(xml, { testCase: 'spike_getItem', ...properties })
        .filter((group) => group.threads > 0)
        .map((group) => group.threads);
    // Baseline 10 users, then 40 more for the spike: a peak of 50.
    expect(threads({})).to.deep.equal([10, 40]);
    expect(threads({ users: '1' }), 'a smoke run').to.deep.equal([1, 1]);
    expect(threads({ users: '25' })).to.deep.equal([5, 20]);
    expect(threads({ users: '25', 'spike_getItem.users': '500' }), 'the test case property wins').to.deep.equal([100, 400]);
  });
});
