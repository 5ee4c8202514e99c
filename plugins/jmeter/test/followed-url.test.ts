import { expect } from 'chai';
import path from 'node:path';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';
import { defaultSettings } from '../../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { FIXTURES_DIR } from '../../../test/helpers/paths.js';
import { allNodes, jmxTree } from './jmx-tree.js';
import { renderJmeter } from './render-jmeter.js';

// A workflow step that follows the URL an earlier response gave (a Location header: the plan's
// `url` injection) requests that URL in JMeter as in k6 and Locust; JMeter sent the planned path.
describe('jmeter: a workflow step that follows a Location', () => {
  it('requests the URL the earlier step extracted, resolved against the base URL, not the planned path', async () => {
    const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
    const spec = path.join(FIXTURES_DIR, 'request-classes', 'wire-styles.yaml');
    const { plan } = await pipelineOf(createContainer({ plugins: entries, settings: { ...defaultSettings(), types: ['workflow'] } })).plan(spec);
    const step = plan.workflows.find((workflow) => workflow.id === 'workflow_lifecycle_notes')!.steps[1]!;
    expect(step.inject).to.deep.equal([{ variable: 'createNote_Location', to: 'url' }]);
    const { files } = await renderJmeter(plan);
    const jmx = files.find((file) => file.path === 'jmeter/workflows.jmx')!;
    const transaction = allNodes(jmxTree(jmx.contents)).find((node) => node.name === 'workflow:workflow_lifecycle_notes')!;
    const getNote = allNodes(transaction.children).find((node) => node.tag === 'HTTPSamplerProxy' && node.name === 'getNote')!;
    // The script is one function argument: JMeter gives back each ${__char(N)} as its character.
    const url = getNote.props['HTTPSampler.path']!.replace(/\$\{__char\((\d+)\)\}/g, (_all, code: string) => String.fromCharCode(Number(code)));
    expect(url.startsWith('${__groovy(String u = ')).to.equal(true);
    expect(url).to.contain("vars.get('wf_createNote_Location')");
    expect(url).to.contain("vars.get('baseUrl')");
    expect(url).not.to.contain('/notes/');
  });
});
