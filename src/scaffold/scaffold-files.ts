import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../config/index.js';
import { jsString } from '../plugin-api/index.js';
import { createTemplateRenderer } from '../render/index.js';
import { pluginPackageName, type ScaffoldKind } from './plugin-name.js';

/** A file of a new plugin package, relative to its folder. */
export interface ScaffoldFile {
  path: string;
  contents: string;
}

const DESCRIPTION: Record<ScaffoldKind, string> = {
  renderer: 'A perfplan renderer: a Node.js smoke script from the test plan.',
  strategy: 'A perfplan profile strategy for the operations with its tag.',
  analyzer: 'A perfplan analyzer: operations with configured tags are critical path.',
};

function scaffoldDir(): string {
  return path.join(packageRoot(), 'templates', 'scaffold');
}

/** Files under `dir`, relative to it with "/", sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

function packageJson(kind: ScaffoldKind, name: string): string {
  const perfplan = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string; engines?: { node?: string } };
  const manifest = {
    name: pluginPackageName(name),
    version: '0.1.0',
    description: DESCRIPTION[kind],
    type: 'module',
    exports: './index.js',
    files: ['index.js', ...(kind === 'renderer' ? ['src', 'templates'] : []), 'README.md'],
    keywords: ['perfplan', 'perfplan-plugin', kind],
    scripts: { test: 'node --test', check: 'tsc -p jsconfig.json' },
    peerDependencies: { perfplan: `^${perfplan.version}` },
    ...(perfplan.engines?.node === undefined ? {} : { engines: { node: perfplan.engines.node } }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The files of a new `perfplan-plugin-NAME` package of a kind: templates/scaffold/common and
 * templates/scaffold/KIND, where `X.ejs` is rendered to X, `X.copy` copied to X (a template of the
 * plugin's own), anything else copied; and its package.json. `name` must be valid (pluginNameProblem).
 */
export function scaffoldFiles({ kind, name }: { kind: ScaffoldKind; name: string }): ScaffoldFile[] {
  const root = scaffoldDir();
  const render = createTemplateRenderer({ templatesDir: root });
  const data = { kind, name, nameJs: jsString(name), packageName: pluginPackageName(name) };
  const files: ScaffoldFile[] = [{ path: 'package.json', contents: packageJson(kind, name) }];
  for (const folder of ['common', kind]) {
    for (const relative of listFiles(path.join(root, folder))) {
      if (relative.endsWith('.ejs')) files.push({ path: relative.slice(0, -'.ejs'.length), contents: render(`${folder}/${relative}`, data) });
      else files.push({ path: relative.replace(/\.copy$/, ''), contents: fs.readFileSync(path.join(root, folder, relative), 'utf8') });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
