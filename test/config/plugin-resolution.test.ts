import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { defineAnalyzer } from '../../src/plugin-api/index.js';
import { loadConfiguredPlugins, loadPluginModule, resolvePluginSpecifier } from '../../src/config/index.js';
import { caught, makeTempDir, removeTempDirs, rendererSource, writeFiles } from './temp-dir.js';

const ESM_PACKAGE = (name: string) => ({ name, version: '1.0.0', type: 'module', main: 'index.js' });

/** A fake installed package: package.json (ESM) and an index.js with the given body. */
function pkg(name: string, body: string): Record<string, string | object> {
  return {
    [`node_modules/${name}/package.json`]: ESM_PACKAGE(name),
    [`node_modules/${name}/index.js`]: body,
  };
}

describe('plugin module resolution and loading', () => {
  let root: string;
  let sub: string;

  before(() => {
    root = makeTempDir('perfplan-plugins-');
    sub = path.join(root, 'project', 'sub');
    writeFiles(root, {
      ...pkg('perfplan-plugin-alpha', `export default ${rendererSource('alpha')};\n`),
      ...pkg(
        '@perfplan/plugin-beta',
        "export default [{ kind: 'analyzer', name: 'beta', analyze: ({ analysis }) => analysis }, { kind: 'renderer', name: 'beta', render: () => [] }];\n",
      ),
      ...pkg('gamma', `export const plugins = [${rendererSource('gamma')}];\nexport const helper = 1;\n`),
      ...pkg('@acme/perfplan-plugin-delta', "export default { kind: 'profile', name: 'standard', plan: () => [] };\n"),
      ...pkg('@acme/epsilon', `export default ${rendererSource('epsilon')};\n`),
      ...pkg('perfplan-plugin-both', `export default ${rendererSource('from-prefixed')};\n`),
      ...pkg('both', `export default ${rendererSource('from-exact')};\n`),
      ...pkg('perfplan-plugin-nothing-useful', 'export const version = 1;\nexport function helper() {}\n'),
      ...pkg('perfplan-plugin-wrong-kind', "export default { kind: 'reporter', name: 'r' };\n"),
      ...pkg('perfplan-plugin-half-bad', `export default [${rendererSource('ok')}, { kind: 'renderer', name: 'bad' }];\n`),
      ...pkg('perfplan-plugin-empty', 'export default [];\n'),
      ...pkg('perfplan-plugin-factory', `export default function csvPlugin() { return ${rendererSource('factory')}; }\n`),
      ...pkg('perfplan-plugin-no-kind', "export default { name: 'nk', render: () => [] };\n"),
      ...pkg('perfplan-plugin-throws', "throw new Error('cannot start: missing license key');\n"),
      'node_modules/perfplan-plugin-broken/package.json': { ...ESM_PACKAGE('perfplan-plugin-broken'), exports: { './x': './x.js' } },
      'node_modules/perfplan-plugin-cjs/package.json': { name: 'perfplan-plugin-cjs', main: 'main.cjs' },
      'node_modules/perfplan-plugin-cjs/main.cjs': `module.exports = { plugins: [${rendererSource('cjs')}] };\n`,
      'project/package.json': { name: 'project', type: 'module' },
      'project/sub/.keep': '',
      'project/org/standard.js': "export default { kind: 'profile', name: 'standard', plan: () => [] };\n",
      'project/org/folder-plugin/index.js': `export default ${rendererSource('folder')};\n`,
      'project/org/with-main/package.json': { name: 'with-main', type: 'module', main: 'lib/entry' },
      'project/org/with-main/lib/entry.js': `export default ${rendererSource('with-main')};\n`,
      'project/org/typed.ts': [
        "type Kind = 'renderer';",
        'interface File { path: string; contents: string }',
        "const kind: Kind = 'renderer';",
        "export default { kind, name: 'typed', render: (): File[] => [{ path: 'x.txt', contents: 'x' }] };",
        '',
      ].join('\n'),
    });
  });
  after(removeTempDirs);

  describe('resolvePluginSpecifier: package names', () => {
    const cases: Array<{ name: string; resolvedFrom: string; candidates: string[] }> = [
      { name: 'alpha', resolvedFrom: 'perfplan-plugin-alpha', candidates: ['perfplan-plugin-alpha'] },
      { name: 'beta', resolvedFrom: '@perfplan/plugin-beta', candidates: ['perfplan-plugin-beta', '@perfplan/plugin-beta'] },
      { name: 'gamma', resolvedFrom: 'gamma', candidates: ['perfplan-plugin-gamma', '@perfplan/plugin-gamma', 'gamma'] },
      { name: 'perfplan-plugin-alpha', resolvedFrom: 'perfplan-plugin-alpha', candidates: ['perfplan-plugin-alpha'] },
      { name: '@acme/delta', resolvedFrom: '@acme/perfplan-plugin-delta', candidates: ['@acme/perfplan-plugin-delta'] },
      { name: '@acme/perfplan-plugin-delta', resolvedFrom: '@acme/perfplan-plugin-delta', candidates: ['@acme/perfplan-plugin-delta'] },
      { name: '@acme/epsilon', resolvedFrom: '@acme/epsilon', candidates: ['@acme/perfplan-plugin-epsilon', '@acme/epsilon'] },
      { name: '@perfplan/plugin-beta', resolvedFrom: '@perfplan/plugin-beta', candidates: ['@perfplan/plugin-beta'] },
      { name: 'both', resolvedFrom: 'perfplan-plugin-both', candidates: ['perfplan-plugin-both'] },
    ];
    for (const { name, resolvedFrom, candidates } of cases) {
      it(`${name} → ${resolvedFrom}`, async () => {
        const resolved = await resolvePluginSpecifier({ name, fromDir: root });
        expect(resolved.kind).to.equal('package');
        expect(resolved.resolvedFrom).to.equal(resolvedFrom);
        expect(resolved.candidates).to.deep.equal(candidates);
        expect(fileURLToPath(resolved.url)).to.equal(path.join(root, 'node_modules', resolvedFrom, 'index.js'));
      });
    }

    it('walks up from fromDir to the node_modules of a parent folder, as Node does', async () => {
      const resolved = await resolvePluginSpecifier({ name: 'alpha', fromDir: sub });
      expect(fileURLToPath(resolved.url)).to.equal(path.join(root, 'node_modules', 'perfplan-plugin-alpha', 'index.js'));
    });

    it('lists every candidate and every folder searched when nothing is found', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: 'nothing', fromDir: sub }));
      expect(error.code).to.equal('plugin/not-found');
      expect(error.exitCode).to.equal(2);
      for (const candidate of ['perfplan-plugin-nothing', '@perfplan/plugin-nothing', '  - nothing\n']) {
        expect(error.message).to.contain(candidate);
      }
      for (const dir of [path.join(sub, 'node_modules'), path.join(root, 'project', 'node_modules'), path.join(root, 'node_modules')]) {
        expect(error.message).to.contain(`  - ${dir}`);
      }
      expect(error.fix).to.contain('npm install --save-dev perfplan-plugin-nothing');
    });

    it('lists the scoped candidates for a scoped name', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: '@acme/zeta', fromDir: root }));
      expect(error.code).to.equal('plugin/not-found');
      expect(error.message).to.contain('  - @acme/perfplan-plugin-zeta\n  - @acme/zeta\n');
    });

    it('never resolves a plugin name to a Node built-in module', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: 'fs', fromDir: root }));
      expect(error.code).to.equal('plugin/not-found');
    });

    it('reports an installed package that cannot be imported instead of skipping it', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: 'broken', fromDir: root }));
      expect(error.code).to.equal('plugin/invalid');
      expect(error.message).to.contain('perfplan-plugin-broken').and.contain('cannot be imported');
    });

    it('rejects a name that is neither a package name nor a path', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: 'my plugin', fromDir: root }));
      expect(error.code).to.equal('plugin/invalid-name');
    });
  });

  describe('resolvePluginSpecifier: paths', () => {
    const project = () => path.join(root, 'project');
    it('resolves a relative path as given, or by adding an extension', async () => {
      const exact = await resolvePluginSpecifier({ name: './org/standard.js', fromDir: project() });
      const bare = await resolvePluginSpecifier({ name: './org/standard', fromDir: project() });
      const file = path.join(project(), 'org', 'standard.js');
      expect(exact.kind).to.equal('path');
      expect(fileURLToPath(exact.url)).to.equal(file);
      expect(fileURLToPath(bare.url)).to.equal(file);
      expect(bare.candidates).to.deep.equal([path.join(project(), 'org', 'standard'), file]);
    });

    it('resolves ../ against fromDir, absolute paths as they are, and folders by package.json or index.js', async () => {
      const up = await resolvePluginSpecifier({ name: '../org/typed', fromDir: sub });
      expect(fileURLToPath(up.url)).to.equal(path.join(project(), 'org', 'typed.ts'));
      const absolute = await resolvePluginSpecifier({ name: path.join(project(), 'org', 'standard.js'), fromDir: sub });
      expect(fileURLToPath(absolute.url)).to.equal(path.join(project(), 'org', 'standard.js'));
      const folder = await resolvePluginSpecifier({ name: './org/folder-plugin', fromDir: project() });
      expect(fileURLToPath(folder.url)).to.equal(path.join(project(), 'org', 'folder-plugin', 'index.js'));
      const withMain = await resolvePluginSpecifier({ name: './org/with-main', fromDir: project() });
      expect(fileURLToPath(withMain.url)).to.equal(path.join(project(), 'org', 'with-main', 'lib', 'entry.js'));
    });

    it('lists every file tried when a path resolves to nothing', async () => {
      const error = await caught(() => resolvePluginSpecifier({ name: './org/missing', fromDir: project() }));
      expect(error.code).to.equal('plugin/not-found');
      expect(error.exitCode).to.equal(2);
      const base = path.join(project(), 'org', 'missing');
      for (const tried of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`, `${base}.ts`, path.join(base, 'index.js'), path.join(base, 'index.ts')]) {
        expect(error.message).to.contain(`  - ${tried}`);
      }
      expect(error.fix).to.contain('Check the path');
    });
  });

  describe('loadPluginModule', () => {
    it('loads `export default plugin` and says where it came from', async () => {
      const loaded = await loadPluginModule({ specifier: 'alpha', fromDir: root });
      expect(loaded.plugins.map((plugin) => `${plugin.kind}:${plugin.name}`)).to.deep.equal(['renderer:alpha']);
      expect(loaded.source).to.equal('perfplan-plugin-alpha (node_modules/perfplan-plugin-alpha/index.js)');
      const fromSub = await loadPluginModule({ specifier: 'alpha', fromDir: sub });
      expect(fromSub.source).to.equal('perfplan-plugin-alpha (../../node_modules/perfplan-plugin-alpha/index.js)');
    });

    it('loads `export default [plugins]`, a named `plugins` export, and CommonJS `module.exports = { plugins }`', async () => {
      const beta = await loadPluginModule({ specifier: 'beta', fromDir: root });
      expect(beta.plugins.map((plugin) => `${plugin.kind}:${plugin.name}`)).to.deep.equal(['analyzer:beta', 'renderer:beta']);
      const gamma = await loadPluginModule({ specifier: 'gamma', fromDir: root });
      expect(gamma.plugins.map((plugin) => plugin.name)).to.deep.equal(['gamma']);
      const cjs = await loadPluginModule({ specifier: 'cjs', fromDir: root });
      expect(cjs.plugins.map((plugin) => plugin.name)).to.deep.equal(['cjs']);
      expect(cjs.source).to.equal('perfplan-plugin-cjs (node_modules/perfplan-plugin-cjs/main.cjs)');
    });

    it('loads a relative module with a ./ source, and compiles a .ts module', async () => {
      const project = path.join(root, 'project');
      const standard = await loadPluginModule({ specifier: './org/standard', fromDir: project });
      expect(standard.source).to.equal('./org/standard.js');
      expect(standard.plugins[0].kind).to.equal('profile');
      const typed = await loadPluginModule({ specifier: '../org/typed.ts', fromDir: sub });
      expect(typed.source).to.equal('../org/typed.ts');
      const renderer = typed.plugins[0];
      expect(renderer.kind).to.equal('renderer');
      if (renderer.kind !== 'renderer') return;
      const files = await renderer.render({ plan: {} as never, options: {}, ctx: {} as never });
      expect(files).to.deep.equal([{ path: 'x.txt', contents: 'x' }]);
    });

    it('rejects a module that exports no plugins, naming it, its exports and what it must export', async () => {
      const error = await caught(() => loadPluginModule({ specifier: 'nothing-useful', fromDir: root }));
      expect(error.code).to.equal('plugin/invalid');
      expect(error.exitCode).to.equal(2);
      expect(error.message).to.contain('perfplan-plugin-nothing-useful (node_modules/perfplan-plugin-nothing-useful/index.js)');
      expect(error.message).to.contain('exports no plugins (it exports `helper`, `version`)');
      expect(error.fix).to.contain('export default').and.contain('export const plugins');
    });

    it('rejects wrongly shaped plugins with the export and field at fault', async () => {
      const wrongKind = await caught(() => loadPluginModule({ specifier: 'wrong-kind', fromDir: root }));
      expect(wrongKind.code).to.equal('plugin/invalid');
      expect(wrongKind.message).to.contain('default.kind: expected one of "analyzer", "profile", "renderer", "result-reader", "container", got string "reporter"');

      const halfBad = await caught(() => loadPluginModule({ specifier: 'half-bad', fromDir: root }));
      expect(halfBad.message).to.contain('default[1].render: a renderer plugin must have a function `render`');
      expect(halfBad.message).not.to.contain('default[0]');

      const noKind = await caught(() => loadPluginModule({ specifier: 'no-kind', fromDir: root }));
      expect(noKind.message).to.contain('default.kind: expected one of "analyzer", "profile", "renderer", "result-reader", "container", got undefined (plugin "nk")');
      expect(noKind.file).to.equal(path.join(root, 'node_modules', 'perfplan-plugin-no-kind', 'index.js'));

      const factory = await caught(() => loadPluginModule({ specifier: 'factory', fromDir: root }));
      expect(factory.code).to.equal('plugin/invalid');
      expect(factory.message).to.contain('default export is a function');

      const empty = await caught(() => loadPluginModule({ specifier: 'empty', fromDir: root }));
      expect(empty.code).to.equal('plugin/invalid');
      expect(empty.message).to.contain('empty list of plugins');
    });

    it('reports a module that throws while loading as plugin/load-failed', async () => {
      const error = await caught(() => loadPluginModule({ specifier: 'throws', fromDir: root }));
      expect(error.code).to.equal('plugin/load-failed');
      expect(error.exitCode).to.equal(2);
      expect(error.message).to.contain('perfplan-plugin-throws').and.contain('missing license key');
    });
  });

  describe('loadConfiguredPlugins', () => {
    it('loads every entry in order: names, paths and inline plugin objects', async () => {
      const inline = defineAnalyzer({ name: 'inline', analyze: ({ analysis }) => analysis });
      const loaded = await loadConfiguredPlugins({
        entries: ['alpha', './org/standard.js', inline, [inline]],
        fromDir: path.join(root, 'project'),
        configFile: path.join(root, 'project', 'perfplan.config.ts'),
      });
      expect(loaded.map((entry) => entry.source)).to.deep.equal([
        'perfplan-plugin-alpha (../node_modules/perfplan-plugin-alpha/index.js)',
        './org/standard.js',
        'perfplan.config.ts (plugins[2])',
        'perfplan.config.ts (plugins[3])',
      ]);
      expect(loaded.map((entry) => entry.plugins.map((plugin) => plugin.name))).to.deep.equal([['alpha'], ['standard'], ['inline'], ['inline']]);
    });
  });
});
