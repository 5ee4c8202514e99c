import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/index.js';
import { FIXTURES_DIR, PROJECT_ROOT } from '../helpers/paths.js';
import { caught, makeTempDir, removeTempDirs, writeFiles } from './temp-dir.js';

const PROFILE = { standard: { virtualUsers: 7 } };

describe('loadConfig', () => {
  after(removeTempDirs);

  describe('finds each config format in cwd', () => {
    const formats: Array<{ file: string; contents: string | object }> = [
      { file: 'package.json', contents: { name: 'app', perfplan: { spec: 'api.yaml', profiles: PROFILE } } },
      { file: '.perfplanrc', contents: 'spec: api.yaml\nprofiles:\n  standard:\n    virtualUsers: 7\n' },
      { file: '.perfplanrc.json', contents: { spec: 'api.yaml', profiles: PROFILE } },
      { file: '.perfplanrc.yaml', contents: 'spec: api.yaml\nprofiles:\n  standard: { virtualUsers: 7 }\n' },
      { file: '.perfplanrc.yml', contents: 'spec: api.yaml\nprofiles:\n  standard: { virtualUsers: 7 }\n' },
      {
        file: 'perfplan.config.ts',
        contents:
          "const users: number = 7;\nexport default { spec: 'api.yaml', profiles: { standard: { virtualUsers: users } } };\n",
      },
      { file: 'perfplan.config.mjs', contents: `export default ${JSON.stringify({ spec: 'api.yaml', profiles: PROFILE })};\n` },
      { file: 'perfplan.config.js', contents: `export default ${JSON.stringify({ spec: 'api.yaml', profiles: PROFILE })};\n` },
      { file: 'perfplan.config.cjs', contents: `module.exports = ${JSON.stringify({ spec: 'api.yaml', profiles: PROFILE })};\n` },
    ];
    for (const { file, contents } of formats) {
      it(file, async () => {
        const cwd = makeTempDir();
        writeFiles(cwd, { [file]: contents });
        const config = await loadConfig({ cwd });
        expect(config.configFile).to.equal(path.join(cwd, file));
        expect(config.rootDir).to.equal(cwd);
        expect(config.spec).to.equal(path.join(cwd, 'api.yaml'));
        expect(config.profiles).to.deep.equal(PROFILE);
      });
    }
  });

  it('returns the defaults when there is no config file', async () => {
    const cwd = makeTempDir();
    const config = await loadConfig({ cwd });
    expect(config).to.deep.equal({
      rootDir: cwd,
      output: path.join(cwd, 'perfplan-out'),
      plugins: [],
      profiles: {},
      analyzers: {},
      renderOptions: {},
      include: [],
      exclude: [],
      workflows: [],
      allowExternalRefs: false,
      allowRemoteRefs: false,
      overrides: {},
    });
    expect(config.configFile).to.equal(undefined);
  });

  it('ignores a package.json without a perfplan key', async () => {
    const cwd = makeTempDir();
    writeFiles(cwd, { 'package.json': { name: 'app' }, '.perfplanrc.json': { output: 'from-rc' } });
    const config = await loadConfig({ cwd });
    expect(config.configFile).to.equal(path.join(cwd, '.perfplanrc.json'));
    expect(config.output).to.equal(path.join(cwd, 'from-rc'));
  });

  it('takes the first search place when several exist (package.json before .perfplanrc.json before perfplan.config.ts)', async () => {
    const cwd = makeTempDir();
    writeFiles(cwd, {
      'package.json': { name: 'app', perfplan: { output: 'pkg' } },
      '.perfplanrc.json': { output: 'rc' },
      'perfplan.config.ts': "export default { output: 'ts' };\n",
    });
    expect((await loadConfig({ cwd })).output).to.equal(path.join(cwd, 'pkg'));
  });

  it('does not pick up a config in a parent folder', async () => {
    const parent = makeTempDir();
    writeFiles(parent, { '.perfplanrc.json': { output: 'parent-out' }, 'child/.keep': '' });
    const config = await loadConfig({ cwd: path.join(parent, 'child') });
    expect(config.configFile).to.equal(undefined);
    expect(config.output).to.equal(path.join(parent, 'child', 'perfplan-out'));
  });

  it('calls a config function export, sync and async, with { cwd }', async () => {
    const syncDir = makeTempDir();
    writeFiles(syncDir, { 'perfplan.config.mjs': "export default ({ cwd }) => ({ baseUrl: 'https://a.example', output: cwd + '/o1' });\n" });
    const asyncDir = makeTempDir();
    writeFiles(asyncDir, {
      'perfplan.config.ts':
        "export default async (): Promise<{ engines: string[] }> => { await new Promise((r) => setTimeout(r, 1)); return { engines: ['k6'] }; };\n",
    });
    const fromSync = await loadConfig({ cwd: syncDir });
    expect(fromSync.baseUrl).to.equal('https://a.example');
    expect(fromSync.output).to.equal(path.join(syncDir, 'o1'));
    expect((await loadConfig({ cwd: asyncDir })).engines).to.deep.equal(['k6']);
  });

  it('compiles a TypeScript config with type-only syntax and defineConfig (given with --config)', async () => {
    const file = path.join(FIXTURES_DIR, 'config', 'typed', 'perfplan.config.ts');
    const cwd = makeTempDir();
    const config = await loadConfig({ cwd, configFile: file });
    const dir = path.dirname(file);
    expect(config.configFile).to.equal(file);
    expect(config.rootDir).to.equal(dir);
    expect(config.spec).to.equal(path.join(dir, 'api', 'openapi.yaml'));
    expect(config.output).to.equal(path.join(dir, 'out'));
    expect(config.engines).to.deep.equal(['k6', 'locust']);
    expect(config.profiles.standard).to.deep.equal({ virtualUsers: 50, durationSeconds: 300, p95Ms: 300 });
    expect(config.types).to.deep.equal(['load', 'stress']);
  });

  it("resolves `import { defineConfig } from 'perfplan'` in a TS config from the project's node_modules", async () => {
    const cwd = makeTempDir();
    fs.mkdirSync(path.join(cwd, 'node_modules'));
    fs.symlinkSync(PROJECT_ROOT, path.join(cwd, 'node_modules', 'perfplan'), 'dir');
    writeFiles(cwd, {
      'perfplan.config.ts': [
        "import { defineConfig } from 'perfplan';",
        "import type { UserConfig } from 'perfplan';",
        "const extra: Partial<UserConfig> = { allowRemoteRefs: true };",
        "export default defineConfig({ spec: 'openapi.yaml', ...extra });",
        '',
      ].join('\n'),
    });
    const config = await loadConfig({ cwd });
    expect(config.spec).to.equal(path.join(cwd, 'openapi.yaml'));
    expect(config.allowRemoteRefs).to.equal(true);
  });

  it('sees edits to a config between two loads in one process', async () => {
    for (const file of ['perfplan.config.ts', 'perfplan.config.mjs', 'perfplan.config.cjs']) {
      const cwd = makeTempDir();
      const write = (output: string) =>
        writeFiles(cwd, { [file]: file.endsWith('.cjs') ? `module.exports = { output: '${output}' };\n` : `export default { output: '${output}' };\n` });
      write('first');
      expect((await loadConfig({ cwd })).output, file).to.equal(path.join(cwd, 'first'));
      write('other');
      expect((await loadConfig({ cwd })).output, file).to.equal(path.join(cwd, 'other'));
    }
  });

  describe('--config', () => {
    it('loads exactly that file, relative to cwd, and resolves paths against its folder', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, {
        '.perfplanrc.json': { output: 'not-this-one' },
        'ci/perf.yaml': 'spec: ../specs/api.yaml\noutput: generated\n',
      });
      const config = await loadConfig({ cwd, configFile: 'ci/perf.yaml' });
      expect(config.configFile).to.equal(path.join(cwd, 'ci', 'perf.yaml'));
      expect(config.spec).to.equal(path.join(cwd, 'specs', 'api.yaml'));
      expect(config.output).to.equal(path.join(cwd, 'ci', 'generated'));
    });

    it('reads the perfplan key when given a package.json', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, { 'sub/package.json': { name: 'x', perfplan: { engines: ['jmeter'] } } });
      expect((await loadConfig({ cwd, configFile: 'sub/package.json' })).engines).to.deep.equal(['jmeter']);
    });

    it('fails with config/not-found (exit 2) for a missing file', async () => {
      const cwd = makeTempDir();
      const error = await caught(() => loadConfig({ cwd, configFile: 'nope.config.ts' }));
      expect(error.code).to.equal('config/not-found');
      expect(error.exitCode).to.equal(2);
      expect(error.file).to.equal(path.join(cwd, 'nope.config.ts'));
      expect(error.message).to.contain(path.join(cwd, 'nope.config.ts'));
      expect(error.fix).to.be.a('string').and.contain('--config');
    });

    it('fails with config/not-found for a folder', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, { 'dir/.keep': '' });
      const error = await caught(() => loadConfig({ cwd, configFile: 'dir' }));
      expect(error.code).to.equal('config/not-found');
      expect(error.message).to.contain('is a folder');
    });
  });

  describe('load failures', () => {
    it('reports a TypeScript syntax error as config/load-failed with the file and message, no stack', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, { 'perfplan.config.ts': "const x: number = ;\nexport default { spec: 'a.yaml' };\n" });
      const error = await caught(() => loadConfig({ cwd }));
      expect(error.code).to.equal('config/load-failed');
      expect(error.exitCode).to.equal(2);
      expect(error.file).to.equal(path.join(cwd, 'perfplan.config.ts'));
      expect(error.message).to.contain(path.join(cwd, 'perfplan.config.ts'));
      expect(error.message).to.match(/Unexpected token/);
      expect(error.message).not.to.match(/\n\s+at /);
    });

    it('reports invalid JSON and YAML with the file name', async () => {
      const jsonDir = makeTempDir();
      writeFiles(jsonDir, { '.perfplanrc.json': '{ "spec": "a.yaml", }' });
      const jsonError = await caught(() => loadConfig({ cwd: jsonDir }));
      expect(jsonError.code).to.equal('config/load-failed');
      expect(jsonError.file).to.equal(path.join(jsonDir, '.perfplanrc.json'));

      const yamlDir = makeTempDir();
      writeFiles(yamlDir, { '.perfplanrc.yaml': 'spec: [a\n' });
      const yamlError = await caught(() => loadConfig({ cwd: yamlDir }));
      expect(yamlError.code).to.equal('config/load-failed');
      expect(yamlError.message).to.contain('.perfplanrc.yaml').and.contain('flow collection');
    });

    it('reports a module without a default export instead of silently using the defaults', async () => {
      for (const file of ['perfplan.config.mjs', 'perfplan.config.ts']) {
        const cwd = makeTempDir();
        writeFiles(cwd, { [file]: "export const config = { spec: 'a.yaml' };\n" });
        const error = await caught(() => loadConfig({ cwd }));
        expect(error.code, file).to.equal('config/load-failed');
        expect(error.message, file).to.contain('no default export');
      }
    });

    it('reports a config function that throws', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, { 'perfplan.config.mjs': "export default () => { throw new Error('no SPEC_PATH set'); };\n" });
      const error = await caught(() => loadConfig({ cwd }));
      expect(error.code).to.equal('config/load-failed');
      expect(error.message).to.contain('no SPEC_PATH set');
    });

    it('validates what it loaded: config/invalid naming the file', async () => {
      const cwd = makeTempDir();
      writeFiles(cwd, { '.perfplanrc.yaml': 'profiles:\n  standard:\n    virtualUsers: fifty\n' });
      const error = await caught(() => loadConfig({ cwd }));
      expect(error.code).to.equal('config/invalid');
      expect(error.exitCode).to.equal(2);
      expect(error.file).to.equal(path.join(cwd, '.perfplanrc.yaml'));
      expect(error.message).to.contain('profiles.standard.virtualUsers: expected integer >= 1, got string "fifty"');
    });
  });

  it('keeps plugin entries, and leaves URL specs as written', async () => {
    const cwd = makeTempDir();
    writeFiles(cwd, {
      'perfplan.config.mjs': [
        "const inline = { kind: 'analyzer', name: 'tags', analyze: ({ analysis }) => analysis };",
        "export default { spec: 'https://example.com/openapi.json', plugins: ['csv', './local.js', inline, [inline]] };",
      ].join('\n'),
    });
    const config = await loadConfig({ cwd });
    expect(config.spec).to.equal('https://example.com/openapi.json');
    expect(config.plugins).to.have.length(4);
    expect(config.plugins.slice(0, 2)).to.deep.equal(['csv', './local.js']);
    expect((config.plugins[2] as { name: string }).name).to.equal('tags');
    expect(config.plugins[3]).to.be.an('array').with.length(1);
  });
});
