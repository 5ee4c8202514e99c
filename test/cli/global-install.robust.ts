import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, PERFPLAN_DEBUG: '' } });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * perfplan as a user installs it globally (`npm pack` of this checkout, `npm i -g` into a temp
 * prefix), then `perfplan init && perfplan generate` in an empty folder with a spec: the config
 * init writes imports 'perfplan', which that folder cannot resolve by itself.
 * Slow (an npm install; dependencies come from the npm cache when it has them).
 */
describe('a global install: init and generate in an empty folder', function () {
  this.timeout(600_000);
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-global-')));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('perfplan init && perfplan generate work from a global install', () => {
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', root, '--json'], PROJECT_ROOT);
    expect(packed.status, packed.stderr).to.equal(0);
    const tarball = path.join(root, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
    const prefix = path.join(root, 'prefix');
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], root);
    expect(installed.status, installed.stderr).to.equal(0);
    const perfplan = path.join(prefix, 'bin', 'perfplan');
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.copyFileSync(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), path.join(project, 'openapi.yaml'));
    const init = run(perfplan, ['init'], project);
    expect(init.status, init.stderr).to.equal(0);
    const generate = run(perfplan, ['generate'], project);
    expect(generate.status, generate.stderr).to.equal(0);
    expect(generate.stdout).to.match(/Wrote \d+ files to perfplan-out\//);
    expect(fs.existsSync(path.join(project, 'perfplan-out', 'PLAN.md'))).to.equal(true);
    expect(fs.existsSync(path.join(project, 'node_modules')), 'nothing was installed in the project').to.equal(false);
  });
});
