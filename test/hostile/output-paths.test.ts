import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { isPerfplanError } from '../../src/errors/index.js';
import { findCaseCollisions, unsafePathReason, writeOutput } from '../../src/render/index.js';
import { announceMissing, hostilePipeline, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { tempDirs } from '../render/temp-dir.js';

/** Strings that would leave the folder, name a device, or collide by case if a renderer made a path of them. */
const PATH_ATTACKS = ['../../../../tmp/perfplan-escaped', '/tmp/perfplan-escaped', 'C:\\perfplan-escaped', '..', '.', 'CON', 'con.js', 'NUL', 'aux.txt', 'COM1', 'LPT9.jmx', 'README.md', 'readme.md', 'Load', 'load', 'LOAD', 'k6', 'K6', 'plan.json', 'PLAN.md', '.perfplan', '', 'a/../../b', '~/.ssh/id_rsa', '\\\\server\\share\\x'];

function attackSpec(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  PATH_ATTACKS.forEach((attack, index) => {
    paths[`/${attack.replace(/[{}]/g, '')}/${index}`] = {
      get: { operationId: attack, tags: [attack, attack.toUpperCase()], summary: attack, responses: { '200': { description: attack } } },
      post: { operationId: `${attack}`.toUpperCase(), tags: [attack], responses: { '201': { description: attack } } },
    };
  });
  return { openapi: '3.0.3', info: { title: '../../../../tmp/perfplan-escaped/CON', version: '/etc' }, tags: PATH_ATTACKS.map((name) => ({ name })), paths };
}

function filesOnDisk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

describe('hostile specs: output paths never leave the output folder', function () {
  this.timeout(120_000);
  const temp = tempDirs('paths');
  let host: HostilePipeline;
  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  it('titles, operationIds and tags like ../, /abs, CON and case twins give safe, distinct paths, all written inside the folder', async () => {
    const result = await host.pipeline.generate({ specFile: 'attack.json', document: attackSpec() });
    const paths = result.files.map((file) => file.path);
    for (const file of paths) expect(unsafePathReason(file), file).to.equal(undefined);
    expect(findCaseCollisions(paths)).to.deep.equal([]);
    expect(new Set(paths).size).to.equal(paths.length);

    const base = temp.make();
    const outDir = path.join(base, 'out');
    const written = await writeOutput({ outDir, files: result.files });
    expect(fs.readdirSync(base), 'nothing beside the output folder').to.deep.equal(['out']);
    const real = fs.realpathSync(outDir);
    const onDisk = filesOnDisk(outDir);
    expect(onDisk.length).to.equal(written.files.length);
    for (const file of onDisk) expect(fs.realpathSync(file).startsWith(`${real}${path.sep}`), file).to.equal(true);
    expect(fs.existsSync('/tmp/perfplan-escaped')).to.equal(false);
  });

  for (const [label, files, code] of [
    ['a ../ path', [{ path: '../escaped.js', contents: 'x' }], 'output/unsafe-path'],
    ['an absolute path', [{ path: '/tmp/perfplan-escaped.js', contents: 'x' }], 'output/unsafe-path'],
    ['a Windows device name', [{ path: 'k6/CON.js', contents: 'x' }], 'output/unsafe-path'],
    ['a backslash path', [{ path: 'k6\\..\\..\\escaped.js', contents: 'x' }], 'output/unsafe-path'],
    ['a NUL in a name', [{ path: 'k6/a\u0000.js', contents: 'x' }], 'output/unsafe-path'],
    ['two paths that differ only by case', [{ path: 'k6/Load.js', contents: 'a' }, { path: 'k6/load.js', contents: 'b' }], 'output/'],
  ] as const) {
    it(`the writer refuses ${label} and writes nothing`, async () => {
      const base = temp.make();
      const outDir = path.join(base, 'out');
      let error: unknown;
      try {
        await writeOutput({ outDir, files: files.map((file) => ({ ...file, producer: 'hostile' })) });
      } catch (caught) {
        error = caught;
      }
      expect(isPerfplanError(error), String(error)).to.equal(true);
      expect((error as { code: string }).code).to.match(new RegExp(`^${code.replace('/', '\\/')}`));
      expect(fs.readdirSync(base)).to.deep.equal([]);
    });
  }
});
