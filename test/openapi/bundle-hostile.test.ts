import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/index.js';
import { tempDirs } from '../render/temp-dir.js';
import { operation } from './helpers.js';

/**
 * A spec with one external `$ref` goes through the bundler (json-schema-ref-parser), which broke
 * on input a single-file spec survives (found by the seeded hostile run): a $ref chain of a few
 * thousand hops overflowed its stack, and a key with a lone UTF-16 surrogate made it throw
 * "URI malformed".
 */

const HOPS = 3000;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function multiFileSpec(extra: { paths?: Record<string, unknown>; schemas?: Record<string, unknown> }): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'bundled', version: '1' },
    paths: {
      '/external': { get: { operationId: 'external', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'shared.yaml#/Thing' } } } } } } },
      ...extra.paths,
    },
    components: { schemas: extra.schemas ?? {} },
  };
}

describe('loadSpec: a spec with external $refs and hostile content', function () {
  this.timeout(30_000);
  const temp = tempDirs('bundle-hostile');
  after(() => temp.cleanup());

  function folder(shared = 'Thing: { type: object, properties: { a: { type: string } } }\n'): string {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'shared.yaml'), shared);
    return dir;
  }

  it(`follows a chain of ${HOPS} $refs to its end`, async () => {
    const schemas: Record<string, unknown> = {};
    for (let hop = 0; hop < HOPS; hop++) schemas[`C${hop}`] = ref(`C${hop + 1}`);
    schemas[`C${HOPS}`] = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } };
    const document = multiFileSpec({ schemas, paths: { '/chain': { post: { operationId: 'chain', requestBody: { content: { 'application/json': { schema: ref('C0') } } }, responses: { '201': { description: 'ok' } } } } } });
    const { model, diagnostics } = await loadSpec({ file: path.join(folder(), 'spec.json'), document });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).to.deep.equal(['spec/external-file-read']);
    expect(operation(model.operations, 'chain').requestBody?.contents[0].schema).to.deep.equal(ref(`C${HOPS}`));
    expect(operation(model.operations, 'external').responses[0].contents[0].schema).to.deep.equal({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('keeps a $ref loop as a loop', async () => {
    const document = multiFileSpec({ schemas: { A: ref('B'), B: ref('A') }, paths: { '/loop': { post: { operationId: 'loop', requestBody: { content: { 'application/json': { schema: ref('A') } } }, responses: { '201': { description: 'ok' } } } } } });
    const { model } = await loadSpec({ file: path.join(folder(), 'spec.json'), document });
    // The bundler may point the body at either member of the loop; the loop itself stays.
    const members = [ref('A'), ref('B')].map((candidate) => JSON.stringify(candidate));
    const schemas = (model.document as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const schema of [operation(model.operations, 'loop').requestBody?.contents[0].schema, schemas.A, schemas.B]) expect(members).to.include(JSON.stringify(schema));
  });

  it('reads keys with a lone surrogate, in the spec and in a referenced file, as U+FFFD', async () => {
    const document = multiFileSpec({ paths: { '/a\ud800': { get: { operationId: 'lone', responses: { '200': { description: 'ok' } } } } } });
    const dir = folder('Thing: { type: object, properties: { "b\\udc00": { type: string } } }\n');
    const { model, diagnostics } = await loadSpec({ file: path.join(dir, 'spec.json'), document });
    expect(operation(model.operations, 'lone').path).to.equal('/a\ufffd');
    expect(operation(model.operations, 'external').responses[0].contents[0].schema).to.deep.equal({ type: 'object', properties: { 'b\ufffd': { type: 'string' } } });
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'spec/lone-surrogate').map((diagnostic) => path.basename(diagnostic.file ?? ''))).to.deep.equal(['spec.json', 'shared.yaml']);
  });
});
