import { expect } from 'chai';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/index.js';
import { resolveLocalPointer } from '../../src/openapi/json-pointer.js';
import { handwritten, operation } from './helpers.js';

function refsIn(node: unknown, found: string[] = []): string[] {
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') found.push(record.$ref);
    for (const value of Object.values(record)) refsIn(value, found);
  }
  return found;
}

describe('loadSpec on hand-written fixtures', () => {
  it('accepts a UTF-8 BOM in JSON and YAML', async () => {
    for (const name of ['bom.json', 'bom.yaml']) {
      const { model, diagnostics } = await loadSpec({ file: handwritten(name) });
      expect(diagnostics, name).to.deep.equal([]);
      expect(model.operations.map((op) => op.id), name).to.deep.equal(['get_ping']);
    }
  });

  describe('path-item $refs, parameter merging, ids', () => {
    it('follows a path-item $ref and merges its parameters', async () => {
      const { model } = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const getPet = operation(model.operations, 'getPet');
      expect(getPet.path).to.equal('/pets/{petId}');
      expect(getPet.pointer).to.equal('#/components/pathItems/PetItem/get');
      expect(getPet.parameters).to.have.length(1);
      expect(getPet.parameters[0]).to.include({ name: 'petId', in: 'path', required: true, pointer: '#/components/parameters/PetId' });
      expect(getPet.parameters[0].schema).to.deep.equal({ type: 'integer' });
    });

    it('resolves response, header and example $refs but keeps schema $refs (recursive schema stays finite)', async () => {
      const { model } = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const [response] = operation(model.operations, 'getPet').responses;
      expect(response).to.include({ status: '200', description: 'a pet', pointer: '#/components/responses/Pet' });
      expect(response.headers['X-Rate-Limit']).to.deep.equal({ required: true, schema: { type: 'integer' } });
      expect(response.contents[0].schema).to.deep.equal({ $ref: '#/components/schemas/Pet' });
      expect(response.contents[0].examples).to.deep.equal([{ name: 'rex', value: { name: 'Rex' } }]);
      expect(() => JSON.stringify(model.document)).to.not.throw();
    });

    it('lets an operation parameter win over a path-level one on name+in only', async () => {
      const { model } = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const getUser = operation(model.operations, 'get_users_userId');
      expect(getUser.parameters.map((p) => `${p.in}:${p.name}:${p.description ?? ''}`)).to.deep.equal(['path:userId:', 'query:verbose:operation-level', 'header:verbose:']);
      const deleteUser = operation(model.operations, 'dup');
      expect(deleteUser.parameters.map((p) => `${p.in}:${p.name}:${p.description ?? ''}`)).to.deep.equal(['path:userId:', 'query:verbose:path-level']);
    });

    it('puts path-level and operation-level servers on the operation, operation-level first', async () => {
      const { model } = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      expect(model.servers).to.deep.equal([{ url: '/api/v3', variables: {} }]);
      expect(operation(model.operations, 'get_users_userId').servers).to.deep.equal([{ url: 'https://users.example.com', variables: {} }]);
      expect(operation(model.operations, 'dup').servers).to.deep.equal([{ url: 'https://delete.example.com', variables: {} }]);
      expect(operation(model.operations, 'getPet').servers).to.equal(undefined);
    });

    it('keeps document order, derives stable unique ids, and renames a duplicate operationId', async () => {
      const first = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const second = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const ids = first.model.operations.map((op) => `${op.id}:${op.idDerived}`);
      expect(ids).to.deep.equal([
        'getPet:false',
        'patchPet:false',
        'get_users_userId:true',
        'dup:false',
        'dup_2:true',
        'get_users_userId_2:true',
        'post_search_mode_fast:true',
      ]);
      expect(second.model.operations.map((op) => `${op.id}:${op.idDerived}`)).to.deep.equal(ids);
      expect(first.model.operations.find((op) => op.id === 'post_search_mode_fast')?.path).to.equal('/search?mode=fast');
      const duplicate = first.diagnostics.find((d) => d.code === 'spec/duplicate-operation-id');
      expect(duplicate?.pointer).to.equal('#/paths/~1users-userId/get/operationId');
      expect(first.model.webhookCount).to.equal(1);
    });

    it('reports a parameter without `in` and a dangling parameter $ref with their pointers, and goes on', async () => {
      const { model, diagnostics } = await loadSpec({ file: handwritten('path-item-ref.yaml') });
      const patch = operation(model.operations, 'patchPet');
      expect(patch.parameters.map((p) => p.name)).to.deep.equal(['petId']);
      expect(diagnostics.find((d) => d.code === 'spec/invalid-parameter')?.pointer).to.equal('#/components/pathItems/PetItem/patch/parameters/0');
      const dangling = diagnostics.find((d) => d.code === 'spec/ref-unresolved');
      expect(dangling?.pointer).to.equal('#/components/pathItems/PetItem/patch/parameters/1');
      expect(dangling?.message).to.contain('#/components/parameters/Missing');
    });
  });

  it('bundles a multi-file spec with relative and ../ refs into one document of local refs', async () => {
    const { model, diagnostics } = await loadSpec({ file: handwritten('multi-file/openapi.yaml') });
    // The only diagnostics: the list of the files read (info), sorted.
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.message.split(' (')[0]}`)).to.deep.equal(
      ['components/parameters.yaml', 'components/responses.yaml', 'components/schemas.yaml', 'paths/pet.yaml', 'paths/pets.yaml'].map((file) => `info spec/external-file-read Read ${file}`),
    );
    expect(diagnostics[0].file).to.equal(handwritten('multi-file/components/parameters.yaml'));
    expect(model.operations.map((op) => op.id)).to.deep.equal(['listPets', 'createPet', 'getPet']);
    const refs = refsIn(model.document);
    expect(refs.length).to.be.greaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).to.equal(true);
      expect(resolveLocalPointer(model.document, ref), ref).to.not.equal(undefined);
    }
    const list = operation(model.operations, 'listPets');
    expect(list.parameters[0]).to.include({ name: 'limit', in: 'query', required: false });
    expect(list.parameters[0].schema).to.deep.equal({ type: 'integer', maximum: 100 });
    const error = list.responses.find((r) => r.status === 'default');
    expect(error?.description).to.equal('an error');
    const petSchema = operation(model.operations, 'createPet').requestBody?.contents[0].schema;
    expect(petSchema).to.include.keys('properties');
    expect(operation(model.operations, 'getPet').parameters.map((p) => p.name)).to.deep.equal(['petId']);
  });

  it('refuses a $ref outside the spec folder and an http $ref, with diagnostics naming the option', async () => {
    const file = handwritten('outside-ref/api/openapi.yaml');
    const { model, diagnostics } = await loadSpec({ file });
    expect(model.operations[0].parameters).to.deep.equal([]);
    const outside = diagnostics.find((d) => d.code === 'spec/ref-outside-folder');
    expect(outside).to.include({ pointer: '#/paths/~1things/get/parameters/0', file, severity: 'warning' });
    expect(outside?.message).to.contain('allowExternalFiles').and.contain('../shared/parameters.yaml');
    const remote = diagnostics.find((d) => d.code === 'spec/ref-remote-refused');
    expect(remote?.pointer).to.equal('#/paths/~1things/get/responses/200/content/application~1json/schema');
    expect(remote?.message).to.contain('allowRemoteRefs');
    expect(refsIn(model.document).filter((ref) => !ref.startsWith('#'))).to.deep.equal([]);
  });

  it('follows the outside ref when allowExternalFiles is on', async () => {
    const { model, diagnostics } = await loadSpec({ file: handwritten('outside-ref/api/openapi.yaml'), allowExternalFiles: true });
    expect(model.operations[0].parameters.map((p) => `${p.in}:${p.name}`)).to.deep.equal(['query:page']);
    expect(diagnostics.map((d) => d.code)).to.deep.equal(['spec/external-file-read', 'spec/ref-remote-refused']);
    expect(diagnostics[0].message).to.contain(`Read ${path.join('..', 'shared', 'parameters.yaml')} (`);
  });

  it('maps Swagger 2.0 formData, collectionFormat, x-example, security definitions and a basePath-only server', async () => {
    const { model, diagnostics } = await loadSpec({ file: handwritten('swagger2-features.yaml') });
    expect(diagnostics).to.deep.equal([]);
    expect(model.servers).to.deep.equal([{ url: '/v1', variables: {} }]);
    expect(model.securitySchemes.basicAuth).to.deep.equal({ type: 'http', scheme: 'basic' });
    expect(model.securitySchemes.clientApp).to.deep.equal({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'read things' } } } });
    const userCode = model.securitySchemes.userCode;
    expect(userCode.type === 'oauth2' && Object.keys(userCode.flows)).to.deep.equal(['authorizationCode']);
    expect(model.security).to.deep.equal([{ basicAuth: [] }]);

    const list = operation(model.operations, 'get_items');
    expect(list.parameters[0]).to.include({ name: 'ids', style: 'form', explode: false });
    expect(list.parameters[0].examples).to.deep.equal([{ value: [1, 2], pointer: '#/paths/~1items/get/parameters/0/x-example' }]);
    expect(list.parameters[1]).to.include({ name: 'tags', style: 'pipeDelimited', explode: false });
    expect(list.parameters[2]).to.include({ name: 'X-Trace', in: 'header', required: true });
    const [ok] = list.responses;
    expect(ok.contents.map((c) => c.mediaType)).to.deep.equal(['application/json', 'application/xml']);
    expect(ok.contents[0].examples).to.deep.equal([{ value: [{ name: 'one' }] }]);
    expect(ok.headers['X-Total']).to.deep.include({ description: 'total count', required: false });

    const create = operation(model.operations, 'post_items');
    expect(create.requestBody?.contents).to.have.length(1);
    expect(create.requestBody?.contents[0]).to.include({ mediaType: 'application/json' });
    expect(create.requestBody?.contents[0].schema).to.deep.equal({ $ref: '#/definitions/Item' });
    expect(create.security).to.deep.equal([{ userCode: [] }]);

    const upload = operation(model.operations, 'post_items_id_upload');
    expect(upload.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).to.deep.equal(['path:id:true']);
    expect(upload.requestBody?.contents[0].mediaType).to.equal('multipart/form-data');
    expect(upload.requestBody?.contents[0].schema).to.deep.equal({
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } },
      required: ['file'],
    });

    const rename = operation(model.operations, 'put_items_id_rename');
    expect(rename.requestBody?.contents[0].mediaType).to.equal('application/x-www-form-urlencoded');
    expect(rename.requestBody?.contents[0].encoding).to.deep.equal({ aliases: { style: 'form', explode: true } });
    expect(rename.requestBody?.contents[0].examples).to.deep.equal([{ value: { name: 'new-name' } }]);
  });

  it('reports a spec without paths instead of throwing', async () => {
    const { model, diagnostics } = await loadSpec({ file: handwritten('no-paths.yaml') });
    expect(model.operations).to.deep.equal([]);
    expect(diagnostics).to.have.length(1);
    expect(diagnostics[0]).to.include({ code: 'spec/missing-paths', pointer: '#/paths' });
  });
});

describe('loadSpec: lone surrogates', () => {
  it('reads every key and string with a lone UTF-16 surrogate as U+FFFD, with one diagnostic', async () => {
    const { loadSpec } = await import('../../src/openapi/index.js');
    const document = {
      openapi: '3.0.3',
      info: { title: 'T\ud800', version: '1' },
      paths: { '/a\udc00': { get: { operationId: 'op\ud800', responses: { '200': { description: 'ok' } } } } },
    };
    const { model, diagnostics } = await loadSpec({ file: 'inline.json', document });
    expect(model.title).to.equal('T\ufffd');
    expect(model.operations[0].path).to.equal('/a\ufffd');
    expect(model.operations[0].id).to.equal('op\ufffd');
    const found = diagnostics.filter((diagnostic) => diagnostic.code === 'spec/lone-surrogate');
    expect(found).to.have.length(1);
    expect(found[0].message).to.match(/^3 string/);
    expect(found[0].pointer).to.be.oneOf(['#/paths/~1a\ufffd', '#/paths/~1a\ufffd/get/operationId', '#/info/title']);
  });

  it('names the first place it found one by its JSON pointer, however deep', async () => {
    const { loadSpec } = await import('../../src/openapi/index.js');
    const document = {
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { example: { list: ['x', 'y\ud800'] } } } } } } } },
    };
    const { diagnostics } = await loadSpec({ file: 'inline.json', document });
    const found = diagnostics.find((diagnostic) => diagnostic.code === 'spec/lone-surrogate');
    expect(found?.pointer).to.equal('#/paths/~1a/get/responses/200/content/application~1json/example/list/1');
  });
});
