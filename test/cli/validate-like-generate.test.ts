import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');
const BAD_WEIGHT = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      x-perfplan: {weight: high}\n      responses: {"200": {description: ok}}\n';

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

function exitOf(run: { error?: { oclif?: { exit?: number } } }): number {
  return run.error?.oclif?.exit ?? 0;
}

describe('validate runs every check generate runs, and writes nothing', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('an invalid x-perfplan (weight: high) fails validate as it fails generate, with its pointer', async () => {
    const spec = project.write('spec.yaml', BAD_WEIGHT);
    const validated = await perfplan(['validate', spec]);
    const generated = await perfplan(['generate', spec, '-o', project.path('out')]);
    expect(exitOf(generated)).to.equal(1);
    expect(exitOf(validated)).to.equal(exitOf(generated));
    expect(validated.stdout).to.contain('spec/x-perfplan-invalid at #/paths/~1a/get/x-perfplan/weight');
    expect(validated.stdout).to.contain('weight "high" is not a number from 0.001 to 10000');
  });

  it('lists every config and spec problem at once with its key or pointer, and exits as generate does', async () => {
    const spec = project.write('spec.yaml', BAD_WEIGHT);
    const config = project.write(
      '.perfplanrc.json',
      JSON.stringify({ spec: 'spec.yaml', output: 'out', profiles: { standrd: {} }, include: ['getB'], workflows: [{ name: 'w', steps: [{ operationId: 'getAA' }] }] }),
    );
    const validated = await perfplan(['validate', '--config', config, '--json']);
    const report = JSON.parse(validated.stdout) as { valid: boolean; problems: Array<{ code: string; pointer?: string; file?: string; exitCode: number }> };
    expect(report.valid).to.equal(false);
    expect(report.problems.map((problem) => [problem.code, problem.pointer])).to.deep.equal([
      ['config/unknown-profile', 'profiles.standrd'],
      ['spec/x-perfplan-invalid', '#/paths/~1a/get/x-perfplan/weight'],
      ['config/filter-matches-nothing', 'include[0]'],
      ['config/workflow-unknown-operation', 'workflows[0].steps[0].operationId'],
    ]);
    expect(report.problems[0].file).to.equal(config);
    expect(report.problems[1].file).to.equal(spec);
    const generated = await perfplan(['generate', '--config', config]);
    expect(exitOf(generated)).to.equal(2);
    expect(exitOf(validated)).to.equal(exitOf(generated));
    expect(project.exists('out')).to.equal(false);
  });

  it('gives the exit code generate gives, for each class of mistake', async () => {
    const spec = project.write('spec.yaml', BAD_WEIGHT);
    const cases: Array<[string, Record<string, unknown>]> = [
      ['clean', { spec: PETSTORE }],
      ['unknown engine', { spec: PETSTORE, engines: ['k7'] }],
      ['filter matching nothing', { spec: PETSTORE, exclude: ['GET /nothing'] }],
      ['empty selection', { spec: PETSTORE, include: ['tag:store'], exclude: ['tag:store'] }],
      ['invalid x-perfplan', { spec }],
    ];
    const codes: Array<[string, number, number]> = [];
    for (const [name, values] of cases) {
      const config = project.write(`${name.replace(/ /g, '-')}.json`, JSON.stringify({ output: 'out', ...values }));
      const validated = await perfplan(['validate', '--config', config]);
      const generated = await perfplan(['generate', '--config', config, '--dry-run']);
      codes.push([name, exitOf(validated), exitOf(generated)]);
    }
    expect(codes).to.deep.equal([
      ['clean', 0, 0],
      ['unknown engine', 2, 2],
      ['filter matching nothing', 2, 2],
      ['empty selection', 2, 2],
      ['invalid x-perfplan', 1, 1],
    ]);
  });

  it('reports the plan it checked: operations and test cases, pluralised', async () => {
    const spec = project.write('one.yaml', 'openapi: 3.0.3\ninfo: {title: one, version: "1"}\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok}}\n');
    const { stdout, error } = await perfplan(['validate', spec]);
    expect(error).to.equal(undefined);
    expect(stdout).to.match(/^one 1 \(openapi-3\.0, 1 operation, \d+ test cases planned\): 0 errors, 0 warnings, 0 notes\.$/m);
  });
});
