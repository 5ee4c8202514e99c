import { expect } from 'chai';
import type { Diagnostic } from '../../src/model/index.js';
import { buildRequestTemplate } from '../../src/data/index.js';
import { loadSpec } from '../../src/openapi/index.js';

/** The pointers of the data/size-limit diagnostics of each operation's request. */
async function sizeLimitPointers(document: Record<string, unknown>): Promise<string[]> {
  const { model } = await loadSpec({ file: 'spec.json', document });
  const diagnostics: Diagnostic[] = [];
  for (const operation of model.operations) buildRequestTemplate({ model, operation, report: (d) => diagnostics.push(d) });
  return diagnostics.filter((d) => d.code === 'data/size-limit').map((d) => d.pointer ?? '');
}

const ok = { '200': { description: 'ok' } };

describe('data: diagnostics about a parameter schema point where that schema is in the spec', () => {
  it('Swagger 2.0: at the parameter itself (its keywords are its schema; it has no `schema`)', async () => {
    const pointers = await sizeLimitPointers({
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { operationId: 'a', parameters: [{ name: 'q', in: 'query', required: true, type: 'string', minLength: 1e8 }], responses: ok } } },
    });
    expect(pointers).to.deep.equal(['#/paths/~1a/get/parameters/0']);
  });

  it('OpenAPI 3: at `schema`, or at `content/<type>/schema` for a parameter with content', async () => {
    const huge = { type: 'string', minLength: 1e8 };
    const pointers = await sizeLimitPointers({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            operationId: 'a',
            parameters: [
              { name: 'q', in: 'query', required: true, schema: huge },
              { name: 'c', in: 'query', required: true, content: { 'application/json': { schema: huge } } },
            ],
            responses: ok,
          },
        },
      },
    });
    expect(pointers).to.deep.equal(['#/paths/~1a/get/parameters/0/schema', '#/paths/~1a/get/parameters/1/content/application~1json/schema']);
  });
});
