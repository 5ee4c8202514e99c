import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { isPerfplanError, type PerfplanError } from '../../src/errors/index.js';
import { DEFAULT_SPEC_LIMITS, loadSpec } from '../../src/openapi/index.js';
import { runCli, STACK_LINE } from '../helpers/run-cli.js';
import { tempDirs } from '../render/temp-dir.js';

async function refusal(load: Promise<unknown>): Promise<PerfplanError> {
  try {
    await load;
  } catch (error) {
    if (isPerfplanError(error)) return error;
    throw error;
  }
  throw new Error('expected the spec to be refused');
}

/** A valid OpenAPI document padded past `bytes` with long descriptions (cheap to write, real to parse). */
function writeBigSpec(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  const chunk = 'x'.repeat(1024 * 1024);
  fs.writeSync(fd, '{"openapi":"3.0.3","info":{"title":"big","version":"1"},"paths":{');
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const entry = `${i === 0 ? '' : ','}"/p${i}":{"get":{"operationId":"op${i}","description":"${chunk}","responses":{"200":{"description":"ok"}}}}`;
    fs.writeSync(fd, entry);
    written += entry.length;
  }
  fs.writeSync(fd, '}}');
  fs.closeSync(fd);
}

/** Levels of YAML aliases, each nine copies of the one before: 9^levels nodes once expanded. */
function aliasBomb(levels: number): string {
  const lines = ['openapi: 3.0.3', 'info: { title: bomb, version: "1" }', 'paths: {}', 'x-bomb:', '  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

function measure<T>(action: () => Promise<T>): Promise<{ value: T; ms: number; heapGrowthMb: number }> {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  return action().then((value) => ({
    value,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024),
  }));
}

describe('hostile specs: size, depth and alias limits', function () {
  this.timeout(300_000);
  const temp = tempDirs('limits');
  after(() => temp.cleanup());

  describe('a spec of 50 MiB or more', () => {
    let dir: string;
    let file: string;
    before(() => {
      dir = temp.make();
      file = path.join(dir, 'big.json');
      writeBigSpec(file, DEFAULT_SPEC_LIMITS.maxBytes + 1);
    });

    it('is refused before it is read: spec/too-large, naming the file, the limit and how to raise it', async () => {
      const { value: error, ms, heapGrowthMb } = await measure(() => refusal(loadSpec({ file })));
      console.log(`    refused a ${(fs.statSync(file).size / 1048576).toFixed(1)} MiB spec in ${ms.toFixed(1)} ms, heap +${heapGrowthMb.toFixed(1)} MiB`);
      expect(error.code).to.equal('spec/too-large');
      expect(error.exitCode).to.equal(1);
      expect(error.file).to.equal(file);
      expect(error.message).to.contain(file).and.contain('50.0 MiB').and.contain(String(DEFAULT_SPEC_LIMITS.maxBytes));
      expect(error.fix).to.contain('PERFPLAN_MAX_SPEC_BYTES=');
      expect(ms).to.be.below(1000);
      expect(heapGrowthMb).to.be.below(20);
    });

    it('is refused by the CLI with exit 1 and the message, no stack trace', () => {
      const run = runCli(['generate', file, '-o', path.join(dir, 'out')], { cwd: dir });
      expect(run.status, run.stderr).to.equal(1);
      expect(run.stderr).to.contain('spec/too-large').and.contain('PERFPLAN_MAX_SPEC_BYTES');
      expect(`${run.stdout}${run.stderr}`).not.to.match(STACK_LINE);
      expect(fs.existsSync(path.join(dir, 'out'))).to.equal(false);
    });

    it('loads within bounded time when the limit is raised on purpose', async () => {
      const { value, ms } = await measure(() => loadSpec({ file, limits: { maxBytes: 64 * 1024 * 1024 } }));
      const rssMb = process.memoryUsage().rss / 1048576;
      console.log(`    loaded it with the limit raised in ${ms.toFixed(0)} ms (${value.model.operations.length} operations), process rss ${rssMb.toFixed(0)} MiB`);
      expect(value.model.operations.length).to.be.greaterThan(40);
      expect(ms).to.be.below(60_000);
    });
  });

  it('refuses a YAML alias bomb quickly: spec/alias-bomb with the counts and the option', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'bomb.yaml');
    fs.writeFileSync(file, aliasBomb(12)); // 9^12 ≈ 2.8e11 nodes once expanded
    const { value: error, ms } = await measure(() => refusal(loadSpec({ file })));
    console.log(`    refused a 9^12 alias bomb in ${ms.toFixed(1)} ms`);
    expect(error.code).to.equal('spec/alias-bomb');
    expect(error.message).to.contain(file).and.contain('alias');
    expect(error.fix).to.contain('PERFPLAN_MAX_ALIAS_EXPANSION=');
    expect(ms).to.be.below(2000);
    const run = runCli(['generate', file, '-o', path.join(dir, 'out')], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain('spec/alias-bomb');
    expect(`${run.stdout}${run.stderr}`).not.to.match(STACK_LINE);
  });

  it('still loads a spec that uses a few ordinary aliases and merge keys', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'anchors.yaml');
    fs.writeFileSync(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: anchors, version: "1" }',
        'x-common: &ok { description: ok }',
        'paths:',
        '  /a: { get: { operationId: a, responses: { "200": *ok } } }',
        '  /b: { get: { operationId: b, responses: { "200": { <<: *ok, headers: {} } } } }',
        '',
      ].join('\n'),
    );
    const { model } = await loadSpec({ file });
    expect(model.operations.map((operation) => operation.id)).to.deep.equal(['a', 'b']);
  });

  it('refuses a recursive alias (a node that contains itself) instead of looping', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'loop.yaml');
    fs.writeFileSync(file, 'openapi: 3.0.3\ninfo: { title: loop, version: "1" }\npaths: {}\nx-loop: &loop\n  again: *loop\n');
    const error = await refusal(loadSpec({ file }));
    expect(error.code).to.equal('spec/recursive-alias');
    expect(error.pointer).to.equal('/x-loop/again');
  });

  it('refuses a library document that contains itself', async () => {
    const document: Record<string, unknown> = { openapi: '3.0.3', info: { title: 'cycle', version: '1' }, paths: {} };
    (document.paths as Record<string, unknown>)['/self'] = document;
    const error = await refusal(loadSpec({ file: 'cycle.json', document }));
    expect(error.code).to.equal('spec/recursive-alias');
  });

  for (const [name, text] of [
    ['JSON', `{"openapi":"3.0.3","info":{"title":"deep","version":"1"},"paths":{},"x-deep":${'['.repeat(200_000)}${']'.repeat(200_000)}}`],
    ['YAML', `openapi: 3.0.3\ninfo: { title: deep, version: "1" }\npaths: {}\nx-deep: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`],
  ] as const) {
    it(`refuses ${name} nested 200,000 levels deep: spec/too-deep, no stack overflow`, async () => {
      const dir = temp.make();
      const file = path.join(dir, `deep.${name.toLowerCase()}`);
      fs.writeFileSync(file, text);
      const { value: error, ms } = await measure(() => refusal(loadSpec({ file })));
      expect(error.code).to.equal('spec/too-deep');
      expect(error.message).to.contain(file).and.contain(String(DEFAULT_SPEC_LIMITS.maxDepth));
      expect(error.fix).to.contain('PERFPLAN_MAX_SPEC_DEPTH=');
      expect(ms).to.be.below(5000);
      const run = runCli(['generate', file, '-o', path.join(dir, 'out')], { cwd: dir });
      expect(run.status).to.equal(1);
      expect(run.stderr).to.contain('spec/too-deep');
      expect(`${run.stdout}${run.stderr}`).not.to.match(STACK_LINE);
    });
  }

  it('honours a lowered limit from the environment variable', () => {
    const dir = temp.make();
    const file = path.join(dir, 'small.json');
    fs.writeFileSync(file, JSON.stringify({ openapi: '3.0.3', info: { title: 'small', version: '1' }, paths: {} }));
    const run = runCli(['validate', file], { cwd: dir, env: { PERFPLAN_MAX_SPEC_BYTES: '10' } });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain('spec/too-large');
  });
});
