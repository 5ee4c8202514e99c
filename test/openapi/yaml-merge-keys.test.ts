import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/index.js';
import { parseSpecText } from '../../src/openapi/parse-text.js';
import { tempDirs } from '../render/temp-dir.js';
import { operation } from './helpers.js';

describe('YAML merge keys (<<) are applied', () => {
  const temp = tempDirs('merge-keys');
  after(() => temp.cleanup());

  it('parseSpecText merges a mapping and a list of mappings (own keys win, earlier sources win), and keeps a quoted "<<" as a key', () => {
    const parsed = parseSpecText('x.yaml', 'a: &a { p: 1, q: 2 }\nb: &b { q: 3, s: 4 }\nc: { <<: *a, r: 5 }\nd: { <<: [*a, *b], p: 9 }\ne: { "<<": *a }\n');
    expect(parsed).to.deep.equal({
      ok: true,
      value: { a: { p: 1, q: 2 }, b: { q: 3, s: 4 }, c: { p: 1, q: 2, r: 5 }, d: { p: 9, q: 2, s: 4 }, e: { '<<': { p: 1, q: 2 } } },
    });
  });

  it('the loaded model has the merged keys (a parameter and a response built from anchors)', async () => {
    const file = path.join(temp.make(), 'openapi.yaml');
    fs.writeFileSync(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: merge, version: "1" }',
        'x-templates:',
        '  page: &page { in: query, required: true, schema: { type: integer, minimum: 1 } }',
        '  ok: &ok { description: fine, headers: { X-Total: { schema: { type: integer } } } }',
        'paths:',
        '  /things:',
        '    get:',
        '      operationId: listThings',
        '      parameters:',
        '        - { <<: *page, name: page }',
        '        - { <<: *page, name: size, required: false }',
        '      responses:',
        '        "200": { <<: *ok, description: the things }',
        '',
      ].join('\n'),
    );
    const { model, diagnostics } = await loadSpec({ file });
    expect(diagnostics).to.deep.equal([]);
    const list = operation(model.operations, 'listThings');
    expect(list.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, schema: p.schema }))).to.deep.equal([
      { name: 'page', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
      { name: 'size', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
    ]);
    expect(list.responses[0]).to.include({ status: '200', description: 'the things' });
    expect(list.responses[0].headers['X-Total']).to.deep.equal({ required: false, schema: { type: 'integer' } });
  });
});
