import { expect } from 'chai';
import { loadSpec } from '../../src/openapi/index.js';
import { resolveLocalPointer } from '../../src/openapi/json-pointer.js';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';

function nonLocalRefs(node: unknown, found: string[] = []): string[] {
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string' && !record.$ref.startsWith('#')) found.push(record.$ref);
    for (const value of Object.values(record)) nonLocalRefs(value, found);
  }
  return found;
}

describe('loadSpec over the spec corpus', function () {
  before(function () {
    skipUnlessCorpus(this);
  });

  for (const spec of corpusSpecs()) {
    it(`${spec.name} loads with the manifest's ${spec.operations} operations`, async () => {
      const { model, diagnostics } = await loadSpec({ file: spec.file });
      expect(model.operations).to.have.length(spec.operations);
      expect(new Set(model.operations.map((op) => op.id)).size).to.equal(spec.operations);
      for (const op of model.operations) expect(op.id).to.match(/^\S+$/);
      expect(nonLocalRefs(model.document)).to.deep.equal([]);
      expect(() => JSON.stringify(model.document)).to.not.throw();
      for (const diagnostic of diagnostics) expect(diagnostic.pointer, diagnostic.message).to.be.a('string');
    });
  }

  it('lob (multi-file) bundles into local refs that all resolve, with its 2 x-webhooks counted', async function () {
    const lob = corpusSpecs().find((spec) => spec.name.startsWith('lob'));
    if (!lob) this.skip();
    const { model, diagnostics } = await loadSpec({ file: lob.file });
    // Only the list of the files it read (info), one per referenced document.
    expect(diagnostics.filter((d) => d.code !== 'spec/external-file-read')).to.deep.equal([]);
    expect(diagnostics.length).to.be.greaterThan(1);
    for (const diagnostic of diagnostics) expect(diagnostic.severity).to.equal('info');
    expect(model.webhookCount).to.equal(2);
    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.$ref === 'string') refs.push(record.$ref);
      for (const value of Object.values(record)) collect(value);
    };
    collect(model.document);
    for (const ref of new Set(refs)) expect(resolveLocalPointer(model.document, ref), ref).to.not.equal(undefined);
  });

  it('twilio operations carry their path-level servers; openai keeps its query-string path keys', async function () {
    const twilio = corpusSpecs().find((spec) => spec.name.startsWith('twilio'));
    const openai = corpusSpecs().find((spec) => spec.name.startsWith('openai'));
    if (!twilio || !openai) this.skip();
    const twilioModel = (await loadSpec({ file: twilio.file })).model;
    expect(twilioModel.operations.every((op) => (op.servers?.length ?? 0) > 0)).to.equal(true);
    const openaiModel = (await loadSpec({ file: openai.file })).model;
    expect(openaiModel.operations.some((op) => op.path.includes('?'))).to.equal(true);
    expect(openaiModel.webhookCount).to.equal(16);
  });
});
