import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { hostilePipeline } from '../../../test/helpers/hostile-pipeline.js';

/** Strings shaped like the in-band markers of the wire form's holes (perfplan/plugin), old forms and new. */
const MARKER_LIKE = ['PERFPLANSUBST0X', 'PERFPLANSUBST99X', 'PERFPLANSUBST0N0X', 'PERFPLANSUBST1N0X', 'PERFPLANHOLE0N0X', 'PERFPLANHOLE1N0X'];

/** POST /items returns an id that GET /items/{id} takes: a workflow step with a substitution. */
function spec(): Record<string, unknown> {
  const text = (example: string) => ({ type: 'string', example });
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/items': {
        post: {
          operationId: 'createItem',
          // `note`, not `name`: a name varies per iteration (its value then comes from the feeder file).
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { note: text(MARKER_LIKE.join(' ')) } } } } },
          responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: text('a1') } } } } } },
        },
      },
      '/items/{id}': {
        get: {
          operationId: 'getItem',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: text('a1') },
            { name: 'q', in: 'query', required: true, schema: text(MARKER_LIKE.join('')) },
            { name: 'X-Tag', in: 'header', required: true, schema: text(MARKER_LIKE.join(',')) },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  };
}

/** Every stringProp's decoded text in a .jmx. */
function stringProps(xml: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'stringProp') for (const prop of Array.isArray(value) ? value : [value]) found.push(String((prop as Record<string, unknown>)['#text'] ?? ''));
        else walk(value);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(xml));
  return found;
}

describe('jmeter: spec text shaped like a substitution marker', function () {
  this.timeout(60_000);

  it('stays literal text in every request, with and without workflow substitutions', async () => {
    const { pipeline } = await hostilePipeline({ engines: ['jmeter'] });
    const { files } = await pipeline.generate({ specFile: 'spec.json', document: spec() });
    const workflows = files.find((file) => file.path === 'jmeter/workflows.jmx');
    expect(workflows, 'a workflow carries the id from createItem to getItem').not.to.equal(undefined);
    for (const file of files.filter((candidate) => candidate.path.endsWith('.jmx'))) {
      const props = stringProps(file.contents).join('\n');
      expect(props, file.path).to.contain(`q=${MARKER_LIKE.join('')}`);
      expect(props, file.path).to.contain(MARKER_LIKE.join(','));
      expect(props, file.path).to.contain(JSON.stringify({ note: MARKER_LIKE.join(' ') }));
    }
    // The real substitution still happens.
    expect(stringProps(workflows!.contents).join('\n')).to.match(/\/items\/\$\{__urlencode\(\$\{wf_\w+\}\)\}/);
  });
});
