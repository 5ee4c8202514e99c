import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

describe('perfplan analyze / validate / plugins / init', () => {
  it('analyze prints tables with critical paths and data-intensive operations and their reasons', async () => {
    const { stdout, error } = await perfplan(['analyze', PETSTORE]);
    expect(error).to.equal(undefined);
    expect(stdout).to.match(/operations\s+read\s+write/);
    expect(stdout).to.match(/Critical paths \(\d+\):/);
    expect(stdout).to.contain('"login" in path "/user/login"');
    expect(stdout).to.match(/uploadFile\s+file_upload\s+application\/octet-stream request body/);
    expect(stdout).to.match(/Complexity (low|medium|high):/);
  });

  it('analyze --json prints the analysis as data', async () => {
    const { stdout } = await perfplan(['analyze', PETSTORE, '--json']);
    const report = JSON.parse(stdout);
    expect(report.spec.operations).to.equal(19);
    expect(report.analysis.operations.find((operation: { operationId: string }) => operation.operationId === 'uploadFile').dataIntensive.category).to.equal(
      'file_upload',
    );
    expect(report.analysis.dependencies.length).to.be.greaterThan(0);
  });

  it('validate lists diagnostics with pointers and exits 0 for a clean spec', async () => {
    const clean = await perfplan(['validate', PETSTORE, '--json']);
    expect(clean.error).to.equal(undefined);
    expect(JSON.parse(clean.stdout).valid).to.equal(true);
    const project = new TempProject();
    try {
      const spec = project.write(
        'dangling.yaml',
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/Missing"\n      responses: {"200": {description: ok}}\n',
      );
      const broken = await perfplan(['validate', spec]);
      expect(broken.stdout).to.contain('#/paths/~1a/get/parameters/0');
      expect(broken.error?.oclif?.exit).to.equal(1);
      expect(broken.stderr).to.not.contain('EEXIT');
    } finally {
      project.remove();
    }
  });

  it('plugins lists built-in analyzers and strategies and the first-party renderers with their sources', async () => {
    const { stdout } = await perfplan(['plugins', '--json']);
    const plugins = JSON.parse(stdout).plugins as Array<{ kind: string; name: string; source: string }>;
    expect(plugins.filter((plugin) => plugin.kind === 'analyzer').map((plugin) => plugin.name)).to.include.members([
      'operations',
      'critical-path',
      'data-intensive',
      'dependencies',
      'complexity',
    ]);
    expect(plugins.filter((plugin) => plugin.kind === 'profile').map((plugin) => plugin.name)).to.include.members([
      'standard',
      'critical-path',
      'data-intensive',
      'stress',
      'spike',
      'soak',
      'mixed',
      'workflow',
    ]);
    expect(plugins.find((plugin) => plugin.kind === 'renderer' && plugin.name === 'k6')?.source).to.equal('first-party (plugins/k6)');
  });

  it('init writes a perfplan.config.ts that the next run loads, and refuses to overwrite it', async () => {
    const project = new TempProject();
    const previous = process.cwd();
    process.chdir(project.dir);
    try {
      const first = await perfplan(['init', '--spec', PETSTORE]);
      expect(first.error).to.equal(undefined);
      expect(project.read('perfplan.config.ts')).to.contain('defineConfig');
      const listed = await perfplan(['plugins', '--json']);
      expect(JSON.parse(listed.stdout).configFile).to.equal(project.path('perfplan.config.ts'));
      const generated = await perfplan(['generate', '--dry-run']);
      expect(generated.error, String(generated.error?.message)).to.equal(undefined);
      expect(generated.stdout).to.contain('k6/load.js');
      const again = await perfplan(['init']);
      expect(again.error?.oclif?.exit).to.equal(2);
      expect(again.stderr).to.contain('--force');
    } finally {
      process.chdir(previous);
      project.remove();
    }
  });

  it('every command has a description and examples in --help', async () => {
    for (const command of ['generate', 'analyze', 'validate', 'init', 'plugins']) {
      const { stdout } = await perfplan([command, '--help']);
      expect(stdout, command).to.contain('EXAMPLES');
      expect(stdout, command).to.match(/DESCRIPTION|USAGE/);
    }
  });
});
