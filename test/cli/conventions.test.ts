import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { BIN_RUN, PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/run-cli.js';
import { cutAtWord, renderPlanMarkdown } from '../../src/plan-renderer/index.js';
import { plural } from '../../src/plugin-api/index.js';
import type { TestPlan } from '../../src/model/index.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');
const COMMANDS = ['generate', 'analyze', 'validate', 'init', 'plugins', 'evaluate', 'plugin new'];

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

describe('oclif conventions', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('-h shows help on every command, like --help', async () => {
    for (const command of COMMANDS) {
      const { stdout, error } = await perfplan([...command.split(' '), '-h']);
      expect(error, `${command} -h: ${String(error?.message)}`).to.equal(undefined);
      expect(stdout, command).to.contain('USAGE').and.contain(`$ perfplan ${command}`);
    }
  });

  it('a mistyped command is a usage error (exit 2) that names the command meant', () => {
    const run = runCli(['genrate', 'openapi.yaml'], { cwd: project.dir });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.contain('"genrate" is not a perfplan command; did you mean "generate"?');
    expect(run.stderr).to.contain('analyze, evaluate, generate, init, plugin new, plugins, validate');
    const inTopic = runCli(['plugin', 'nwe', 'renderer', 'csv'], { cwd: project.dir });
    expect(inTopic.status).to.equal(2);
    expect(inTopic.stderr).to.contain('"plugin nwe" is not a perfplan command; did you mean "plugin new"?');
    const json = runCli(['valdate', '--json'], { cwd: project.dir });
    expect(json.status).to.equal(2);
    expect(JSON.parse(json.stdout).error).to.include({ code: 'usage/unknown-command', exitCode: 2 });
  });

  it('a mistyped flag names the flag meant', async () => {
    const { error, stderr } = await perfplan(['generate', PETSTORE, '--user', '5']);
    expect(error?.oclif?.exit).to.equal(2);
    expect(stderr).to.contain('Unknown flag: --user (did you mean --users?)');
    expect(stderr).to.contain('perfplan generate --help');
    const prefix = await perfplan(['generate', PETSTORE, '--dry']);
    expect(prefix.stderr).to.contain('--dry (did you mean --dry-run?)');
  });

  it('--json prints errors as JSON on stdout with the same exit code', async () => {
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, profiles: { standrd: {} } }));
    const generated = await perfplan(['generate', '--config', config, '--json']);
    expect(generated.error?.oclif?.exit).to.equal(2);
    const failed = JSON.parse(generated.stdout);
    expect(failed).to.include({ agentType: 'Performance-Planner-Agent', status: 'failed' });
    expect(failed.error).to.include({ code: 'config/unknown-profile', file: config, pointer: 'profiles.standrd', exitCode: 2 });
    expect(failed.error.fix).to.be.a('string').and.contain('plugins');
    expect(failed.errorMessage).to.equal(failed.error.message);

    const missing = await perfplan(['analyze', project.path('nope.yaml'), '--json']);
    expect(missing.error?.oclif?.exit).to.equal(2);
    expect(JSON.parse(missing.stdout).error.file).to.equal(project.path('nope.yaml'));

    const badFlag = await perfplan(['plugins', '--jsn', '--json']);
    expect(badFlag.error?.oclif?.exit).to.equal(2);
    expect(JSON.parse(badFlag.stdout).error.code).to.equal('usage/unknown-flag');
  });

  it('generate --json lists the files written with their sizes, beside the agent result', async () => {
    const { stdout, error } = await perfplan(['generate', PETSTORE, '-o', project.path('out'), '--json', '--engines', 'k6']);
    expect(error, String(error?.message)).to.equal(undefined);
    const result = JSON.parse(stdout) as { status: string; testCases: unknown[]; metadata: object; files: Array<{ path: string; bytes: number }>; outputDir: string };
    expect(result.status).to.equal('success');
    expect(result.metadata).to.include({ totalTestCases: result.testCases.length });
    expect(result.outputDir).to.equal(project.path('out'));
    expect(result.files.map((file) => file.path)).to.include.members(['PLAN.md', 'plan.json', 'k6/load.js']);
    for (const file of result.files) expect(file.bytes, file.path).to.equal(fs.statSync(project.path('out', file.path)).size);
  });

  it('counts agree with their nouns in what the commands print', async () => {
    const listed = await perfplan(['plugins']);
    expect(listed.stdout).to.match(/^profile strategies \(\d+\):$/m).and.not.contain('strategys');
    const spec = project.write('one.yaml', 'openapi: 3.0.3\ninfo: {title: one, version: "1"}\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok}}\n');
    const generated = await perfplan(['generate', spec, '-o', project.path('out'), '--engines', 'k6']);
    expect(generated.stdout).to.match(/\(\d+ test cases, 1 operation\)/);
    expect(project.read('out/PLAN.md')).to.contain('(OpenAPI 3.0.3, 1 operation)');
    expect([plural(1, 'problem'), plural(2, 'profile strategy'), plural(0, 'match')]).to.deep.equal(['1 problem', '2 profile strategies', '0 matches']);
  });

  it('NO_COLOR: help printed to a terminal has no colour codes with NO_COLOR set', function () {
    // `script` gives the child a terminal, where oclif colours its help.
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) this.skip();
    const help = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN_RUN)} generate --help`, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
      }).stdout;
    expect(help({}), 'colour on a terminal, so the check below can fail').to.contain('\u001b[');
    expect(help({ NO_COLOR: '1' })).to.contain('USAGE').and.not.contain('\u001b[');
  });
});

describe('PLAN.md never cuts a run instruction mid-word', () => {
  it('prints a long run instruction whole, and cuts other cells at a word boundary', () => {
    const description = `Run the load tests with ${'many options '.repeat(20)}and finally the end`;
    const plan = {
      source: { title: 't', version: '1', specVersion: '3.0.3', specFile: 's.yaml', operationCount: 1 },
      defaultBaseUrl: 'http://localhost:8080',
      defaultBaseUrlSource: 'config',
      timeScale: 1,
      analysis: {
        totals: { operations: 0, read: 0, write: 0, deprecated: 0 },
        operations: [],
        dependencies: [],
        authenticationRequired: false,
        complexity: { level: 'low', reasons: [] },
        recommendedLoadPatterns: [],
      },
      requests: [],
      testCases: [],
      workflows: [],
      auth: [],
      environment: [],
      diagnostics: [],
    } as unknown as TestPlan;
    const markdown = renderPlanMarkdown(plan, [{ engine: 'x', steps: [{ description, command: 'x run' }] }]);
    expect(markdown).to.contain(`${description}:`);
    const cut = cutAtWord(`${'word '.repeat(40)}tail`, 50);
    expect(cut.endsWith('word…')).to.equal(true);
    expect(cut.length).to.be.at.most(50);
  });
});
