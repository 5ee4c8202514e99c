import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { siblingPath } from '../../src/render/index.js';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { TempProject } from '../helpers/temp-project.js';

const SPEC = fixtureSpec('oai-link-example-1.0.0.yaml');

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('generate: output folders that would lose the user\'s files', function () {
  this.timeout(60_000);
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('refuses --output starting with a literal ~ (the shell did not expand it) and creates nothing', () => {
    for (const output of ['~', '~/perf']) {
      const run = runCli(['generate', SPEC, '--output', output], { cwd: project.dir });
      expect(run.status, run.stderr).to.equal(2);
      expect(run.stderr).to.contain(`--output: "${output}" starts with "~"`);
      expect(run.stderr).to.match(/fix: +Leave ~ unquoted .*\$HOME/);
      expect(project.exists('~'), 'a folder named ~').to.equal(false);
    }
  });

  it('refuses a config whose output starts with ~', async () => {
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: SPEC, output: '~/perf' }));
    const { error, stderr } = await runCommand(['generate', '--config', config], { root: PROJECT_ROOT });
    expect(stderr).to.match(/output: "~\/perf" starts with "~", which nothing expands in a config file/);
    expect(error?.oclif?.exit).to.equal(2);
    expect(project.exists('~')).to.equal(false);
  });

  it('refuses, even with --force, an output folder holding the spec or the config, and deletes nothing', async () => {
    const spec = project.write('api/openapi.yaml', fs.readFileSync(SPEC, 'utf8'));
    const config = project.write('conf/.perfplanrc.json', JSON.stringify({ spec: '../api/openapi.yaml' }));
    const cases = [
      { args: ['generate', spec, '-o', project.path('api'), '--force'], holds: `the spec ${spec}` },
      { args: ['generate', '--config', config, '-o', project.path('conf'), '--force'], holds: `the config ${config}` },
      { args: ['generate', spec, '-o', project.dir, '--force'], holds: `the spec ${spec}` },
      { args: ['generate', spec, '-o', project.path('api'), '--dry-run'], holds: `the spec ${spec}` },
    ];
    for (const { args, holds } of cases) {
      const { error, stderr } = await runCommand(args, { root: PROJECT_ROOT });
      expect(stderr, args.join(' ')).to.contain(`holds ${holds}`);
      expect(error?.oclif?.exit, args.join(' ')).to.equal(2);
      expect(fs.existsSync(spec), `${args.join(' ')}: the spec is still there`).to.equal(true);
      expect(fs.existsSync(config), `${args.join(' ')}: the config is still there`).to.equal(true);
    }
    // A folder beside them is fine.
    const { error } = await runCommand(['generate', spec, '-o', project.path('out'), '--force'], { root: PROJECT_ROOT });
    expect(error, String(error?.message)).to.equal(undefined);
  });

  it('says on stderr what it restored after an interrupted run', async () => {
    const out = project.path('out');
    await runCommand(['generate', SPEC, '-o', out], { root: PROJECT_ROOT });
    // A run killed between moving the old output aside and moving the new one in.
    const aside = siblingPath(out, 'old', deadPid());
    fs.renameSync(out, aside);
    const { stderr, error } = await runCommand(['generate', SPEC, '-o', out], { root: PROJECT_ROOT });
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stderr).to.contain(`Recovered after an interrupted run: restored ${out} from ${aside}, left by an interrupted run.`);
    expect(fs.existsSync(aside)).to.equal(false);
    expect(fs.existsSync(path.join(out, 'PLAN.md'))).to.equal(true);
  });
});
