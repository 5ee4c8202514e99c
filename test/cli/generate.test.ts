import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

describe('perfplan generate', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('writes PLAN.md, plan.json and k6/load.js with the standard profile defaults', async () => {
    const { error, stdout } = await runCommand(['generate', PETSTORE, '-o', project.path('out')], { root: PROJECT_ROOT });
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stdout).to.match(/Wrote \d+ files/);
    const plan = JSON.parse(project.read('out/plan.json'));
    expect(plan.agentType).to.equal('Performance-Planner-Agent');
    expect(plan.status).to.equal('success');
    expect(plan.metadata.totalTestCases).to.equal(plan.testCases.length);
    expect(plan.plan.source.operationCount).to.equal(19);
    const standard = plan.testCases.find((testCase: { id: string }) => testCase.id === 'load_getInventory');
    // 10 users thinking 1 s at 500 ms offer 6.667 req/s; 14 in flight carry it up to p95 + think = 2 s.
    expect(standard.profile).to.include({ virtualUsers: 14, targetRps: 6.667, durationSeconds: 60, rampUpSeconds: 30, thinkTimeSeconds: 1 });
    expect(standard.profile.loadModel).to.include({ kind: 'open', users: 10, rateRps: 6.667, poolUsers: 14, tolerance: 0.05 });
    expect(standard.criteria).to.deep.equal({ p95Ms: 1000, errorRate: 0.01, minThroughputRps: 6.334, throughputWindow: { fromSeconds: 30, toSeconds: 90 } });
    const markdown = project.read('out/PLAN.md');
    expect(markdown).to.contain('# Performance test plan: Swagger Petstore');
    expect(markdown).to.contain('k6 run');
    const script = project.read('out/k6/load.js');
    expect(script).to.contain("import('k6/options').Options");
    expect(script).to.contain('p(95)<=1000');
  });

  it('is deterministic: two runs give byte-identical files', async () => {
    await runCommand(['generate', PETSTORE, '-o', project.path('a')], { root: PROJECT_ROOT });
    await runCommand(['generate', PETSTORE, '-o', project.path('b')], { root: PROJECT_ROOT });
    const a = readTree(project.path('a'));
    const b = readTree(project.path('b'));
    expect(Object.keys(a).length).to.be.greaterThan(3);
    expect(a).to.deep.equal(b);
  });

  it('--users and --duration override every profile; config profiles override one', async () => {
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, profiles: { standard: { p95Ms: 300 } } }));
    const { error } = await runCommand(['generate', '--config', config, '-o', project.path('out'), '--users', '7', '--duration', '2m'], {
      root: PROJECT_ROOT,
    });
    expect(error, String(error?.message)).to.equal(undefined);
    const plan = JSON.parse(project.read('out/plan.json'));
    const loadTests = plan.testCases.filter((testCase: { type: string }) => testCase.type === 'load' || testCase.type === 'mixed');
    expect(loadTests.length).to.be.greaterThan(10);
    for (const testCase of loadTests) {
      expect(testCase.profile.loadModel.users, testCase.id).to.equal(7);
      expect(testCase.profile.targetRps, testCase.id).to.equal(testCase.profile.loadModel.rateRps);
      expect(testCase.profile.durationSeconds).to.equal(120);
    }
    const spike = plan.testCases.find((testCase: { id: string }) => testCase.id === 'spike_system');
    expect(spike.profile.stages.map((stage: { target: number }) => stage.target)).to.include.members([7, 35]);
    expect(spike.profile.stages.find((stage: { label: string }) => stage.label === 'hold spike').durationSeconds).to.equal(120);
    const stress = plan.testCases.find((testCase: { id: string }) => testCase.id === 'stress_system');
    expect(stress.recovery.users).to.equal(7);
    expect(plan.testCases.find((testCase: { id: string }) => testCase.id === 'load_getInventory').criteria.p95Ms).to.equal(300);
    expect(plan.testCases.find((testCase: { id: string }) => testCase.id === 'load_loginUser').criteria.p95Ms).to.equal(500);
  });

  it('--dry-run writes nothing and --check tells stale output from fresh', async () => {
    const dry = await runCommand(['generate', PETSTORE, '-o', project.path('out'), '--dry-run'], { root: PROJECT_ROOT });
    expect(dry.stdout).to.contain('k6/load.js');
    expect(project.exists('out')).to.equal(false);

    await runCommand(['generate', PETSTORE, '-o', project.path('out')], { root: PROJECT_ROOT });
    const fresh = await runCommand(['generate', PETSTORE, '-o', project.path('out'), '--check'], { root: PROJECT_ROOT });
    expect(fresh.error).to.equal(undefined);
    expect(fresh.stdout).to.contain('up to date');

    fs.appendFileSync(project.path('out/k6/load.js'), '// edited\n');
    const stale = await runCommand(['generate', PETSTORE, '-o', project.path('out'), '--check'], { root: PROJECT_ROOT });
    expect(stale.error?.oclif?.exit).to.equal(1);
    expect(stale.stderr).to.contain('k6/load.js');
    expect(stale.stderr).to.not.contain('EEXIT');
  });

  it('with no arguments in a folder without config, says what to do', async () => {
    const previous = process.cwd();
    process.chdir(project.dir);
    try {
      const { error, stderr } = await runCommand(['generate'], { root: PROJECT_ROOT });
      expect(error?.oclif?.exit).to.equal(2);
      expect(stderr).to.contain('perfplan init');
    } finally {
      process.chdir(previous);
    }
  });
});
