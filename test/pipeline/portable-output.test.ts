import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planPerformanceTests } from '../../src/index.js';
import { portableFile } from '../../src/pipeline/portable-paths.js';
import { FIXTURES_DIR, PROJECT_ROOT } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

// Class "portable output": no path of the machine goes into plan.json, PLAN.md or the scripts, so
// the same inputs copied with their output folder elsewhere give the same bytes.

/** A spec whose $refs give the bundler's own messages (a missing pointer, a file that does not parse, a missing file). */
const BAD_REFS = `openapi: 3.0.3
info: {title: bad refs, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - $ref: 'parts/params.yaml#/nope'
        - $ref: 'parts/broken.yaml#/x'
        - $ref: 'missing.yaml#/x'
      responses: {"200": {description: ok}}
`;

interface Run {
  /** Arguments of generate, relative to the project folder (made absolute when run). */
  args: string[];
  out: string;
}

/** Specs with diagnostics naming files (external files read, refs refused, bundler errors, a config key), each with its output folder. */
function layOut(project: TempProject): Run[] {
  fs.cpSync(path.join(FIXTURES_DIR, 'openapi', 'multi-file'), project.path('api'), { recursive: true });
  fs.cpSync(path.join(FIXTURES_DIR, 'openapi', 'outside-ref'), project.path('outside'), { recursive: true });
  project.write('bad/openapi.yaml', BAD_REFS);
  project.write('bad/parts/params.yaml', 'page: {name: page, in: query, schema: {type: integer}}\n');
  project.write('bad/parts/broken.yaml', 'x: [unclosed\n');
  fs.cpSync(path.join(FIXTURES_DIR, 'request-classes', 'webhooks-only-3.1.yaml'), project.path('hooks', 'webhooks-only-3.1.yaml'));
  // A config in a folder of its own whose `types` keeps nothing: a warning naming the config file.
  project.write('config/.perfplanrc.json', JSON.stringify({ spec: '../api/openapi.yaml', output: '../out-config', types: ['workflow'], include: ['listPets'] }));
  return [
    { args: ['api/openapi.yaml', '-o', 'out-api'], out: 'out-api' },
    { args: ['outside/api/openapi.yaml', '-o', 'out-outside'], out: 'out-outside' },
    { args: ['bad/openapi.yaml', '-o', 'out-bad'], out: 'out-bad' },
    { args: ['hooks/webhooks-only-3.1.yaml', '-o', 'out-hooks'], out: 'out-hooks' },
    { args: ['--config', 'config/.perfplanrc.json'], out: 'out-config' },
  ];
}

async function generate(project: TempProject, run: Run, extra: string[] = []) {
  const args = run.args.map((arg) => (arg.startsWith('-') ? arg : project.path(arg)));
  return runCommand(['generate', ...args, ...extra], { root: PROJECT_ROOT });
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Folders of this machine no output may name. */
function machinePaths(project: TempProject): string[] {
  const tmp = os.tmpdir();
  return [...new Set([project.dir, PROJECT_ROOT, process.cwd(), os.homedir(), tmp, fs.realpathSync(tmp)])].map((folder) => `${folder.replace(/\/+$/, '')}/`);
}

describe('portable output: no path of the machine in what generate writes', function () {
  this.timeout(60_000);
  let project: TempProject;
  let runs: Run[];
  before(async () => {
    project = new TempProject('perfplan-portable-');
    runs = layOut(project);
    for (const run of runs) {
      const result = await generate(project, run);
      expect(result.error, `${run.args.join(' ')}: ${result.stderr}`).to.equal(undefined);
    }
  });
  after(() => project.remove());

  it('plan.json, PLAN.md and the scripts name files relative to the spec\'s folder (the config by its file name), never by an absolute path', () => {
    const found: string[] = [];
    for (const run of runs) {
      for (const file of filesUnder(project.path(run.out))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const folder of machinePaths(project)) if (text.includes(folder)) found.push(`${path.relative(project.dir, file)} names ${folder}`);
      }
    }
    expect(found).to.deep.equal([]);
    const plan = JSON.parse(project.read('out-api/plan.json')) as { plan: { diagnostics: Array<{ code: string; file?: string; message: string }> } };
    const read = plan.plan.diagnostics.filter((diagnostic) => diagnostic.code === 'spec/external-file-read').map((diagnostic) => diagnostic.file);
    expect(read).to.include('components/schemas.yaml');
    const config = JSON.parse(project.read('out-config/plan.json')) as typeof plan;
    expect(config.plan.diagnostics.find((diagnostic) => diagnostic.code === 'plan/no-test-cases')?.file).to.equal('.perfplanrc.json');
    const hooks = JSON.parse(project.read('out-hooks/plan.json')) as typeof plan;
    expect(hooks.plan.diagnostics.map((diagnostic) => diagnostic.file)).to.deep.equal(['webhooks-only-3.1.yaml']);
    const outside = JSON.parse(project.read('out-outside/plan.json')) as typeof plan;
    expect(outside.plan.diagnostics.find((diagnostic) => diagnostic.code === 'spec/ref-outside-folder')?.message).to.contain(
      'points to ../shared/parameters.yaml, outside the spec\'s folder;',
    );
    const bad = JSON.parse(project.read('out-bad/plan.json')) as typeof plan;
    expect(bad.plan.diagnostics.map((diagnostic) => diagnostic.message)).to.include('Error parsing parts/broken.yaml: line 2, column 1: unexpected end of the stream within a flow collection; the referenced value is treated as empty.');
  });

  it('generate --check passes for the same specs and output folders copied to another folder', async () => {
    const moved = new TempProject('perfplan-portable-moved-');
    try {
      for (const entry of fs.readdirSync(project.dir)) {
        if (entry !== 'node_modules') fs.cpSync(project.path(entry), moved.path(entry), { recursive: true });
      }
      for (const run of runs) {
        const checked = await generate(moved, run, ['--check']);
        expect(checked.error, `${run.args.join(' ')}: ${checked.stderr}`).to.equal(undefined);
        expect(checked.stdout).to.contain('is up to date');
      }
    } finally {
      moved.remove();
    }
  });

  it('the library names the spec relative to its folder in the plan it returns', async () => {
    const spec = { openapi: '3.1.0', info: { title: 'hooks', version: '1' }, webhooks: { ping: { post: { responses: { '200': { description: 'ok' } } } } } };
    const result = await planPerformanceTests({ taskId: 't', specId: 'events' }, spec, { baseDir: project.dir });
    expect(result.status, String(result.errorMessage)).to.equal('success');
    expect(result.plan?.diagnostics.map((diagnostic) => diagnostic.file)).to.deep.equal(['events.json']);
  });

  it('generate --check passes when the output folder alone moves (nothing in it depends on where it is)', async () => {
    const moved = runs.find((run) => run.out === 'out-api')!;
    fs.mkdirSync(project.path('elsewhere'), { recursive: true });
    fs.cpSync(project.path(moved.out), project.path('elsewhere', 'deeper', moved.out), { recursive: true });
    const checked = await generate(project, { args: ['api/openapi.yaml', '-o', 'elsewhere/deeper/out-api'], out: 'elsewhere/deeper/out-api' }, ['--check']);
    expect(checked.error, checked.stderr).to.equal(undefined);
    expect(checked.stdout).to.contain('is up to date');
  });

  it('portableFile: relative with / from the base; remote URLs kept', () => {
    expect(portableFile('/a/b/spec/x.yaml', '/a/b/out')).to.equal('../spec/x.yaml');
    expect(portableFile('/a/b/out/x.yaml', '/a/b/out')).to.equal('x.yaml');
    expect(portableFile('https://example.com/api/openapi.yaml', '/a/b/out')).to.equal('https://example.com/api/openapi.yaml');
    expect(portableFile('file:///a/b/spec/x.yaml', '/a/b')).to.equal('spec/x.yaml');
  });
});
