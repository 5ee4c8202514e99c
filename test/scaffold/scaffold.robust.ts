import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, PERFPLAN_DEBUG: '' } });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function npm(args: string[], cwd: string) {
  return run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], cwd);
}

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

/** The operationIds of the spec's operations with a tag. */
function taggedOperations(spec: string, tag: string): string[] {
  const document = yaml.load(fs.readFileSync(spec, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>> };
  return Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .filter((operation) => operation.tags?.includes(tag))
    .map((operation) => operation.operationId!)
    .sort();
}

/**
 * A user's project: perfplan installed from `npm pack` of this checkout, then each kind of plugin
 * scaffolded with `perfplan plugin new`, installed with `npm i -D ./perfplan-plugin-NAME`, its own
 * tests run (`npm test`) and its JavaScript type-checked, and `perfplan generate` run with a
 * config that names the three plugins. Slow: npm installs (from the npm cache when it can).
 */
describe('perfplan plugin new: each kind installs, tests and generates in a project', function () {
  this.timeout(900_000);
  let root: string;
  let project: string;
  let perfplan: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-scaffold-')));
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', root, '--json'], PROJECT_ROOT);
    expect(packed.status, packed.stderr).to.equal(0);
    const tarball = path.join(root, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'scaffold-user', private: true, type: 'module' }, null, 2)}\n`);
    const installed = npm(['install', '--save-dev', tarball], project);
    expect(installed.status, installed.stderr).to.equal(0);
    perfplan = path.join(project, 'node_modules', '.bin', 'perfplan');
    fs.copyFileSync(PETSTORE, path.join(project, 'openapi.yaml'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const plugins = [
    { kind: 'renderer', name: 'smoke' },
    { kind: 'strategy', name: 'store' },
    { kind: 'analyzer', name: 'tagcrit' },
  ];

  for (const { kind, name } of plugins) {
    it(`${kind}: plugin new writes a package whose own tests pass and whose JavaScript type-checks, and npm installs it`, () => {
      const created = run(perfplan, ['plugin', 'new', kind, name], project);
      expect(created.status, created.stderr).to.equal(0);
      const dir = path.join(project, `perfplan-plugin-${name}`);
      const tested = run('npm', ['test'], dir);
      expect(tested.status, `${tested.stdout}\n${tested.stderr}`).to.equal(0);
      expect(tested.stdout).to.match(/# fail 0/).and.match(/# pass [1-9]/);
      // Against the types of the installed perfplan (exports "types"), with this checkout's TypeScript.
      const checked = run(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'jsconfig.json'], dir);
      expect(checked.status, checked.stdout).to.equal(0);
      const installed = npm(['install', '--save-dev', `./perfplan-plugin-${name}`], project);
      expect(installed.status, installed.stderr).to.equal(0);
      expect(fs.realpathSync(path.join(project, 'node_modules', `perfplan-plugin-${name}`))).to.equal(dir);
    });
  }

  it('a config naming them by name: perfplan plugins shows them and the routing, generate uses each', () => {
    fs.writeFileSync(
      path.join(project, 'perfplan.config.ts'),
      [
        "import { defineConfig } from 'perfplan';",
        '',
        'export default defineConfig({',
        "  spec: 'openapi.yaml',",
        "  plugins: ['smoke', 'store', 'tagcrit'],",
        "  engines: ['smoke'],",
        "  renderOptions: { smoke: { timeoutMs: 2500 } },",
        "  analyzers: { tagcrit: { criticalTags: ['user'] } },",
        '});',
        '',
      ].join('\n'),
    );
    const listed = run(perfplan, ['plugins', 'openapi.yaml', '--json'], project);
    expect(listed.status, listed.stderr).to.equal(0);
    const report = JSON.parse(listed.stdout) as {
      plugins: Array<{ kind: string; name: string; source: string }>;
      resultReaders: Array<{ engine: string; providedBy: string }>;
      routing: { strategies: Array<{ name: string; testType: string | null; operations: string[] }> };
    };
    for (const [kind, name] of [['renderer', 'smoke'], ['profile', 'store'], ['analyzer', 'tagcrit']]) {
      const plugin = report.plugins.find((candidate) => candidate.kind === kind && candidate.name === name);
      // Loaded as the package (npm links it to the folder, so the file shown is the folder's).
      expect(plugin?.source, `${kind} ${name}`).to.equal(`config: perfplan-plugin-${name} (perfplan-plugin-${name}/index.js)`);
    }
    expect(report.resultReaders).to.deep.include({ engine: 'smoke', source: report.plugins.find((p) => p.name === 'smoke')!.source, providedBy: 'renderer' });
    const storeOperations = taggedOperations(PETSTORE, 'store');
    expect(storeOperations.length).to.be.greaterThan(1);
    const store = report.routing.strategies.find((strategy) => strategy.name === 'store');
    expect(store?.testType).to.equal('load');
    expect([...(store?.operations ?? [])].sort()).to.deep.equal(storeOperations);
    for (const other of report.routing.strategies.filter((strategy) => strategy.name !== 'store' && strategy.testType === 'load')) {
      for (const operationId of storeOperations) expect(other.operations, other.name).not.to.include(operationId);
    }

    const generated = run(perfplan, ['generate'], project);
    expect(generated.status, generated.stderr).to.equal(0);
    const out = path.join(project, 'perfplan-out');
    // The renderer: its file, with the option from the config, and its run instructions in PLAN.md.
    const script = fs.readFileSync(path.join(out, 'smoke', 'smoke.mjs'), 'utf8');
    expect(script).to.contain('const timeoutMs = 2500;');
    expect(run(process.execPath, ['--check', path.join(out, 'smoke', 'smoke.mjs')], project).status).to.equal(0);
    expect(fs.readFileSync(path.join(out, 'PLAN.md'), 'utf8')).to.contain('node perfplan-out/smoke/smoke.mjs');
    const plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')) as {
      testCases: Array<{ id: string; type: string; targets: Array<{ operationId: string }>; criteria: { p95Ms: number } }>;
      plan: { analysis: { operations: Array<{ operationId: string; category: string; critical?: { reason: string } }> } };
    };
    // The strategy: the load test of each store operation is its own.
    for (const operationId of storeOperations) {
      const load = plan.testCases.filter((testCase) => testCase.type === 'load' && testCase.targets.some((target) => target.operationId === operationId));
      expect(load.map((testCase) => testCase.id), operationId).to.deep.equal([`store_${operationId}`]);
      expect(load[0].criteria.p95Ms).to.equal(300);
    }
    // The analyzer: user operations nothing else marked are critical, for the reason it gives.
    const marked = plan.plan.analysis.operations.filter((operation) => operation.critical?.reason.includes('tagcrit analyzer'));
    expect(marked.map((operation) => operation.operationId)).to.include('getUserByName');
    for (const operation of marked) expect(operation.category).to.equal('critical');
  });
});
