import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';
import { planPerformanceTests } from '../../src/index.js';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

const ONE_OPERATION = 'openapi: 3.0.3\ninfo: {title: one, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {"200": {description: ok}}\n';
const WEBHOOKS_ONLY =
  'openapi: 3.1.0\ninfo: {title: hooks, version: "1"}\nwebhooks:\n  newPet:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses: {"200": {description: ok}}\n';
const ALL_SKIPPED = ONE_OPERATION.replace('operationId: getA\n', 'operationId: getA\n      x-perfplan: {skip: true}\n');

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

/** Each fixture is one class of config mistake that used to pass silently with exit 0. */
describe('config mistakes are errors (exit 2, naming the key and a fix)', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  function config(values: Record<string, unknown>): string {
    return project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', ...values }));
  }

  async function refused(args: string[]) {
    const run = await perfplan(args);
    expect(run.error?.oclif?.exit, run.stdout + run.stderr).to.equal(2);
    expect(project.exists('out'), 'nothing is written').to.equal(false);
    return run;
  }

  it('an unknown profile name: the key, the nearest strategy and every registered one', async () => {
    const { stderr } = await refused(['generate', '--config', config({ profiles: { standrd: { virtualUsers: 5 } } })]);
    expect(stderr).to.contain('profiles.standrd: no profile strategy is named "standrd"; did you mean "standard"?');
    expect(stderr).to.contain('standard, critical-path, data-intensive, stress, spike, mixed, soak, workflow');
    expect(stderr).to.contain('.perfplanrc.json').and.contain('code: config/unknown-profile');
  });

  it('a profile strategy registered by a plugin is a known profile name (checked after plugins load)', async () => {
    project.write(
      'org/acme.js',
      `export default { kind: 'profile', name: 'acme-standard', plan: ({ operations }) => operations.slice(0, 1).map((operation) => ({
  id: 'acme_' + operation.operationId, name: 'acme', type: 'load', rationale: 'acme', targets: [{ operationId: operation.operationId, weight: 1 }],
  profile: { name: 'acme-standard', title: 'ACME', virtualUsers: 1, durationSeconds: 1, rampUpSeconds: 0, rampDownSeconds: 0, thinkTimeSeconds: 1, expectedResponseTimeMs: 100, stages: [{ durationSeconds: 1, target: 1 }] },
  criteria: { p95Ms: 100, errorRate: 0.01, minThroughputRps: 0 } })) };\n`,
    );
    const file = config({ plugins: ['./org/acme.js'], profiles: { 'acme-standard': { virtualUsers: 3 } }, engines: ['k6'] });
    const { error } = await perfplan(['generate', '--config', file, '--dry-run']);
    expect(error, String(error?.message)).to.equal(undefined);
    const typo = await refused(['generate', '--config', config({ plugins: ['./org/acme.js'], profiles: { 'acme-standart': {} } })]);
    expect(typo.stderr).to.contain('did you mean "acme-standard"?');
  });

  it('include/exclude patterns that match nothing name the item, config or flag', async () => {
    const fromConfig = await refused(['generate', '--config', config({ include: ['getPetById', 'GET /pets/**'] })]);
    expect(fromConfig.stderr).to.contain('include[1]: "GET /pets/**" matches no operation of the spec; did you mean "GET /pet/**"?');
    const excluded = await refused(['generate', '--config', config({ exclude: ['tag:pets'] })]);
    expect(excluded.stderr).to.contain('exclude[0]: "tag:pets" matches no operation of the spec; did you mean "tag:pet"?');
    const fromFlag = await refused(['generate', PETSTORE, '-o', project.path('out'), '--include', 'getPetByld']);
    expect(fromFlag.stderr).to.contain('--include: "getPetByld" matches no operation of the spec; did you mean "getPetById"?');
    expect(fromFlag.stderr).to.not.contain('file:');
  });

  it('a workflow naming an unknown operationId: its key path and the nearest operationId', async () => {
    const { stderr } = await refused([
      'generate',
      '--config',
      config({ workflows: [{ name: 'adopt', steps: [{ operationId: 'addPet' }, { operationId: 'getPetByld' }] }] }),
    ]);
    expect(stderr).to.contain('workflows[0].steps[1].operationId: workflow "adopt" names operationId "getPetByld", which the spec does not have; did you mean "getPetById"?');
  });

  it('an unknown engine stops before the spec is read, the same way from the config and from --engines', async () => {
    const missingSpec = project.path('not-there.yaml');
    const fromConfig = await refused(['generate', '--config', config({ spec: missingSpec, engines: ['k6', 'k7'] })]);
    expect(fromConfig.stderr).to.contain('engines[1]: no renderer is named "k7"; did you mean "k6"? Registered renderers: k6, jmeter, locust.');
    expect(fromConfig.stderr).to.contain('code: config/unknown-engine').and.not.contain('not-there.yaml');
    const fromFlag = await refused(['generate', missingSpec, '-o', project.path('out'), '--engines', 'jmeter,locus']);
    expect(fromFlag.stderr).to.contain('--engines: no renderer is named "locus"; did you mean "locust"?');
  });

  it('several mistakes are reported together', async () => {
    const { stderr } = await refused(['generate', '--config', config({ include: ['nope'], workflows: [{ name: 'w', steps: [{ operationId: 'nope' }] }] })]);
    expect(stderr).to.contain('(2 problems)').and.contain('  - include[0]:').and.contain('  - workflows[0].steps[0].operationId:');
  });

  it('analyzers and renderOptions keys must name registered plugins too', async () => {
    const { stderr } = await refused(['generate', '--config', config({ analyzers: { 'critical-paths': {} }, renderOptions: { locusts: {} } })]);
    expect(stderr).to.contain('analyzers.critical-paths: no analyzer is named "critical-paths"; did you mean "critical-path"?');
    expect(stderr).to.contain('renderOptions.locusts: no renderer is named "locusts"; did you mean "locust"?');
  });

  it('the library refuses the same mistakes (status failed, the key in the message)', async () => {
    const result = await planPerformanceTests({ taskId: 't' }, { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} }, { settings: { profiles: { standrd: {} } } });
    expect(result.status).to.equal('failed');
    expect(result.errorMessage).to.contain('profiles.standrd');
  });
});

describe('a plan with no test cases', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('is a config error (exit 2) when include and exclude leave no operation', async () => {
    const file = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', include: ['tag:pet'], exclude: ['tag:pet'] }));
    const { error, stderr } = await perfplan(['generate', '--config', file]);
    expect(error?.oclif?.exit).to.equal(2);
    expect(stderr).to.contain("exclude: include and exclude leave none of the spec's 19 operations to test");
    expect(stderr).to.contain('code: plan/empty');
    expect(project.exists('out')).to.equal(false);
  });

  it('is written, exit 0, with a note naming the file when the spec only describes webhooks (no mistake: nothing to call)', async () => {
    const spec = project.write('hooks.yaml', WEBHOOKS_ONLY);
    const { error, stderr, stdout } = await perfplan(['generate', spec, '-o', project.path('out')]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stdout).to.contain('(0 test cases, 0 operations)');
    expect(stdout).to.contain('Nothing to test: hooks.yaml describes 1 webhook and no operations under paths. Webhooks are requests the API sends to its subscribers, not requests to the API');
    expect(stdout).not.to.contain('spec problem');
    expect(stderr).not.to.contain('Warning');
    const validated = await perfplan(['validate', spec]);
    expect(validated.error, validated.stdout).to.equal(undefined);
    expect(validated.stdout).to.contain('0 errors, 0 warnings, 1 note');
  });

  it('is written with a warning naming the file when the spec has no operations and no webhooks', async () => {
    const spec = project.write('empty.yaml', 'openapi: 3.0.3\ninfo: {title: empty, version: "1"}\npaths: {}\n');
    const { error, stderr } = await perfplan(['generate', spec, '-o', project.path('out')]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stderr).to.contain('Warning: empty.yaml has no operations under paths: the plan has no test cases.');
  });

  it('is written with a warning when --types asks only for types the spec has none of', async () => {
    const spec = project.write('one.yaml', ONE_OPERATION);
    const { error, stderr } = await perfplan(['generate', spec, '-o', project.path('out'), '--types', 'workflow']);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stderr).to.match(/Warning: --types workflow keeps none of the \d+ planned test cases \(types load, stress, spike, mixed, soak\)/);
  });

  it('is written with a warning when the spec skips every operation', async () => {
    const spec = project.write('skipped.yaml', ALL_SKIPPED);
    const { error, stderr } = await perfplan(['generate', spec, '-o', project.path('out')]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stderr).to.contain('Warning: Every selected operation (1) is marked x-perfplan skip: true');
  });

  it('is a generation failure (exit 1) when the profile strategies return nothing for the operations', async () => {
    const nothing = { kind: 'profile' as const, name: 'standard', plan: () => [] };
    const plugins = [...builtinAnalyzers, nothing].map((plugin) => ({ plugin, source: 'test' }));
    let caught: { code?: string; exitCode?: number; message?: string } | undefined;
    try {
      await pipelineOf(createContainer({ plugins })).plan(PETSTORE);
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught?.code).to.equal('plan/empty');
    expect(caught?.exitCode).to.equal(1);
    expect(caught?.message).to.contain('planned no test case for the 19 selected operations');
  });
});
