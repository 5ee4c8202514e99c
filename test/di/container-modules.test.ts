import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import path from 'node:path';
import { builtinPlugins, createContainer, pipelineOf, registryOf } from '../../src/di/index.js';
import { defineContainerModule, TOKENS, type PlanWriter } from '../../src/plugin-api/index.js';
import type { PluginEntry } from '../../src/pipeline/index.js';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const PETSTORE = fixtureSpec('swagger-petstore-oas3-1.0.27.yaml');

async function perfplan(args: string[]) {
  return runCommand(args, { root: PROJECT_ROOT });
}

/** Every file under `dir`, by path relative to it ('/'-separated), with its text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/**
 * A plugin package's module that keeps generated files in memory (under a global the test
 * reads) instead of writing the output folder: it rebinds the core output writer.
 */
function memoryWriterModule(key: string): string {
  return `import { defineContainerModule, TOKENS } from 'perfplan/plugin';
const kept = (globalThis[${JSON.stringify(key)}] = new Map());
export default defineContainerModule({
  name: 'memory-output',
  description: 'Keeps the generated files in memory',
  load({ rebind }) {
    rebind(TOKENS.outputWriter).toConstantValue({
      async open(options) {
        const added = [];
        return {
          recovered: [],
          async add(file) { added.push(file); },
          async finish() {
            for (const file of added) kept.set(file.path, file.contents);
            const files = added.map((file) => ({ path: file.path, bytes: Buffer.byteLength(file.contents) }));
            return { mode: 'write', outDir: 'memory:' + options.outDir, files, replacesExisting: false, recovered: [], warnings: [] };
          },
          async abort() { added.length = 0; },
        };
      },
    });
  },
});
`;
}

describe('container modules replace core services', function () {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject('perfplan-container-');
  });
  afterEach(() => project.remove());

  it("a plugin's container module replaces the output writer: generate hands every file to it and writes no folder", async () => {
    const key = `perfplanMemoryFiles${process.pid}${Date.now()}`;
    project.write('memory-writer.mjs', memoryWriterModule(key));
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./memory-writer.mjs'] }));
    const { error, stdout } = await perfplan(['generate', '--config', config]);
    expect(error, String(error?.message)).to.equal(undefined);
    expect(stdout).to.match(/Wrote \d+ files/);
    expect(project.exists('out'), 'the replacement writes nothing to disk').to.equal(false);
    const kept = (globalThis as Record<string, unknown>)[key] as Map<string, string>;

    // The same files, byte for byte, as the folder writer writes (its .perfplan marker aside).
    const plain = project.write('plain/.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out' }));
    const written = await perfplan(['generate', '--config', plain]);
    expect(written.error, String(written.error?.message)).to.equal(undefined);
    const onDisk = readTree(project.path('plain', 'out'));
    onDisk.delete('.perfplan');
    expect([...kept.keys()].sort()).to.deep.equal([...onDisk.keys()].sort());
    expect(kept.get('k6/load.js')).to.equal(onDisk.get('k6/load.js'));
    expect(kept.get('plan.json')).to.equal(onDisk.get('plan.json'));

    const listed = await perfplan(['plugins', '--config', config]);
    expect(listed.stdout).to.match(/container module \(1\):\n\s+memory-output\s+config: \.\/memory-writer\.mjs/);
  });

  it('a container module loads after the core bindings: the pipeline uses a replaced plan writer', async () => {
    const planText: PlanWriter = { files: ({ plan }) => [{ path: 'PLAN.txt', contents: `${plan.testCases.length} test cases\n` }] };
    const replacement = defineContainerModule({ name: 'plan-as-text', load: ({ rebind }) => void rebind(TOKENS.planWriter).toConstantValue(planText) });
    const plugins: PluginEntry[] = [...builtinPlugins(), { plugin: replacement, source: 'test' }];
    const generated = await pipelineOf(createContainer({ plugins, settings: { types: ['load'] } })).generate({ specFile: PETSTORE });
    expect(generated.files.map((file) => file.path)).to.deep.equal(['PLAN.txt']);
    expect(generated.files[0].contents).to.equal(`${generated.plan.testCases.length} test cases\n`);
    expect(registryOf(createContainer({ plugins })).containerModules().map((plugin) => plugin.name)).to.deep.equal(['plan-as-text']);
  });

  it('a container module that throws, or loads asynchronously, is an error naming it', () => {
    const throwing = defineContainerModule({
      name: 'broken',
      load() {
        throw new Error('no such token');
      },
    });
    expect(() => createContainer({ plugins: [{ plugin: throwing, source: 'test' }] }))
      .to.throw('Container module "broken" failed to load: no such token')
      .with.property('code', 'plugin/container-failed');
    const asynchronous = { kind: 'container' as const, name: 'later', load: (async () => undefined) as () => void };
    expect(() => createContainer({ plugins: [{ plugin: asynchronous, source: 'test' }] }))
      .to.throw('Container module "later" returned a promise from load()')
      .with.property('code', 'plugin/container-async');
  });

  it('a config rejects a container plugin without a load function, naming the key', async () => {
    project.write('no-load.mjs', "export default { kind: 'container', name: 'empty' };\n");
    const config = project.write('.perfplanrc.json', JSON.stringify({ spec: PETSTORE, output: 'out', plugins: ['./no-load.mjs'] }));
    const { error, stderr } = await perfplan(['generate', '--config', config]);
    expect(error?.oclif?.exit).to.equal(2);
    expect(stderr).to.contain('default.load: a container plugin must have a function `load`, got undefined (plugin "empty")');
  });
});
