import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PYTHON_CODING_LINE } from '../../src/plugin-api/index.js';
import { announceMissing, hostilePipeline, writeFiles, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { INJECTION_CALL } from '../helpers/hostile-strings.js';
import { checkOutputFiles, pythonCommand } from '../helpers/parse-outputs.js';
import { tempDirs } from '../render/temp-dir.js';

/**
 * A spec with `text` in every string a spec carries that reaches a file header or a run
 * command: info, servers, tags, operationIds, summaries, parameters, examples, a security
 * scheme; with a create → read → delete resource so every kind of file is generated.
 */
function specCarrying(text: string, example: string = text): Record<string, unknown> {
  const item = { type: 'object', properties: { id: { type: 'string', example }, name: { type: 'string', example } } };
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  return {
    openapi: '3.0.3',
    info: { title: text, version: text, description: text },
    servers: [{ url: `http://localhost:8080/${text}`, description: text }],
    tags: [{ name: text, description: text }],
    security: [{ key: [] }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key', description: text } } },
    paths: {
      '/items': {
        post: {
          operationId: `create_${text}`,
          tags: [text],
          summary: text,
          description: text,
          requestBody: { required: true, content: json(item) },
          responses: { '201': { description: text, content: json(item) } },
        },
      },
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', example } }],
        get: {
          operationId: `get_${text}`,
          summary: text,
          parameters: [{ name: 'q', in: 'query', required: true, description: text, schema: { type: 'string', example } }],
          responses: { '200': { description: text, content: json(item) } },
        },
        delete: { operationId: `delete_${text}`, summary: text, responses: { '204': { description: text } } },
      },
    },
  };
}

function firstTwoLines(contents: string): string {
  return contents.split('\n').slice(0, 2).join('\n');
}

describe('hostile specs: nothing from the spec on the first two lines of a file', function () {
  this.timeout(120_000);
  const temp = tempDirs('first-lines');
  let host: HostilePipeline;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  it('every file of every renderer starts with the same two lines whatever the spec says', async () => {
    const marked = await host.pipeline.generate({ specFile: 'spec.json', document: specCarrying('Qzxmarker') });
    const other = await host.pipeline.generate({ specFile: 'spec.json', document: specCarrying('Wvyother') });
    const producers = new Set(marked.files.map((file) => file.producer));
    expect([...producers].sort()).to.deep.equal([...host.renderers, 'perfplan'].sort());
    expect(marked.files.map((file) => file.path), 'a workflow script is generated too').to.include('k6/lib/workflows.js');
    // The marker does reach the files (so the check below can fail), just not their first two lines.
    expect(marked.files.filter((file) => /qzxmarker/i.test(file.contents)).map((file) => file.path)).to.include.members(['PLAN.md', 'k6/load.js', 'locust/locustfile.py', 'locust/load.conf', 'jmeter/load.jmx']);
    const otherByPath = new Map(other.files.map((file) => [file.path, file.contents]));
    for (const file of marked.files) {
      const head = firstTwoLines(file.contents);
      expect(head, `${file.path} starts with spec text`).not.to.match(/qzxmarker/i);
      expect(head, `${file.path}: its first two lines change with the spec`).to.equal(firstTwoLines(otherByPath.get(file.path) ?? ''));
    }
  });

  it('every Python file declares utf-8 on line 1', async () => {
    const { files } = await host.pipeline.generate({ specFile: 'spec.json', document: specCarrying('x') });
    const python = files.filter((file) => file.path.endsWith('.py'));
    expect(python.length).to.be.greaterThan(3);
    for (const file of python) expect(file.contents.split('\n')[0], file.path).to.equal(PYTHON_CODING_LINE);
  });

  it('a "coding: unicode_escape" title cannot turn escaped example values into Python code', async () => {
    const root = temp.make();
    const canary = path.join(root, 'CANARY');
    const coding = '# -*- coding: unicode_escape -*-';
    // Escaped in a Python string literal; unicode_escape would unescape the quotes and run it.
    const payload = `"+__import__('os').system('touch ${canary}')+${INJECTION_CALL}+"`;
    const outDir = path.join(root, 'out');
    const { files } = await host.pipeline.generate({ specFile: 'spec.json', document: specCarrying(`${coding} ${payload}`, payload) });
    const written = writeFiles(outDir, files);

    // Every .py file compiled from its bytes, as the interpreter reads it (PEP 263 applies).
    const { problems } = checkOutputFiles(written);
    expect(problems, JSON.stringify(problems, null, 2)).to.deep.equal([]);

    // The data modules run as the interpreter would import them.
    const dataModules = ['perfplan_requests.py', 'perfplan_plan.py'].map((name) => path.join(outDir, 'locust', name));
    const run = (file: string) =>
      spawnSync(pythonCommand(), ['-c', "import sys; f = sys.argv[1]; exec(compile(open(f, 'rb').read(), f, 'exec'), {})", file], { cwd: root, encoding: 'utf8' });
    for (const file of dataModules) {
      const result = run(file);
      expect(result.status, `${file}: ${result.stderr}`).to.equal(0);
      expect(fs.existsSync(canary), `${path.basename(file)} ran the spec's code`).to.equal(false);
    }

    // The payload is there and would run if line 1 declared unicode_escape: the check above can fail.
    const requests = fs.readFileSync(dataModules[0]!, 'utf8');
    expect(requests).to.contain(`__import__('os').system(`);
    const declared = path.join(root, 'declared.py');
    fs.writeFileSync(declared, `${coding}\n${requests.split('\n').slice(1).join('\n')}`);
    run(declared);
    expect(fs.existsSync(canary), 'the payload runs once the file declares unicode_escape').to.equal(true);
  });
});
