import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { PerfplanError } from '../../src/errors/index.js';
import { OUTPUT_MARKER } from '../../src/render/output-marker.js';
import { nodeOutputFs, type OutputFs } from '../../src/render/output-fs.js';
import { writeOutput, type OutputFile } from '../../src/render/output-writer.js';
import { snapshotTree, tempDirs } from './temp-dir.js';

const FILES_V1: OutputFile[] = [
  { path: 'PLAN.md', contents: '# Plan\n\nv1\n' },
  { path: 'k6/script.js', contents: 'export default function () {}\n' },
  { path: 'locust/locustfile.py', contents: 'from locust import HttpUser\n' },
  { path: 'jmeter/plan.jmx', contents: '<?xml version="1.0"?>\n<jmeterTestPlan/>\n' },
];
const FILES_V2: OutputFile[] = [
  { path: 'PLAN.md', contents: '# Plan\n\nv2\n' },
  { path: 'k6/script.js', contents: 'export default function () { /* v2 */ }\n' },
  { path: 'k6/lib/helpers.js', contents: 'export const x = 1;\n' },
];

async function rejection(promise: Promise<unknown>): Promise<PerfplanError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(PerfplanError);
    return error as PerfplanError;
  }
  throw new Error('expected a rejection');
}

function siblingsOf(dir: string): string[] {
  return fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith('.perfplan-')).sort();
}

describe('render/output-writer', () => {
  const temp = tempDirs('writer');
  afterEach(() => temp.cleanup());

  describe('writing', () => {
    it('writes the files and a sorted marker, and reports them sorted with byte counts', async () => {
      const outDir = path.join(temp.make(), 'out');
      const result = await writeOutput({ outDir, files: FILES_V1 });
      expect(result.mode).to.equal('write');
      expect(result.outDir).to.equal(outDir);
      expect(result.replacesExisting).to.equal(false);
      expect(result.files.map((f) => f.path)).to.deep.equal([OUTPUT_MARKER, 'PLAN.md', 'jmeter/plan.jmx', 'k6/script.js', 'locust/locustfile.py']);
      expect(result.files.find((f) => f.path === 'PLAN.md')!.bytes).to.equal(Buffer.byteLength(FILES_V1[0].contents));
      const tree = snapshotTree(outDir);
      for (const file of FILES_V1) expect(tree[file.path]).to.equal(file.contents);
      expect(JSON.parse(tree[OUTPUT_MARKER])).to.deep.equal({
        generatedBy: 'perfplan',
        files: ['PLAN.md', 'jmeter/plan.jmx', 'k6/script.js', 'locust/locustfile.py'],
      });
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('uses modes 0644 for files and 0755 for folders', async function () {
      if (process.platform === 'win32') this.skip();
      const outDir = path.join(temp.make(), 'out');
      const oldUmask = process.umask(0o077);
      try {
        await writeOutput({ outDir, files: FILES_V1 });
      } finally {
        process.umask(oldUmask);
      }
      expect(fs.statSync(outDir).mode & 0o777).to.equal(0o755);
      expect(fs.statSync(path.join(outDir, 'k6')).mode & 0o777).to.equal(0o755);
      expect(fs.statSync(path.join(outDir, 'k6/script.js')).mode & 0o777).to.equal(0o644);
      expect(fs.statSync(path.join(outDir, OUTPUT_MARKER)).mode & 0o777).to.equal(0o644);
    });

    it('writes byte-identical output twice, whatever the input order', async () => {
      const base = temp.make();
      const first = path.join(base, 'first');
      const second = path.join(base, 'second');
      await writeOutput({ outDir: first, files: FILES_V1 });
      await writeOutput({ outDir: second, files: [...FILES_V1].reverse() });
      expect(snapshotTree(second)).to.deep.equal(snapshotTree(first));
      const bytes = (dir: string) => fs.readFileSync(path.join(dir, OUTPUT_MARKER));
      expect(bytes(second).equals(bytes(first))).to.equal(true);
    });

    it('keeps line endings and bytes exactly as given', async () => {
      const outDir = path.join(temp.make(), 'out');
      const contents = 'a\nb\r\nc\u00e9\u{1f680}\n';
      await writeOutput({ outDir, files: [{ path: 'x.txt', contents }] });
      expect(fs.readFileSync(path.join(outDir, 'x.txt')).equals(Buffer.from(contents, 'utf8'))).to.equal(true);
    });

    it('replaces its own earlier output, deleting files no longer generated', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const result = await writeOutput({ outDir, files: FILES_V2 });
      expect(result.replacesExisting).to.equal(true);
      const tree = snapshotTree(outDir);
      expect(Object.keys(tree).sort()).to.deep.equal([OUTPUT_MARKER, 'PLAN.md', 'k6/lib/helpers.js', 'k6/script.js']);
      expect(tree['PLAN.md']).to.equal(FILES_V2[0].contents);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('writes into an empty existing folder and creates missing parents', async () => {
      const base = temp.make();
      const empty = path.join(base, 'empty');
      fs.mkdirSync(empty);
      await writeOutput({ outDir: empty, files: FILES_V2 });
      expect(snapshotTree(empty)['PLAN.md']).to.equal(FILES_V2[0].contents);
      const deep = path.join(base, 'a', 'b', 'c');
      await writeOutput({ outDir: deep, files: FILES_V2 });
      expect(snapshotTree(deep)['k6/lib/helpers.js']).to.equal(FILES_V2[2].contents);
    });

    it('replaces the folder behind a symlink and keeps the symlink', async function () {
      if (process.platform === 'win32') this.skip();
      const base = temp.make();
      const real = path.join(base, 'real');
      const link = path.join(base, 'link');
      await writeOutput({ outDir: real, files: FILES_V1 });
      fs.symlinkSync(real, link);
      const result = await writeOutput({ outDir: link, files: FILES_V2 });
      expect(result.outDir).to.equal(fs.realpathSync(real));
      expect(fs.lstatSync(link).isSymbolicLink()).to.equal(true);
      expect(snapshotTree(real)['PLAN.md']).to.equal(FILES_V2[0].contents);
    });
    it('never writes through a symlink planted where its staging folder goes', async function () {
      if (process.platform === 'win32') this.skip();
      const base = temp.make();
      const victim = path.join(base, 'victim');
      fs.mkdirSync(victim);
      const outDir = path.join(base, 'out');
      fs.symlinkSync(victim, path.join(base, `.perfplan-tmp-out-${process.pid}`));
      await writeOutput({ outDir, files: FILES_V1 });
      expect(fs.readdirSync(victim)).to.deep.equal([]);
      expect(snapshotTree(outDir)['PLAN.md']).to.equal(FILES_V1[0].contents);
      expect(fs.readdirSync(base).sort()).to.deep.equal(['out', 'victim']);
    });
  });

  describe('refusing to replace what is not ours', () => {
    it('refuses a non-empty folder without a marker and leaves it untouched', async () => {
      const outDir = path.join(temp.make(), 'mine');
      fs.mkdirSync(outDir);
      fs.writeFileSync(path.join(outDir, 'notes.txt'), 'precious');
      const error = await rejection(writeOutput({ outDir, files: FILES_V1 }));
      expect(error.code).to.equal('output/not-ours');
      expect(error.exitCode).to.equal(2);
      expect(error.message).to.contain(outDir);
      expect(error.fix).to.contain('--force').and.contain('--output');
      expect(snapshotTree(outDir)).to.deep.equal({ 'notes.txt': 'precious' });
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('replaces such a folder with force', async () => {
      const outDir = path.join(temp.make(), 'mine');
      fs.mkdirSync(outDir);
      fs.writeFileSync(path.join(outDir, 'notes.txt'), 'precious');
      await writeOutput({ outDir, files: FILES_V2, force: true });
      expect(Object.keys(snapshotTree(outDir)).sort()).to.deep.equal([OUTPUT_MARKER, 'PLAN.md', 'k6/lib/helpers.js', 'k6/script.js']);
    });

    it('refuses a marked folder that holds files perfplan did not write, unless forced', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      fs.writeFileSync(path.join(outDir, 'k6', 'my-notes.md'), 'mine');
      fs.writeFileSync(path.join(outDir, '.DS_Store'), 'finder clutter is ignored');
      const error = await rejection(writeOutput({ outDir, files: FILES_V2 }));
      expect(error.code).to.equal('output/unknown-files');
      expect(error.exitCode).to.equal(2);
      expect(error.message).to.contain('k6/my-notes.md').and.not.contain('.DS_Store');
      expect(snapshotTree(outDir)['k6/my-notes.md']).to.equal('mine');
      await writeOutput({ outDir, files: FILES_V2, force: true });
      expect(snapshotTree(outDir)['k6/my-notes.md']).to.equal(undefined);
    });

    it('treats an unreadable marker as knowing no files', async () => {
      const outDir = path.join(temp.make(), 'out');
      fs.mkdirSync(outDir);
      fs.writeFileSync(path.join(outDir, OUTPUT_MARKER), 'not json');
      fs.writeFileSync(path.join(outDir, 'PLAN.md'), 'x');
      expect((await rejection(writeOutput({ outDir, files: FILES_V1 }))).code).to.equal('output/unknown-files');
      const onlyMarker = path.join(temp.make(), 'out');
      fs.mkdirSync(onlyMarker);
      fs.writeFileSync(path.join(onlyMarker, OUTPUT_MARKER), '{}');
      await writeOutput({ outDir: onlyMarker, files: FILES_V1 });
      expect(snapshotTree(onlyMarker)['PLAN.md']).to.equal(FILES_V1[0].contents);
    });

    it('refuses an output path that is a file, even with force', async () => {
      const file = path.join(temp.make(), 'out');
      fs.writeFileSync(file, 'a file');
      for (const options of [{}, { force: true }, { dryRun: true }, { check: true }]) {
        const error = await rejection(writeOutput({ outDir: file, files: FILES_V1, ...options }));
        expect(error.code).to.equal('output/is-a-file');
        expect(error.exitCode).to.equal(2);
        expect(error.message).to.contain(file);
      }
      expect(fs.readFileSync(file, 'utf8')).to.equal('a file');
    });

    it('refuses a folder holding an input file, seen through a symlink on either side, even with force', async () => {
      const base = temp.make();
      const real = path.join(base, 'real');
      fs.mkdirSync(path.join(real, 'nested'), { recursive: true });
      fs.writeFileSync(path.join(real, 'nested', 'spec.yaml'), 'spec');
      fs.symlinkSync(real, path.join(base, 'link'), 'dir');
      const cases = [
        { outDir: real, file: path.join(base, 'link', 'nested', 'spec.yaml') },
        { outDir: path.join(base, 'link'), file: path.join(real, 'nested', 'spec.yaml') },
        { outDir: path.join(real, 'nested'), file: path.join(real, 'nested', 'spec.yaml') },
      ];
      for (const { outDir, file } of cases) {
        for (const options of [{ force: true }, { dryRun: true }, { check: true }]) {
          const error = await rejection(writeOutput({ outDir, files: FILES_V1, inputs: [{ file, what: 'the spec' }], ...options }));
          expect(error.code, `${outDir} ${file}`).to.equal('output/holds-input');
          expect(error.exitCode).to.equal(2);
        }
      }
      expect(fs.readFileSync(path.join(real, 'nested', 'spec.yaml'), 'utf8')).to.equal('spec');
      // A sibling folder, and a folder whose name only starts like the input's folder, are fine.
      await writeOutput({ outDir: path.join(base, 'out'), files: FILES_V1, inputs: [{ file: path.join(real, 'nested', 'spec.yaml'), what: 'the spec' }] });
      await writeOutput({ outDir: path.join(base, 're'), files: FILES_V1, inputs: [{ file: path.join(real, 'nested', 'spec.yaml'), what: 'the spec' }] });
    });

    it('refuses the current folder and the filesystem root even with force', async () => {
      for (const outDir of [process.cwd(), path.dirname(process.cwd()), path.parse(process.cwd()).root]) {
        const error = await rejection(writeOutput({ outDir, files: FILES_V1, force: true }));
        expect(error.code).to.equal('output/unsafe-dir');
        expect(error.exitCode).to.equal(2);
      }
    });
  });

  describe('validating the files', () => {
    it('rejects duplicate paths naming both producers', async () => {
      const outDir = path.join(temp.make(), 'out');
      const error = await rejection(
        writeOutput({
          outDir,
          files: [
            { path: 'ci/perf.yml', contents: 'a', producer: 'k6' },
            { path: 'ci/perf.yml', contents: 'b', producer: 'locust' },
          ],
        }),
      );
      expect(error.code).to.equal('output/duplicate-path');
      expect(error.message).to.contain('"k6"').and.contain('"locust"').and.contain('ci/perf.yml');
      expect(fs.existsSync(outDir)).to.equal(false);
    });

    it('rejects paths that differ only by case', async () => {
      const outDir = path.join(temp.make(), 'out');
      const error = await rejection(
        writeOutput({
          outDir,
          files: [
            { path: 'k6/Script.js', contents: 'a', producer: 'k6' },
            { path: 'k6/script.js', contents: 'b', producer: 'other' },
          ],
        }),
      );
      expect(error.code).to.equal('output/case-collision');
      expect(error.message).to.contain('k6/Script.js').and.contain('k6/script.js');
      expect(fs.existsSync(outDir)).to.equal(false);
    });

    it('rejects a path that is both a file and a folder', async () => {
      const error = await rejection(
        writeOutput({
          outDir: path.join(temp.make(), 'out'),
          files: [
            { path: 'k6', contents: 'a' },
            { path: 'k6/script.js', contents: 'b' },
          ],
        }),
      );
      expect(error.code).to.equal('output/path-conflict');
    });

    it('rejects an unsafe path naming its producer, before touching the disk', async () => {
      const base = temp.make();
      const error = await rejection(writeOutput({ outDir: path.join(base, 'out'), files: [{ path: '../escape.js', contents: 'x', producer: 'evil' }] }));
      expect(error.code).to.equal('output/unsafe-path');
      expect(error.message).to.contain('"evil"');
      expect(fs.readdirSync(base)).to.deep.equal([]);
    });

    it('rejects a generated file named like the marker', async () => {
      const error = await rejection(writeOutput({ outDir: path.join(temp.make(), 'out'), files: [{ path: '.PerfPlan', contents: '' }] }));
      expect(error.code).to.equal('output/reserved-path');
    });
  });

  describe('dry run', () => {
    it('writes nothing and lists the files with their sizes', async () => {
      const base = temp.make();
      const outDir = path.join(base, 'out');
      const result = await writeOutput({ outDir, files: FILES_V1, dryRun: true });
      expect(result.mode).to.equal('dry-run');
      expect(result.files.map((f) => f.path)).to.deep.equal([OUTPUT_MARKER, 'PLAN.md', 'jmeter/plan.jmx', 'k6/script.js', 'locust/locustfile.py']);
      expect(result.files.every((f) => f.bytes > 0)).to.equal(true);
      expect(fs.readdirSync(base)).to.deep.equal([]);
    });

    it('leaves an existing output unchanged and reports the refusal a write would meet', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const before = snapshotTree(outDir);
      const result = await writeOutput({ outDir, files: FILES_V2, dryRun: true });
      expect(result.replacesExisting).to.equal(true);
      expect(snapshotTree(outDir)).to.deep.equal(before);
      fs.writeFileSync(path.join(outDir, 'mine.txt'), 'x');
      expect((await rejection(writeOutput({ outDir, files: FILES_V2, dryRun: true }))).code).to.equal('output/unknown-files');
    });
  });

  describe('check', () => {
    it('passes when the folder holds exactly what a write would produce', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const result = await writeOutput({ outDir, files: [...FILES_V1].reverse(), check: true });
      expect(result.mode).to.equal('check');
      expect(result.upToDate).to.equal(true);
      expect(result.differences).to.deep.equal({ missing: [], changed: [], extra: [] });
    });

    it('reports missing, changed and extra files, and writes nothing', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      fs.rmSync(path.join(outDir, 'k6/script.js'));
      fs.writeFileSync(path.join(outDir, 'PLAN.md'), '# edited by hand\n');
      const before = snapshotTree(outDir);
      const wanted = FILES_V1.filter((f) => f.path !== 'locust/locustfile.py');
      const result = await writeOutput({ outDir, files: wanted, check: true });
      expect(result.upToDate).to.equal(false);
      expect(result.differences).to.deep.equal({
        missing: ['k6/script.js'],
        changed: [OUTPUT_MARKER, 'PLAN.md'], // the marker would no longer list locustfile.py
        extra: ['locust/locustfile.py'],
      });
      expect(snapshotTree(outDir)).to.deep.equal(before);
    });

    it('detects a change that keeps the size', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      fs.writeFileSync(path.join(outDir, 'PLAN.md'), FILES_V1[0].contents.replace('v1', 'v9'));
      const result = await writeOutput({ outDir, files: FILES_V1, check: true });
      expect(result.differences!.changed).to.deep.equal(['PLAN.md']);
    });

    it('reports every file missing when the folder does not exist', async () => {
      const base = temp.make();
      const result = await writeOutput({ outDir: path.join(base, 'out'), files: FILES_V2, check: true });
      expect(result.upToDate).to.equal(false);
      expect(result.differences!.missing).to.deep.equal([OUTPUT_MARKER, 'PLAN.md', 'k6/lib/helpers.js', 'k6/script.js']);
      expect(fs.readdirSync(base)).to.deep.equal([]);
    });

    it('ignores files the marker does not list', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      fs.writeFileSync(path.join(outDir, 'README.local'), 'x');
      expect((await writeOutput({ outDir, files: FILES_V1, check: true })).upToDate).to.equal(true);
    });
  });

  describe('failures keep the previous output', () => {
    function failingOn(operation: keyof OutputFs, shouldFail: (args: unknown[]) => boolean): Partial<OutputFs> {
      const original = nodeOutputFs[operation] as (...args: unknown[]) => Promise<unknown>;
      return {
        [operation]: (...args: unknown[]) => (shouldFail(args) ? Promise.reject(Object.assign(new Error('injected failure'), { code: 'EIO' })) : original(...args)),
      } as Partial<OutputFs>;
    }

    it('when a file write fails midway', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const before = snapshotTree(outDir);
      let writes = 0;
      const error = await rejection(writeOutput({ outDir, files: FILES_V2, fs: failingOn('writeNewFile', () => ++writes === 3) }));
      expect(writes).to.equal(3);
      expect(error.code).to.equal('output/write-failed');
      expect(error.exitCode).to.equal(1);
      expect(error.message).to.contain('injected failure');
      expect(snapshotTree(outDir)).to.deep.equal(before);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('when a folder cannot be created', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const before = snapshotTree(outDir);
      const error = await rejection(writeOutput({ outDir, files: FILES_V2, fs: failingOn('mkdir', (args) => String(args[0]).endsWith(`${path.sep}lib`)) }));
      expect(error.code).to.equal('output/write-failed');
      expect(snapshotTree(outDir)).to.deep.equal(before);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('when a real file cannot be created (a read-only staging folder)', async function () {
      if (process.platform === 'win32' || process.getuid?.() === 0) this.skip(); // root ignores modes
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const before = snapshotTree(outDir);
      const readOnlyMkdir: Partial<OutputFs> = {
        async mkdir(dir, mode) {
          await nodeOutputFs.mkdir(dir, mode);
          if (dir.endsWith(`${path.sep}k6`)) fs.chmodSync(dir, 0o555);
        },
        async rmTree(dir) {
          for (const sub of [dir, path.join(dir, 'k6')]) if (fs.existsSync(sub)) fs.chmodSync(sub, 0o755);
          await nodeOutputFs.rmTree(dir);
        },
      };
      const error = await rejection(writeOutput({ outDir, files: FILES_V2, fs: readOnlyMkdir }));
      expect(error.code).to.equal('output/write-failed');
      expect(error.message).to.contain('EACCES');
      expect(snapshotTree(outDir)).to.deep.equal(before);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('when the staging folder cannot be created (its name is too long for the filesystem)', async () => {
      const outDir = path.join(temp.make(), 'o'.repeat(240));
      fs.mkdirSync(outDir);
      fs.writeFileSync(path.join(outDir, OUTPUT_MARKER), '{"generatedBy":"perfplan","files":["PLAN.md"]}\n');
      fs.writeFileSync(path.join(outDir, 'PLAN.md'), 'old');
      const before = snapshotTree(outDir);
      const error = await rejection(writeOutput({ outDir, files: FILES_V2 }));
      expect(error.code).to.equal('output/write-failed');
      expect(error.message).to.contain('ENAMETOOLONG');
      expect(snapshotTree(outDir)).to.deep.equal(before);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('when moving the new folder into place fails, the old one is moved back', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const before = snapshotTree(outDir);
      const error = await rejection(
        writeOutput({ outDir, files: FILES_V2, fs: failingOn('rename', (args) => path.basename(String(args[0])).startsWith('.perfplan-tmp-')) }),
      );
      expect(error.code).to.equal('output/write-failed');
      expect(snapshotTree(outDir)).to.deep.equal(before);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });

    it('when deleting the old folder fails, the write succeeds with a warning and the next run cleans up', async () => {
      const outDir = path.join(temp.make(), 'out');
      await writeOutput({ outDir, files: FILES_V1 });
      const result = await writeOutput({ outDir, files: FILES_V2, fs: failingOn('rmTree', (args) => path.basename(String(args[0])).startsWith('.perfplan-old-')) });
      expect(snapshotTree(outDir)['PLAN.md']).to.equal(FILES_V2[0].contents);
      expect(result.warnings).to.have.length(1);
      expect(siblingsOf(outDir)).to.have.length(1);
      const next = await writeOutput({ outDir, files: FILES_V2 });
      expect(next.recovered).to.have.length(1);
      expect(siblingsOf(outDir)).to.deep.equal([]);
    });
  });
});
