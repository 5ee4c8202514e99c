import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIRST_PARTY_RENDERERS, type FirstPartyRenderer } from '../../src/di/index.js';
import { compareTrees, readTree, type Tree } from '../golden/golden-tree.js';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, PERFPLAN_DEBUG: '' } });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

/** `npm pack` of the package in `dir` into `destination` (with `--ignore-scripts`: perfplan's own build is the test's). */
function pack(dir: string, destination: string, extra: string[] = []): Packed & { tarball: string } {
  const packed = run('npm', ['pack', ...extra, '--pack-destination', destination, '--json'], dir);
  expect(packed.status, packed.stderr).to.equal(0);
  const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Packed[];
  return { ...entry!, tarball: path.join(destination, entry!.filename) };
}

/** A file of each engine's package (templates/ or runtime/), the output files made from it, and a line that keeps them valid. */
const MARKED: Record<FirstPartyRenderer, { packageFile: string; outputs: string[]; line: string }> = {
  k6: { packageFile: 'runtime/support.js', outputs: ['k6/lib/support.js'], line: '// from the installed package' },
  jmeter: { packageFile: 'templates/test-plan.jmx.ejs', outputs: ['jmeter/load.jmx', 'jmeter/workflows.jmx'], line: '<!-- from the installed package -->' },
  locust: { packageFile: 'runtime/perfplan_runtime.py', outputs: ['locust/perfplan_runtime.py'], line: '# from the installed package' },
};

/**
 * The workspace plugins as npm packages: `npm pack` of perfplan and of each of plugins/{k6,jmeter,locust},
 * installed from the tarballs into an empty project (offline when npm's cache has perfplan's
 * dependencies), then `perfplan generate` with a config naming `@perfplan/plugin-<engine>`. The
 * installed package replaces the renderer perfplan bundles and writes the same files. Slow: npm.
 */
describe('workspace plugins: packed, installed beside a packed perfplan, used by perfplan generate', function () {
  this.timeout(900_000);
  let root: string;
  let project: string;
  let perfplan: string;
  const packed = new Map<string, Packed>();

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-packed-')));
    const tarballs: string[] = [];
    const core = pack(PROJECT_ROOT, root, ['--ignore-scripts']);
    packed.set('perfplan', core);
    tarballs.push(core.tarball);
    // Each plugin's prepack builds its dist/ with its own tsconfig.
    for (const engine of FIRST_PARTY_RENDERERS) {
      const plugin = pack(path.join(PROJECT_ROOT, 'plugins', engine), root);
      packed.set(`@perfplan/plugin-${engine}`, plugin);
      tarballs.push(plugin.tarball);
    }
    for (const [name, entry] of packed) console.log(`      ${name}: ${entry.filename}, ${entry.size} bytes packed, ${entry.unpackedSize} unpacked, ${entry.files.length} files`);
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'packed-user', private: true, type: 'module' }, null, 2)}\n`);
    const installed = run('npm', ['install', '--save-dev', ...tarballs, '--prefer-offline', '--no-audit', '--no-fund'], project);
    expect(installed.status, installed.stderr).to.equal(0);
    perfplan = path.join(project, 'node_modules', '.bin', 'perfplan');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('each plugin tarball holds its built code, templates, runtime files and README, and no sources or tests', () => {
    for (const engine of FIRST_PARTY_RENDERERS) {
      const files = packed.get(`@perfplan/plugin-${engine}`)!.files.map((file) => file.path);
      expect(files, engine).to.include.members(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', MARKED[engine].packageFile]);
      expect(files.filter((file) => /^(src|test)\/|\.map$|\.tsbuildinfo$|__pycache__/.test(file)), engine).to.deep.equal([]);
    }
    const core = packed.get('perfplan')!.files.map((file) => file.path);
    expect(core.filter((file) => file.startsWith('dist/plugins/') && !/^dist\/plugins\/[^/]+\/(src|templates|runtime)\//.test(file)), 'perfplan ships no plugin tests').to.deep.equal([]);
    for (const engine of FIRST_PARTY_RENDERERS) expect(core, engine).to.include(`dist/plugins/${engine}/src/index.js`).and.include(`dist/plugins/${engine}/${MARKED[engine].packageFile}`);
  });

  for (const engine of FIRST_PARTY_RENDERERS) {
    it(`${engine}: a config naming @perfplan/plugin-${engine} uses the installed package, which writes what the bundled renderer writes`, () => {
      const name = `@perfplan/plugin-${engine}`;
      const generate = (folder: string, plugins: string[]): Tree => {
        const dir = path.join(project, folder);
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), path.join(dir, 'openapi.yaml'));
        fs.writeFileSync(path.join(dir, '.perfplanrc.json'), JSON.stringify({ spec: 'openapi.yaml', output: 'out', engines: [engine], types: ['load', 'workflow'], plugins }));
        fs.rmSync(path.join(dir, 'out'), { recursive: true, force: true });
        const generated = run(perfplan, ['generate'], dir);
        expect(generated.status, generated.stderr).to.equal(0);
        return readTree(path.join(dir, 'out'));
      };
      const listed = run(perfplan, ['plugins', '--json'], (fs.mkdirSync(path.join(project, `${engine}-listed`), { recursive: true }), path.join(project, `${engine}-listed`)));
      expect(listed.status, listed.stderr).to.equal(0);
      const bundledSource = (JSON.parse(listed.stdout) as { plugins: Array<{ kind: string; name: string; source: string }> }).plugins.find((plugin) => plugin.kind === 'renderer' && plugin.name === engine)?.source;
      expect(bundledSource, 'without the config entry, the bundled copy').to.equal(`first-party (plugins/${engine})`);

      const bundled = generate(`${engine}-bundled`, []);
      const packaged = generate(`${engine}-packaged`, [name]);
      const report = run(perfplan, ['plugins', '--json'], path.join(project, `${engine}-packaged`));
      const entry = (JSON.parse(report.stdout) as { plugins: Array<{ kind: string; name: string; source: string; replaced: string[] }> }).plugins.find((plugin) => plugin.kind === 'renderer' && plugin.name === engine);
      expect(entry).to.deep.include({ source: `config: ${name} (../node_modules/${name}/dist/index.js)`, replaced: [`first-party (plugins/${engine})`] });
      expect([...packaged.keys()].some((file) => file.startsWith(`${engine}/`))).to.equal(true);
      expect(compareTrees(bundled, packaged)).to.deep.equal({ missing: [], extra: [], changed: [] });

      // The installed package's own files are what it renders from: a line added to one shows up.
      const marked = MARKED[engine];
      const packageFile = path.join(project, 'node_modules', ...name.split('/'), ...marked.packageFile.split('/'));
      fs.appendFileSync(packageFile, `${marked.line}\n`);
      const changed = generate(`${engine}-packaged`, [name]);
      expect(compareTrees(packaged, changed)).to.deep.equal({ missing: [], extra: [], changed: marked.outputs });
      for (const output of marked.outputs) expect(changed.get(output)!.toString('utf8'), output).to.contain(marked.line);
      expect(compareTrees(bundled, generate(`${engine}-bundled`, []))).to.deep.equal({ missing: [], extra: [], changed: [] });
    });
  }
});
