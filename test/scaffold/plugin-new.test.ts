import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { runCli, STACK_LINE } from '../helpers/run-cli.js';
import { TempProject } from '../helpers/temp-project.js';
import { pluginNameProblem, scaffoldFiles } from '../../src/scaffold/index.js';

async function perfplan(args: string[], cwd: string) {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await runCommand(args, { root: PROJECT_ROOT });
  } finally {
    process.chdir(previous);
  }
}

const FILES = {
  renderer: ['README.md', 'index.js', 'jsconfig.json', 'package.json', 'src/results.js', 'src/view-model.js', 'templates/smoke.mjs.ejs', 'test/renderer.test.js'],
  strategy: ['README.md', 'index.js', 'jsconfig.json', 'package.json', 'test/strategy.test.js'],
  analyzer: ['README.md', 'index.js', 'jsconfig.json', 'package.json', 'test/analyzer.test.js'],
};

/** `import ... from 'x'` and `import('x')` specifiers of a JavaScript file. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]);
}

describe('perfplan plugin new', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject('perfplan-scaffold-');
  });
  afterEach(() => project.remove());

  it('writes the package of each kind: its files, package.json for npm, imports of perfplan/plugin only', async () => {
    const { version } = JSON.parse(fs.readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string };
    for (const kind of ['renderer', 'strategy', 'analyzer'] as const) {
      const { error, stdout } = await perfplan(['plugin', 'new', kind, `acme-${kind}`], project.dir);
      expect(error, String(error?.message)).to.equal(undefined);
      expect(stdout).to.contain(`Wrote ${FILES[kind].length} files to perfplan-plugin-acme-${kind}/`);
      const dir = `perfplan-plugin-acme-${kind}`;
      const written = scaffoldFiles({ kind, name: `acme-${kind}` });
      expect(written.map((file) => file.path)).to.deep.equal(FILES[kind]);
      for (const file of written) expect(project.read(`${dir}/${file.path}`), file.path).to.equal(file.contents);
      const manifest = JSON.parse(project.read(`${dir}/package.json`));
      expect(manifest).to.deep.include({ name: `perfplan-plugin-acme-${kind}`, type: 'module', exports: './index.js', peerDependencies: { perfplan: `^${version}` } });
      expect(manifest.scripts.test).to.equal('node --test');
      for (const file of written.filter((candidate) => candidate.path.endsWith('.js'))) {
        for (const specifier of importsOf(file.contents)) {
          expect(specifier, `${kind} ${file.path}`).to.match(/^(perfplan\/plugin(\/testing)?|node:[a-z/_]+|\.\.?\/.+)$/);
        }
      }
      expect(project.read(`${dir}/index.js`)).to.contain(`const NAME = "acme-${kind}";`);
    }
  });

  it('--dry-run lists the files and writes nothing; -o picks the folder', async () => {
    const { stdout, error } = await perfplan(['plugin', 'new', 'renderer', 'csv', '-o', 'plugins/csv', '--dry-run'], project.dir);
    expect(error).to.equal(undefined);
    expect(stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim())).to.deep.equal(FILES.renderer);
    expect(stdout).to.contain('plugins/csv/');
    expect(project.exists('plugins')).to.equal(false);
  });

  it('a NAME that cannot be part of an npm package name is a usage error (exit 2) saying why', () => {
    const cases: Array<[string, RegExp]> = [
      ['Artillery', /lower case \(try "artillery"\)/],
      ['perfplan-plugin-csv', /leave out the "perfplan-plugin-" prefix/],
      ['.hidden', /must start with a letter or digit/],
      ['a b', /may only hold/],
      ['x'.repeat(200), /longer than 214/],
    ];
    for (const [name, why] of cases) expect(pluginNameProblem(name), name).to.match(why);
    expect(pluginNameProblem('acme-payments.v2')).to.equal(undefined);
    const run = runCli(['plugin', 'new', 'renderer', 'Artillery'], { cwd: project.dir });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.contain('"Artillery" cannot name a plugin: npm package names are lower case');
    expect(run.stderr).to.contain('scaffold/invalid-name');
    expect(run.stderr).not.to.match(STACK_LINE);
    expect(fs.readdirSync(project.dir)).to.deep.equal(['node_modules']);
  });

  it('an unknown KIND or a missing NAME is a usage error (exit 2)', async () => {
    const kind = await perfplan(['plugin', 'new', 'exporter', 'csv'], project.dir);
    expect(kind.error?.oclif?.exit).to.equal(2);
    expect(kind.stderr).to.contain('Expected exporter to be one of: renderer, strategy, analyzer');
    const name = await perfplan(['plugin', 'new', 'renderer'], project.dir);
    expect(name.error?.oclif?.exit).to.equal(2);
    expect(name.stderr).to.contain('Missing 1 required arg');
  });

  it('refuses a folder that is not empty unless --force, which keeps the files it does not write', async () => {
    project.write('perfplan-plugin-csv/notes.txt', 'mine\n');
    project.write('perfplan-plugin-csv/index.js', '// mine\n');
    const refused = await perfplan(['plugin', 'new', 'renderer', 'csv'], project.dir);
    expect(refused.error?.oclif?.exit).to.equal(2);
    expect(refused.stderr).to.contain('is not empty (index.js, notes.txt)').and.contain('--force').and.contain('scaffold/exists');
    expect(project.read('perfplan-plugin-csv/index.js')).to.equal('// mine\n');
    const dry = await perfplan(['plugin', 'new', 'renderer', 'csv', '--dry-run'], project.dir);
    expect(dry.error?.oclif?.exit, 'dry-run checks the folder too').to.equal(2);

    const forced = await perfplan(['plugin', 'new', 'renderer', 'csv', '--force'], project.dir);
    expect(forced.error).to.equal(undefined);
    expect(project.read('perfplan-plugin-csv/index.js')).to.contain('defineRenderer');
    expect(project.read('perfplan-plugin-csv/notes.txt')).to.equal('mine\n');

    project.write('a-file', 'x');
    const file = await perfplan(['plugin', 'new', 'strategy', 'csv', '-o', 'a-file', '--force'], project.dir);
    expect(file.error?.oclif?.exit).to.equal(2);
    expect(file.stderr).to.contain('is a file, not a folder');
  });

  it('-h shows its help, and the plugins command is unchanged beside it', async () => {
    const help = await perfplan(['plugin', 'new', '-h'], project.dir);
    expect(help.error).to.equal(undefined);
    expect(help.stdout).to.contain('$ perfplan plugin new KIND NAME').and.contain('EXAMPLES');
    const plugins = await perfplan(['plugins', '-h'], project.dir);
    expect(plugins.stdout).to.contain('$ perfplan plugins [SPEC]');
  });

  it('gives the same files every time', () => {
    expect(scaffoldFiles({ kind: 'renderer', name: 'csv' })).to.deep.equal(scaffoldFiles({ kind: 'renderer', name: 'csv' }));
  });
});
