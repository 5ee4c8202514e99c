import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jmeterValue } from '../src/jmeter-text.js';
import { threadLayers } from '../src/thread-layers.js';
import { CONTROL, HOSTILE, hostilePlan } from './hostile-plan.js';
import { jmeterEvaluate } from './jmeter-semantics.js';
import { renderJmeter } from './render-jmeter.js';

interface Prop {
  name: string;
  value: string;
}

/** Every stringProp (name, decoded text) and every testname of a .jmx. */
function properties(xml: string): Prop[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false, parseTagValue: false, processEntities: true, htmlEntities: true });
  const tree = parser.parse(xml) as unknown[];
  const out: Prop[] = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes) {
      const record = node as Record<string, unknown>;
      const attrs = (record[':@'] ?? {}) as Record<string, string>;
      if (attrs['@testname'] !== undefined) out.push({ name: 'testname', value: attrs['@testname'] });
      for (const [tag, children] of Object.entries(record)) {
        if (tag === ':@' || !Array.isArray(children)) continue;
        if (tag === 'stringProp') {
          const textNode = (children as Array<Record<string, string>>).find((child) => '#text' in child);
          out.push({ name: attrs['@name'] ?? '', value: textNode ? textNode['#text']! : '' });
        } else walk(children);
      }
    }
  };
  walk(tree);
  return out;
}

/** Our own references the renderer may write; anything else evaluated by JMeter is a leak. */
function allowed(reference: string): string | undefined {
  if (/^(baseUrl|HOSTILE_SETTING|perfplan_iteration|perfplan_refused|wf_\w+|AUTH_\w+)$/.test(reference)) return `«${reference}»`;
  if (/^__(P|urlencode|jexl3|groovy)\(/.test(reference)) return `«fn»`;
  return undefined;
}

describe('jmeter renderer', () => {
  it('writes one .jmx per test type, as JMeter 5.6 saves them', async () => {
    const rendered = await renderJmeter(hostilePlan());
    expect(rendered.files.map((file) => file.path)).to.deep.equal(['jmeter/load.jmx']);
    const xml = rendered.byPath('jmeter/load.jmx');
    expect(XMLValidator.validate(xml)).to.equal(true);
    expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">\n  <hashTree>\n    <TestPlan guiclass="TestPlanGui" testclass="TestPlan"/);
    for (const element of [
      'ThreadGroup guiclass="ThreadGroupGui"',
      'SetupThreadGroup guiclass="SetupThreadGroupGui"',
      'DebugSampler guiclass="TestBeanGUI"',
      'JSR223Assertion guiclass="TestBeanGUI"',
      'HTTPSamplerProxy guiclass="HttpTestSampleGui"',
      'ResponseAssertion guiclass="AssertionGui"',
      'ConfigTestElement guiclass="HttpDefaultsGui"',
      'HeaderManager guiclass="HeaderPanel"',
    ]) {
      expect(xml).to.include(`<${element}`);
    }
    expect(xml.endsWith('</jmeterTestPlan>\n')).to.equal(true);
  });

  it('is deterministic', async () => {
    const first = await renderJmeter(hostilePlan());
    const second = await renderJmeter(hostilePlan());
    expect(first.byPath('jmeter/load.jmx')).to.equal(second.byPath('jmeter/load.jmx'));
  });

  it('keeps every hostile string as text: XML-escaped, and nothing of it evaluated by JMeter', async () => {
    const rendered = await renderJmeter(hostilePlan());
    const xml = rendered.byPath('jmeter/load.jmx');
    expect(xml).not.to.include(']]></stringProp><x');
    expect(xml).not.to.include('${__groovy(System');
    expect(xml).not.to.include('${__P(x)}');
    const evaluated = properties(xml).map((prop) => ({ ...prop, text: jmeterEvaluate(prop.value, allowed) }));
    const texts = evaluated.map((prop) => prop.text);
    // The text body and the test plan name come back exactly as the spec wrote them.
    expect(texts).to.include(HOSTILE);
    expect(texts.some((entry) => entry.startsWith(`Load ${HOSTILE}. Because ${HOSTILE} `)), 'the thread group comment').to.equal(true);
    expect(texts).to.include(`API ${HOSTILE} 1.0`.replace(/^/, 'Load tests: '));
    const json = evaluated.find((prop) => prop.name === 'Argument.value' && prop.text.startsWith('{"text"'));
    expect(json, 'the JSON body').not.to.equal(undefined);
    expect(JSON.parse(json!.text)).to.deep.equal({ text: HOSTILE, control: CONTROL, list: [HOSTILE] });
    const url = evaluated.find((prop) => prop.name === 'HTTPSampler.path' && prop.text.includes('/echo/') && prop.text.includes('?q='));
    expect(decodeURIComponent(url!.text.split('?q=')[1]!)).to.equal(HOSTILE);
    expect(decodeURIComponent(url!.text.split('/echo/')[1]!.split('?')[0]!)).to.equal(HOSTILE);
    const header = evaluated.find((prop) => prop.name === 'Header.value' && prop.text.startsWith(']]>'));
    // Control characters no header may hold are spaces, as k6 and Locust send them (the kit's wire form).
    expect(header!.text).to.equal(HOSTILE.replace(/[\r\n]/g, ' ').replace(/[\u0000-\u001f\u007f]+/g, ' '));
  });

  it('reports values XML 1.0 cannot carry', async () => {
    const rendered = await renderJmeter(hostilePlan());
    expect(rendered.diagnostics.map((diagnostic) => diagnostic.code)).to.include('jmeter/xml-unrepresentable');
    expect(rendered.byPath('jmeter/load.jmx')).not.to.match(/[\u0000\u0007]/);
  });

  it('escapes ${ and backslashes only where JMeter would evaluate the value', () => {
    expect(jmeterValue('plain \\ text')).to.equal('plain \\ text');
    expect(jmeterValue('a ${b} \\c')).to.equal('a ${__char(36)}{b} \\\\c');
    expect(jmeterValue([{ ref: '${baseUrl}' }, { text: '/p\\q' }])).to.equal('${baseUrl}/p\\\\q');
    expect(jmeterEvaluate(jmeterValue('a ${b} \\c $'), allowed)).to.equal('a ${b} \\c $');
  });

  it('stacks thread groups that follow a stepped load shape', () => {
    const layers = threadLayers([
      { durationSeconds: 10, target: 10 },
      { durationSeconds: 60, target: 10 },
      { durationSeconds: 2, target: 50 },
      { durationSeconds: 100, target: 50 },
      { durationSeconds: 2, target: 10 },
      { durationSeconds: 100, target: 10 },
      { durationSeconds: 10, target: 0 },
    ]);
    expect(layers).to.deep.equal([
      { threads: 10, delay: 0, rampUp: 10, duration: 279 },
      { threads: 40, delay: 70, rampUp: 2, duration: 103 },
    ]);
  });
});
