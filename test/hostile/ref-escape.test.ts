import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../src/model/index.js';
import { announceMissing, hostilePipeline, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { tempDirs } from '../render/temp-dir.js';

/** Text that must never reach an output: a secret file beside (outside) the spec folder, and /etc/passwd. */
const SECRET = 'PERFPLAN-SECRET-7f3a9c';
const PASSWD_LINE = /root:[^:\n]*:0:0:/;

/** A spec with `$ref`s and `externalValue`s that all point outside its folder. */
function escapingSpec(secretFile: string): Record<string, unknown> {
  const secretUrl = `file://${secretFile}`;
  const schemaRefs = ['/etc/passwd', '../../../../../../../../etc/passwd', 'file:///etc/passwd', '/etc/passwd#/root', secretFile, '../secret.yaml', secretUrl, './link-to-secret.yaml', 'sub/../../secret.yaml', '..%2Fsecret.yaml', 'http://127.0.0.1:9/secret.yaml', 'https://example.invalid/x.yaml#/a'];
  const properties: Record<string, unknown> = {};
  schemaRefs.forEach((ref, index) => {
    properties[`p${index}`] = { $ref: ref };
  });
  return {
    openapi: '3.0.3',
    info: { title: 'escapes', version: '1' },
    paths: {
      '/things': {
        $ref: '../secret.yaml#/pathItem',
      },
      '/items/{id}': {
        parameters: [{ $ref: '/etc/passwd' }, { $ref: '../secret.yaml#/parameter' }],
        post: {
          operationId: 'createItem',
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties },
                examples: {
                  passwd: { externalValue: 'file:///etc/passwd' },
                  passwdPath: { externalValue: '/etc/passwd' },
                  secret: { externalValue: secretUrl },
                  relative: { externalValue: '../secret.yaml' },
                  viaRef: { $ref: '../secret.yaml#/example' },
                },
              },
            },
          },
          responses: {
            '200': { $ref: '/etc/passwd' },
            '201': { description: 'ok', content: { 'application/json': { schema: { $ref: '../secret.yaml#/schema' }, example: { $ref: '/etc/passwd' } } } },
          },
        },
      },
    },
  };
}

function secretYaml(): string {
  return [
    `pathItem: { get: { operationId: ${SECRET}-path, responses: { '200': { description: ${SECRET} } } } }`,
    `parameter: { name: ${SECRET}, in: query, schema: { type: string, example: ${SECRET} } }`,
    `example: { value: ${SECRET} }`,
    `schema: { type: string, example: ${SECRET}, enum: [${SECRET}] }`,
    `${SECRET}: { type: string }`,
    '',
  ].join('\n');
}

function leaks(files: ReadonlyArray<{ path: string; contents: string }>): string[] {
  return files.filter((file) => file.contents.includes(SECRET) || PASSWD_LINE.test(file.contents)).map((file) => file.path);
}

describe('hostile specs: $refs cannot make perfplan read files outside the spec folder', function () {
  this.timeout(120_000);
  const temp = tempDirs('refs');
  let host: HostilePipeline;
  let specFile: string;
  let secretFile: string;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
    const base = temp.make();
    secretFile = path.join(base, 'secret.yaml');
    fs.writeFileSync(secretFile, secretYaml());
    const specDir = path.join(base, 'api');
    fs.mkdirSync(path.join(specDir, 'sub'), { recursive: true });
    // A symlink inside the folder that points outside it: the path looks inside, the file is not.
    fs.symlinkSync(secretFile, path.join(specDir, 'link-to-secret.yaml'));
    specFile = path.join(specDir, 'openapi.json');
    fs.writeFileSync(specFile, JSON.stringify(escapingSpec(secretFile), null, 2));
  });
  after(() => temp.cleanup());

  it('reads nothing of /etc/passwd or the outside file into any output, by default', async () => {
    const result = await host.pipeline.generate({ specFile });
    expect(result.files.length).to.be.greaterThan(2);
    expect(leaks(result.files), 'files holding outside content').to.deep.equal([]);
    expect(JSON.stringify(result.diagnostics)).not.to.contain(SECRET);
  });

  it('says which option would allow each refused ref, and why it is off', async () => {
    const { diagnostics } = await host.pipeline.analyze(specFile);
    const byCode = (code: string): Diagnostic[] => diagnostics.filter((diagnostic) => diagnostic.code === code);
    const outside = byCode('spec/ref-outside-folder');
    expect(outside.length, JSON.stringify(diagnostics.map((d) => d.code))).to.be.greaterThan(5);
    for (const diagnostic of outside) {
      expect(diagnostic.message).to.contain('allowExternalRefs').and.contain('so that a spec cannot make perfplan read arbitrary files');
      expect(diagnostic.fix).to.contain('allowExternalRefs: true');
      expect(diagnostic.pointer, diagnostic.message).to.be.a('string');
    }
    const remote = byCode('spec/ref-remote-refused');
    expect(remote.length).to.equal(2);
    for (const diagnostic of remote) {
      expect(diagnostic.message).to.contain('allowRemoteRefs').and.contain('offline and reproducible');
      expect(diagnostic.fix).to.contain('allowRemoteRefs: true');
    }
    const symlinked = diagnostics.find((diagnostic) => diagnostic.message.includes('link-to-secret.yaml'));
    expect(symlinked?.code, 'a symlink that leaves the folder is refused like a ../ path').to.equal('spec/ref-outside-folder');
  });
});
