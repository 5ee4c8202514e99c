import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';
import { STACK_LINE, runCli } from '../helpers/run-cli.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

describe('bad input gets one clear message and the right exit code', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  const cases: Array<{ name: string; setup: (p: TempProject) => string[]; exit: number; message: RegExp[] }> = [
    {
      name: 'missing spec file',
      setup: () => ['generate', 'nope/openapi.yaml'],
      exit: 2,
      message: [/nope\/openapi\.yaml/, /not found|does not exist|no such/i],
    },
    {
      name: 'unreadable YAML',
      setup: (p) => [
        'generate',
        p.write('broken.yaml', 'openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths:\n  /a: [unclosed\n'),
      ],
      exit: 1,
      message: [/broken\.yaml/, /line \d+/i, /column \d+/i],
    },
    {
      name: 'a JSON file that is not OpenAPI',
      setup: (p) => ['generate', p.write('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }))],
      exit: 1,
      message: [/package\.json/, /not an OpenAPI|not OpenAPI|no "openapi"/i],
    },
    {
      name: 'an unsupported version',
      setup: (p) => ['generate', p.write('v4.yaml', 'openapi: 4.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n')],
      exit: 1,
      message: [/4\.0\.0/, /v4\.yaml/],
    },
    {
      name: 'a config with an unknown key',
      setup: (p) => ['generate', '--config', p.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, profile: {} }))],
      exit: 2,
      message: [/\.perfplanrc\.json/, /profile/, /profiles/],
    },
    {
      name: 'a plugin name that resolves to nothing',
      setup: (p) => ['generate', '--config', p.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, plugins: ['gatling'] }))],
      exit: 2,
      message: [/perfplan-plugin-gatling/, /@perfplan\/plugin-gatling/, /gatling/],
    },
    {
      name: 'an output path that is a file',
      setup: (p) => {
        p.write('taken', 'a file');
        return ['generate', PETSTORE, '--output', p.path('taken')];
      },
      exit: 2,
      message: [/taken/, /file/i],
    },
    {
      name: 'no spec and no config',
      setup: () => ['generate'],
      exit: 2,
      message: [/No OpenAPI spec/, /perfplan init/],
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: exit ${testCase.exit}, a message naming it, no stack trace`, () => {
      const args = testCase.setup(project);
      const run = runCli(args, { cwd: project.dir });
      expect(run.status, run.stderr).to.equal(testCase.exit);
      for (const pattern of testCase.message) expect(run.stderr).to.match(pattern);
      expect(run.stderr).to.not.match(STACK_LINE);
    });
  }

  it('prints the stack trace only with PERFPLAN_DEBUG=1', () => {
    const run = runCli(['generate', 'nope.yaml'], { cwd: project.dir, env: { PERFPLAN_DEBUG: '1' } });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(STACK_LINE);
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const { error } = await runCommand(['generate', PETSTORE, '--frobnicate'], { root: PROJECT_ROOT });
    expect(error?.oclif?.exit).to.equal(2);
  });

  it('keeps an existing output folder that perfplan did not create, unless --force', () => {
    project.write('out/notes.txt', 'mine');
    const refused = runCli(['generate', PETSTORE, '--output', 'out'], { cwd: project.dir });
    expect(refused.status).to.equal(2);
    expect(refused.stderr).to.contain('--force');
    expect(project.read('out/notes.txt')).to.equal('mine');
    const forced = runCli(['generate', PETSTORE, '--output', 'out', '--force'], { cwd: project.dir });
    expect(forced.status, forced.stderr).to.equal(0);
    expect(project.exists('out/PLAN.md')).to.equal(true);
  });

  it('keeps the previous output when a later run fails', () => {
    const first = runCli(['generate', PETSTORE, '--output', 'out'], { cwd: project.dir });
    expect(first.status, first.stderr).to.equal(0);
    const plan = project.read('out/PLAN.md');
    project.write('broken.yaml', 'openapi: 3.0.0\npaths: {\n');
    const failed = runCli(['generate', project.path('broken.yaml'), '--output', 'out'], { cwd: project.dir });
    expect(failed.status).to.equal(1);
    expect(project.read('out/PLAN.md')).to.equal(plan);
  });
});
