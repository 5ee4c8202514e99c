import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isPerfplanError } from '../../src/errors/index.js';
import { bundleExternalRefs } from '../../src/openapi/bundle-external.js';
import { DiagnosticSink } from '../../src/openapi/diagnostics.js';
import { DEFAULT_SPEC_LIMITS, loadSpec } from '../../src/openapi/index.js';
import type { RefPolicy } from '../../src/openapi/ref-policy.js';
import { BIN_RUN } from '../helpers/paths.js';
import { STACK_LINE } from '../helpers/run-cli.js';
import { tempDirs } from '../render/temp-dir.js';

const URANDOM = '/dev/urandom';

function specWith(paths: string): string {
  return ['openapi: 3.0.3', 'info: { title: pipes, version: "1" }', 'paths:', paths, ''].join('\n');
}

/** A named pipe nobody writes to: reading it blocks for ever. */
function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

describe('hostile specs: FIFOs and devices are refused, never read', function () {
  this.timeout(30_000);
  const temp = tempDirs('non-regular');
  after(() => temp.cleanup());

  it(`the CLI refuses ${URANDOM} as the spec: exit 2, spec/not-regular-file, the file, what to do, no stack trace, at once`, function () {
    if (!fs.existsSync(URANDOM)) this.skip();
    const dir = temp.make();
    const started = Date.now();
    const run = spawnSync(process.execPath, [BIN_RUN, 'generate', URANDOM, '-o', path.join(dir, 'out')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, PERFPLAN_DEBUG: '' },
    });
    const ms = Date.now() - started;
    console.log(`    refused in ${ms} ms`);
    expect(run.signal, 'killed after 20 s: the spec was being read').to.equal(null);
    expect(run.status, run.stderr).to.equal(2);
    expect(run.stderr).to.contain('spec/not-regular-file').and.contain(URANDOM).and.contain('a device, not a regular file').and.contain('save a generated or piped spec to a file');
    expect(`${run.stdout}${run.stderr}`).not.to.match(STACK_LINE);
    expect(fs.existsSync(path.join(dir, 'out'))).to.equal(false);
  });

  it('loadSpec refuses a FIFO as the spec without blocking (exit code 2)', async function () {
    const fifo = path.join(temp.make(), 'openapi.yaml');
    if (!mkfifo(fifo)) this.skip();
    try {
      await loadSpec({ file: fifo });
      expect.fail('a FIFO was loaded');
    } catch (error) {
      if (!isPerfplanError(error)) throw error;
      expect(error.code).to.equal('spec/not-regular-file');
      expect(error.exitCode).to.equal(2);
      expect(error.file).to.equal(fifo);
      expect(error.message).to.contain('a named pipe (FIFO)');
      expect(error.fix).to.be.a('string');
    }
  });

  it('refuses $refs to a FIFO, a folder named like a document, and (allowExternalFiles on) a link to /dev/urandom', async function () {
    const dir = temp.make();
    if (!mkfifo(path.join(dir, 'pipe.yaml'))) this.skip();
    fs.mkdirSync(path.join(dir, 'folder.yaml'));
    fs.symlinkSync(URANDOM, path.join(dir, 'random.yaml'));
    const file = path.join(dir, 'openapi.yaml');
    fs.writeFileSync(
      file,
      specWith(
        [
          '  /a:',
          '    get:',
          '      parameters:',
          '        - { name: p, in: query, schema: { $ref: "pipe.yaml" } }',
          '        - { name: f, in: query, schema: { $ref: "folder.yaml" } }',
          '        - { name: r, in: query, schema: { $ref: "random.yaml" } }',
          `        - { name: d, in: query, schema: { $ref: "${URANDOM}" } }`,
          '      responses: { "200": { description: ok } }',
        ].join('\n'),
      ),
    );
    const { model, diagnostics } = await loadSpec({ file, allowExternalFiles: true });
    const byPointer = (index: number) => diagnostics.find((d) => d.pointer === `#/paths/~1a/get/parameters/${index}/schema`);
    expect(byPointer(0)).to.include({ code: 'spec/ref-not-regular-file', file });
    expect(byPointer(0)?.message).to.contain('pipe.yaml, which is a named pipe (FIFO), not a regular file');
    expect(byPointer(1)?.message).to.contain('which is a folder, not a regular file');
    expect(byPointer(2)).to.include({ code: 'spec/ref-not-regular-file' });
    expect(byPointer(2)?.message).to.contain('random.yaml, which is a device');
    expect(byPointer(3)).to.include({ code: 'spec/ref-not-spec-document' });
    expect(model.operations[0].parameters.map((p) => p.name)).to.deep.equal(['p', 'f', 'r', 'd']);
    expect(diagnostics.filter((d) => d.code === 'spec/external-file-read')).to.deep.equal([]);
  });

  it("the bundler's file resolver (second guard) refuses a FIFO, a dot-file and a non-document even when no policy ran", async function () {
    const dir = temp.make();
    if (!mkfifo(path.join(dir, 'pipe.yaml'))) this.skip();
    fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=PPMARK-guard-dotenv\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'PPMARK-guard-txt\n');
    fs.writeFileSync(path.join(dir, 'ok.yaml'), 'type: string\n');
    const file = path.join(dir, 'openapi.yaml');
    const report = new DiagnosticSink(file);
    const policy: RefPolicy = { rootDir: dir, rootLabel: file, allowExternalFiles: false, allowRemoteRefs: false, schemaIdsAllowed: false, swagger2: false, report };
    // The root document goes to the bundler as it is: its refs were never checked by the ref policy.
    const schemas = { pipe: { $ref: 'pipe.yaml' }, env: { $ref: '.env' }, txt: { $ref: 'notes.txt' }, ok: { $ref: 'ok.yaml' } };
    const document = { openapi: '3.0.3', info: { title: 'guard', version: '1' }, paths: {}, components: { schemas } };
    const bundled = await bundleExternalRefs({ absolutePath: file, document, policy, limits: DEFAULT_SPEC_LIMITS });
    expect(JSON.stringify(bundled.document)).not.to.contain('PPMARK');
    expect(bundled.filesRead.map((read) => read.relativePath)).to.deep.equal(['ok.yaml']);
    const refused = Object.fromEntries(report.diagnostics.map((d) => [d.pointer, d.message]));
    expect(refused['#/components/schemas/pipe']).to.contain('pipe.yaml is a named pipe (FIFO), not a regular file').and.contain('spec/ref-not-regular-file');
    expect(refused['#/components/schemas/env']).to.contain('.env is a dot-file').and.contain('spec/ref-hidden-path');
    expect(refused['#/components/schemas/txt']).to.contain('notes.txt is not a .json, .yaml, .yml document').and.contain('spec/ref-not-spec-document');
    expect(report.diagnostics.map((d) => d.code)).to.deep.equal(Array(3).fill('spec/external-file-error'));
  });
});
