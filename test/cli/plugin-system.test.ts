import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

describe('plugin system', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('(a) loads an outside renderer package by its short name and writes its file', async () => {
    project.installPackage(path.join(FIXTURES_DIR, 'outside-renderer'), 'perfplan-plugin-csv');
    const config = project.write(
      '.perfplanrc.json',
      JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['csv'], engines: ['csv', 'k6'] }),
    );
    const { error, stdout } = await perfplan(['generate', '--config', config]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stdout).to.match(/Wrote \d+ files/);
    const csv = project.read('out/csv/test-cases.csv').split('\n');
    expect(csv[0]).to.equal('id,type,operations,virtualUsers,p95Ms');
    // the standard load: 14 users in flight carry 10 thinking users' rate up to the 1 s p95.
    expect(csv).to.include('load_addPet,load,addPet,14,1000');
    expect(project.exists('out/k6/load.js')).to.equal(true);
    expect(project.read('out/PLAN.md')).to.contain('column -s, -t < csv/test-cases.csv');

    const listed = await perfplan(['plugins', '--config', config, '--json']);
    const plugins = JSON.parse(listed.stdout).plugins as Array<{ kind: string; name: string; source: string }>;
    const csvEntry = plugins.find((plugin) => plugin.name === 'csv');
    expect(csvEntry?.kind).to.equal('renderer');
    expect(csvEntry?.source).to.contain('perfplan-plugin-csv');
    expect(plugins.find((plugin) => plugin.name === 'k6')?.source).to.equal('first-party (plugins/k6)');
  });

  it('(b) an organisation strategy named "standard" replaces the built-in one and changes the plan', async () => {
    project.write(
      'org/standard.js',
      `import { defineProfileStrategy } from 'perfplan/plugin';
export default defineProfileStrategy({
  name: 'standard',
  description: 'ACME standard: 50 users for 5 minutes, p95 < 300 ms',
  plan({ operations }) {
    return operations.map((operation) => ({
      id: 'acme_' + operation.operationId.replace(/[^A-Za-z0-9_]/g, '_'),
      name: 'ACME standard load: ' + operation.operationId,
      type: 'load',
      rationale: 'Every ACME service must hold 50 users.',
      targets: [{ operationId: operation.operationId, weight: 1 }],
      profile: { name: 'standard', title: 'ACME Standard', virtualUsers: 50, durationSeconds: 300, rampUpSeconds: 60, rampDownSeconds: 30,
        thinkTimeSeconds: 1, expectedResponseTimeMs: 150,
        stages: [{ durationSeconds: 60, target: 50 }, { durationSeconds: 300, target: 50 }, { durationSeconds: 30, target: 0 }] },
      criteria: { p95Ms: 300, errorRate: 0.001, minThroughputRps: 100 },
    }));
  },
});
`,
    );
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./org/standard.js'] }));
    const { error } = await perfplan(['generate', '--config', config, '--engines', 'k6']);
    expect(error, String(error?.message)).to.equal(undefined);
    const planFile = JSON.parse(project.read('out/plan.json'));
    const getInventory = planFile.testCases.find((testCase: { id: string }) => testCase.id === 'acme_getInventory');
    expect(getInventory, 'the org strategy planned getInventory').to.not.equal(undefined);
    expect(getInventory.profile.virtualUsers).to.equal(50);
    expect(getInventory.criteria.p95Ms).to.equal(300);
    expect(planFile.testCases.some((testCase: { id: string }) => testCase.id === 'load_getInventory')).to.equal(false);
    // Critical-path operations are still planned by the built-in critical-path strategy.
    expect(planFile.testCases.find((testCase: { id: string }) => testCase.id === 'load_loginUser')?.profile.loadModel.users).to.equal(20);
    expect(project.read('out/k6/load.js')).to.contain('p(95)<=300');

    const listed = await perfplan(['plugins', '--config', config]);
    expect(listed.stdout).to.match(/standard\s+config: \.\/org\/standard\.js/);
    expect(listed.stdout).to.match(/replaces standard from built-in/);
  });

  it('(c) a renderer whose render throws is reported by name with exit 1, and the old output survives', async () => {
    project.write(
      'boom.js',
      `export default { kind: 'renderer', name: 'boom', render() { throw new Error('template exploded'); } };\n`,
    );
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./boom.js'] }));
    const first = await perfplan(['generate', '--config', config, '--engines', 'k6']);
    expect(first.error, String(first.error?.message)).to.equal(undefined);
    const before = project.read('out/k6/load.js');

    const { error, stderr } = await perfplan(['generate', '--config', config]);
    expect(error?.oclif?.exit).to.equal(1);
    expect(stderr).to.contain('Renderer "boom" failed: template exploded');
    expect(project.read('out/k6/load.js')).to.equal(before);
  });

  it('a renderer that yields files and then throws is reported the same way; the files already written are dropped', async () => {
    project.write(
      'halfway.js',
      `export default { kind: 'renderer', name: 'halfway', *render() { yield { path: 'halfway/one.txt', contents: 'one\\n' }; throw new Error('ran out of templates'); } };\n`,
    );
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./halfway.js'] }));
    const first = await perfplan(['generate', '--config', config, '--engines', 'k6']);
    expect(first.error, String(first.error?.message)).to.equal(undefined);
    const before = project.read('out/k6/load.js');

    const { error, stderr } = await perfplan(['generate', '--config', config]);
    expect(error?.oclif?.exit).to.equal(1);
    expect(stderr).to.contain('Renderer "halfway" failed: ran out of templates');
    expect(project.read('out/k6/load.js')).to.equal(before);
    expect(project.exists('out/halfway/one.txt')).to.equal(false);
    // No staging folder is left beside the output.
    expect(fs.readdirSync(project.dir).filter((name) => name.startsWith('.perfplan-'))).to.deep.equal([]);
  });
});
