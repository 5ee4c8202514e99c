import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { writePrismSpec } from '../../tools/conformance/prism-spec.js';
import { tempDirs } from '../render/temp-dir.js';

describe('conformance: the copy of the spec Prism serves', () => {
  const temp = tempDirs('prism-spec-copy');
  after(() => temp.cleanup());

  it('keeps $refs to JSON and YAML documents and notes a $ref to a Markdown page instead of reading it', () => {
    const dir = temp.make();
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'getting-started.md'), '# Getting started\n');
    fs.writeFileSync(path.join(dir, 'pet.yaml'), 'type: object\nproperties:\n  name: { type: string }\n');
    fs.writeFileSync(
      path.join(dir, 'openapi.yaml'),
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'x-topics:',
        '  - title: Getting started',
        '    content: { $ref: ./docs/getting-started.md }',
        'paths:',
        '  /pets:',
        '    post:',
        '      requestBody: { content: { application/json: { schema: { $ref: ./pet.yaml } } } }',
        '      responses: { "201": { description: created } }',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'served');
    const root = writePrismSpec({ spec: path.join(dir, 'openapi.yaml'), dir: out });
    const served = JSON.parse(fs.readFileSync(root, 'utf8'));
    expect(served['x-topics'][0].content).to.equal('(not copied for Prism: ./docs/getting-started.md)');
    expect(served.paths['/pets'].post.requestBody.content['application/json'].schema).to.deep.equal({ $ref: './pet.yaml' });
    expect(fs.readdirSync(out).sort()).to.deep.equal(['openapi.yaml', 'pet.yaml']);
  });
});
