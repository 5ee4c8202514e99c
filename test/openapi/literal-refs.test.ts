import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic, OperationModel } from '../../src/model/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import { assertSecretFixture, markersIn, SECRET_REFS_DIR, SECRET_REFS_OAS3, SECRET_REFS_SWAGGER2 } from '../helpers/secret-refs-fixture.js';
import { tempDirs } from '../render/temp-dir.js';
import { operation } from './helpers.js';

/** `file#pointer` of each diagnostic with `code`, the file relative to the fixture folder. */
function places(diagnostics: readonly Diagnostic[], code: string): string[] {
  return diagnostics.filter((d) => d.code === code).map((d) => `${path.relative(SECRET_REFS_DIR, d.file ?? '')}${d.pointer ?? ''}`);
}

function param(op: OperationModel, name: string) {
  const found = op.parameters.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no parameter ${name} in ${op.id}`);
  return found;
}

describe('loadSpec: $refs inside example, default, enum and const values are data, never followed', () => {
  before(() => assertSecretFixture());

  describe('OpenAPI 3.0 (test/fixtures/openapi/secret-refs/openapi.yaml)', () => {
    let loaded: Awaited<ReturnType<typeof loadSpec>>;
    before(async () => {
      loaded = await loadSpec({ file: SECRET_REFS_OAS3 });
    });

    it('reads none of the secret files: no marker in the model or the diagnostics', () => {
      expect(markersIn(JSON.stringify(loaded.model))).to.deep.equal([]);
      expect(markersIn(JSON.stringify(loaded.diagnostics))).to.deep.equal([]);
    });

    it('drops each value holding a $ref and reports it with its file and JSON pointer', () => {
      const get = '#/paths/~1items~1{id}/get';
      const body = (route: string, rest: string) => `openapi.yaml#/paths/~1${route}/post/requestBody/content/${rest}`;
      expect(places(loaded.diagnostics, 'spec/ref-in-literal-value')).to.have.members([
        `openapi.yaml${get}/x-example`,
        `openapi.yaml${get}/parameters/0/example`,
        `openapi.yaml${get}/parameters/1/examples/leaky/value`,
        `openapi.yaml${get}/parameters/2/schema/default`,
        `openapi.yaml${get}/parameters/3/schema/enum`,
        `openapi.yaml${get}/parameters/4/schema/enum`,
        `openapi.yaml${get}/parameters/5/schema/const`,
        `openapi.yaml${get}/parameters/6/schema/example`,
        `openapi.yaml${get}/parameters/7/content/application~1json/example`,
        `openapi.yaml${get}/parameters/13/schema/example`,
        `openapi.yaml${get}/parameters/14/example`,
        `openapi.yaml${get}/parameters/15/example`,
        body('bodies~1example', 'application~1json/example'),
        body('bodies~1examples-inline', 'application~1json/examples/leaky/value'),
        ...['a/example', 'b/default', 'c/enum', 'd/const', 'e/example'].map((rest) => body('bodies~1schema', `application~1json/schema/properties/${rest}`)),
        body('forms', 'application~1x-www-form-urlencoded/schema/properties/user/default'),
        body('forms', 'application~1x-www-form-urlencoded/schema/properties/pass/example'),
        body('forms', 'application~1x-www-form-urlencoded/example'),
        'openapi.yaml#/components/examples/Leaky/value',
        // In referenced files: an Example Object alone in its file, and a schema's default and enum.
        'examples/token-example.yaml#/value',
        'components/safe.yaml#/Item/properties/note/default',
        'components/safe.yaml#/Item/properties/kind/enum',
      ]);
      const dropped = loaded.diagnostics.find((d) => d.pointer === `${get}/parameters/0/example`);
      expect(dropped?.severity).to.equal('warning');
      expect(dropped?.message).to.contain(`A $ref (".env") is inside the example at ${get}/parameters/0/example`).and.contain('does not follow').and.contain('not used');
      expect(dropped?.fix).to.contain('inline');
    });

    it('falls back to the next value: other examples, the rest of an enum, or the schema', () => {
      const getItem = operation(loaded.model.operations, 'getItem');
      expect(param(getItem, 'id').examples).to.deep.equal([]);
      expect(param(getItem, 'q_enum_mixed').schema?.enum).to.deep.equal(['PPSAFE-enum-visible']);
      expect(param(getItem, 'q_enum').schema).to.deep.equal({ type: 'string' });
      expect(param(getItem, 'q_const').schema).to.deep.equal({ type: 'string' });
      expect(param(getItem, 'q_safe').examples).to.deep.equal([{ value: 'PPSAFE-param-visible' }]);
      expect(getItem.extensions).not.to.have.property('x-example');
      const exampleFile = operation(loaded.model.operations, 'bodyExamplesFile').requestBody?.contents[0];
      expect(exampleFile?.examples).to.deep.equal([]);
    });

    it('refuses $refs to dot-files, dot-folders, a link to .env and a non-document, before reading them', () => {
      expect(places(loaded.diagnostics, 'spec/ref-hidden-path')).to.have.members([
        'openapi.yaml#/paths/~1items~1{id}/get/parameters/8/schema',
        'openapi.yaml#/paths/~1items~1{id}/get/parameters/10/schema',
        'openapi.yaml#/paths/~1items~1{id}/get/parameters/11',
      ]);
      const link = loaded.diagnostics.find((d) => d.pointer === '#/paths/~1items~1{id}/get/parameters/8/schema');
      expect(link?.message).to.contain('innocent.yaml').and.contain('".env", through a symbolic link').and.contain('not read');
      expect(places(loaded.diagnostics, 'spec/ref-not-spec-document')).to.deep.equal(['openapi.yaml#/paths/~1items~1{id}/get/parameters/9/schema']);
      expect(places(loaded.diagnostics, 'spec/external-file-error')).to.deep.equal([]);
    });

    it('lists every external file read as an info diagnostic, sorted, before the others', () => {
      const reads = loaded.diagnostics.filter((d) => d.code === 'spec/external-file-read');
      expect(reads.map((d) => [d.severity, d.message])).to.deep.equal([
        ['info', `Read ${path.join('components', 'safe.yaml')} (${fs.statSync(path.join(SECRET_REFS_DIR, 'components', 'safe.yaml')).size} bytes, relative to the spec's folder): a $ref of the spec refers to it.`],
        ['info', `Read ${path.join('examples', 'token-example.yaml')} (${fs.statSync(path.join(SECRET_REFS_DIR, 'examples', 'token-example.yaml')).size} bytes, relative to the spec's folder): a $ref of the spec refers to it.`],
      ]);
      expect(loaded.diagnostics.slice(0, 2)).to.deep.equal(reads);
    });
  });

  it('Swagger 2.0: x-example, default, enum, x-examples and response examples holding a $ref are dropped', async () => {
    const { model, diagnostics } = await loadSpec({ file: SECRET_REFS_SWAGGER2 });
    expect(markersIn(JSON.stringify({ model, diagnostics }))).to.deep.equal([]);
    const get = 'swagger.yaml#/paths/~1things~1{id}/get';
    expect(places(diagnostics, 'spec/ref-in-literal-value')).to.have.members([
      `${get}/parameters/0/x-example`,
      `${get}/parameters/1/default`,
      `${get}/parameters/2/enum`,
      `${get}/parameters/3/x-example`,
      `${get}/responses/200/examples`,
      'swagger.yaml#/paths/~1things/post/parameters/0/schema/example',
      'swagger.yaml#/paths/~1things/post/parameters/0/x-examples',
      'swagger.yaml#/paths/~1things~1form/post/parameters/0/default',
      'swagger.yaml#/paths/~1things~1form/post/parameters/1/x-example',
    ]);
    expect(param(operation(model.operations, 'getThing'), 'q_enum').schema?.enum).to.deep.equal(['PPSAFE-s2-enum-visible']);
  });

  describe('names that are also keywords are not data', () => {
    const temp = tempDirs('literal-names');
    after(() => temp.cleanup());

    it('keeps a `default` response, a header named `example`, a parameter named `default` and an encoded property named `enum`', async () => {
      const dir = temp.make();
      const file = path.join(dir, 'openapi.yaml');
      fs.writeFileSync(
        file,
        [
          'openapi: 3.0.3',
          'info: { title: names, version: "1" }',
          'paths:',
          '  /a:',
          '    post:',
          '      operationId: a',
          '      parameters: [{ $ref: "#/components/parameters/default" }]',
          '      requestBody:',
          '        content:',
          '          multipart/form-data:',
          '            schema: { type: object, properties: { enum: { type: string } } }',
          '            encoding: { enum: { headers: { example: { $ref: "#/components/headers/Example" } } } }',
          '      responses:',
          '        "200": { description: ok, headers: { example: { $ref: "#/components/headers/Example" } } }',
          '        default: { $ref: "#/components/responses/Error" }',
          'components:',
          '  parameters: { default: { name: verbose, in: query, schema: { type: boolean } } }',
          '  headers: { Example: { schema: { type: integer } } }',
          '  responses: { Error: { description: an error } }',
          '',
        ].join('\n'),
      );
      const { model, diagnostics } = await loadSpec({ file });
      expect(diagnostics).to.deep.equal([]);
      const a = operation(model.operations, 'a');
      expect(a.parameters.map((p) => p.name)).to.deep.equal(['verbose']);
      expect(a.responses.map((r) => [r.status, r.description])).to.deep.equal([['200', 'ok'], ['default', 'an error']]);
      expect(a.responses[0].headers.example).to.deep.equal({ required: false, schema: { type: 'integer' } });
      expect(a.requestBody?.contents[0].encoding.enum.headers?.example).to.deep.equal({ required: false, schema: { type: 'integer' } });
    });

    it('still checks a $ref string where a name map is expected (the bundler would follow it)', async () => {
      const dir = temp.make();
      fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=PPMARK-names-dotenv\n');
      const file = path.join(dir, 'openapi.yaml');
      fs.writeFileSync(file, 'openapi: 3.0.3\ninfo: { title: names, version: "1" }\npaths: {}\ncomponents: { schemas: { A: { type: object, properties: { $ref: ".env" } } } }\n');
      const { model, diagnostics } = await loadSpec({ file });
      expect(JSON.stringify(model)).not.to.contain('PPMARK');
      expect(diagnostics.map((d) => [d.code, d.pointer])).to.deep.equal([['spec/ref-hidden-path', '#/components/schemas/A/properties']]);
    });
  });
});
