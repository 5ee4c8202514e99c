import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/run-cli.js';

const README = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The fenced code block of `language` that follows `heading` in the README (the `index`-th one). */
function readmeBlock(heading: string, language: string, index = 0): string {
  const section = README.slice(README.indexOf(heading));
  const blocks = [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))];
  expect(blocks.length, `${language} block ${index} after ${heading}`).to.be.greaterThan(index);
  return blocks[index][1];
}

/** A folder like a user's project where perfplan is not installed (global or npx use): no node_modules at all. */
/** The CLI in this process, in `dir` (quicker than a child process); its exit code and output. */
async function inFolder(dir: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    const { error, stdout, stderr } = await runCommand(args, { root: PROJECT_ROOT });
    return { status: error?.oclif?.exit ?? (error ? 1 : 0), stdout, stderr: stderr || String(error?.message ?? '') };
  } finally {
    process.chdir(previous);
  }
}

function bareFolder(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-bare-')));
}

/** A shop API with what the README's config example names: tag orders, /catalog paths and its workflow's operations. */
const SHOP_SPEC = `openapi: 3.0.3
info: {title: shop, version: "1"}
paths:
  /catalog/items:
    get: {operationId: listItems, responses: {"200": {description: ok}}}
  /catalog/items/{id}:
    get:
      operationId: getItem
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok}}
  /cart/items:
    post: {operationId: addToCart, tags: [orders], requestBody: {content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}}, responses: {"201": {description: ok}}}
  /checkout:
    post: {operationId: checkout, tags: [orders], responses: {"200": {description: ok}}}
  /everything:
    delete: {operationId: deleteEverything, tags: [orders], responses: {"204": {description: ok}}}
`;

describe('init and the README examples work as written', function () {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('perfplan init, then generate, in a folder where perfplan is not installed', async () => {
    const dir = bareFolder();
    folders.push(dir);
    fs.copyFileSync(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), path.join(dir, 'openapi.yaml'));
    const init = await inFolder(dir, ['init']);
    expect(init.status, init.stderr).to.equal(0);
    expect(fs.readFileSync(path.join(dir, 'perfplan.config.ts'), 'utf8')).to.contain("import { defineConfig } from 'perfplan';");
    const generate = await inFolder(dir, ['generate']);
    expect(generate.status, generate.stderr).to.equal(0);
    expect(fs.existsSync(path.join(dir, 'perfplan-out', 'k6', 'load.js'))).to.equal(true);
  });

  it("the README's config example loads as copied, and generate and validate accept it", async () => {
    const dir = bareFolder();
    folders.push(dir);
    fs.writeFileSync(path.join(dir, 'perfplan.config.ts'), readmeBlock('## Configuration', 'ts'));
    fs.writeFileSync(path.join(dir, 'openapi.yaml'), SHOP_SPEC);
    const validate = await inFolder(dir, ['validate']);
    expect(validate.status, validate.stdout + validate.stderr).to.equal(0);
    const generate = await inFolder(dir, ['generate', '--json', '--dry-run']);
    expect(generate.status, generate.stderr).to.equal(0);
    const result = JSON.parse(generate.stdout) as { metadata: { performanceFrameworks: string[] }; plan: { workflows: Array<{ id: string }> }; files: Array<{ path: string }> };
    expect(result.metadata.performanceFrameworks).to.deep.equal(['k6', 'locust']);
    expect(result.plan.workflows.map((workflow) => workflow.id)).to.include('workflow_checkout');
    expect(result.files.map((file) => file.path)).to.include('k6/load.js');
  });

  it("the README's plugin example, installed as the README says, renders its file", () => {
    const project = new TempProject();
    try {
      const manifest = JSON.parse(readmeBlock('## Writing a plugin', 'json')) as { name: string; exports?: unknown };
      expect(manifest.exports, 'the plugin package.json has exports').to.equal('./index.js');
      project.write('perfplan-plugin-csv/package.json', JSON.stringify(manifest));
      project.write('perfplan-plugin-csv/index.js', readmeBlock('## Writing a plugin', 'js'));
      expect(README).to.contain('npm i -D ./perfplan-plugin-csv');
      // What `npm i -D ./perfplan-plugin-csv` leaves in node_modules: a link to the folder.
      fs.symlinkSync(project.path('perfplan-plugin-csv'), project.path('node_modules', 'perfplan-plugin-csv'), 'dir');
      project.write('.perfplanrc.json', JSON.stringify({ spec: fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), plugins: ['csv'], engines: ['csv'] }));
      const run = runCli(['generate'], { cwd: project.dir });
      expect(run.status, run.stderr).to.equal(0);
      expect(project.read('perfplan-out/csv/test-cases.csv')).to.match(/^load_addPet,load,\d+$/m);
    } finally {
      project.remove();
    }
  });

  it('a plugin that imports perfplan/plugin where perfplan is not installed: the message names that cause', () => {
    const dir = bareFolder();
    folders.push(dir);
    fs.copyFileSync(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), path.join(dir, 'openapi.yaml'));
    fs.mkdirSync(path.join(dir, 'my-plugin'));
    fs.writeFileSync(path.join(dir, 'my-plugin', 'package.json'), JSON.stringify({ name: 'my-plugin', type: 'module', exports: './index.js' }));
    fs.writeFileSync(path.join(dir, 'my-plugin', 'index.js'), "import { defineRenderer } from 'perfplan/plugin';\nexport default defineRenderer({ name: 'mine', render: () => [] });\n");
    fs.writeFileSync(path.join(dir, '.perfplanrc.json'), JSON.stringify({ spec: 'openapi.yaml', plugins: ['./my-plugin'] }));
    const run = runCli(['generate'], { cwd: dir });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.contain(`imports "perfplan", which Node cannot resolve from ${path.join(dir, 'my-plugin')}`);
    expect(run.stderr).to.contain('npm install --save-dev perfplan').and.contain('code: plugin/missing-dependency');
    expect(run.stderr).to.not.contain('Fix the error in');
  });
});
