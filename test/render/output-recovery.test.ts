import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { recoverInterruptedOutput, siblingPath } from '../../src/render/output-recovery.js';
import { writeOutput, type OutputFile } from '../../src/render/output-writer.js';
import { snapshotTree, tempDirs } from './temp-dir.js';

const FILES_V1: OutputFile[] = [
  { path: 'PLAN.md', contents: 'v1\n' },
  { path: 'k6/script.js', contents: '// v1\n' },
];
const FILES_V2: OutputFile[] = [
  { path: 'PLAN.md', contents: 'v2\n' },
  { path: 'k6/script.js', contents: '// v2\n' },
];

/** The pid of a process that has exited (a just-finished child). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function makeFolder(dir: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
}

describe('render/output-recovery', () => {
  const temp = tempDirs('recovery');
  afterEach(() => temp.cleanup());

  it('removes a half-written staging folder left by a killed run', async () => {
    const outDir = path.join(temp.make(), 'out');
    await writeOutput({ outDir, files: FILES_V1 });
    const staging = siblingPath(outDir, 'tmp', deadPid());
    makeFolder(staging, { 'PLAN.md': 'half' });
    const result = await writeOutput({ outDir, files: FILES_V2 });
    expect(result.recovered).to.deep.equal([`removed ${staging}, left by an interrupted run`]);
    expect(fs.existsSync(staging)).to.equal(false);
    expect(snapshotTree(outDir)['PLAN.md']).to.equal('v2\n');
  });

  it('restores the previous output when a run was killed between the two renames', async () => {
    const base = temp.make();
    const outDir = path.join(base, 'out');
    await writeOutput({ outDir, files: FILES_V1 });
    const v1 = snapshotTree(outDir);
    // The killed run had moved the old output aside and had a complete staging folder.
    const pid = deadPid();
    fs.renameSync(outDir, siblingPath(outDir, 'old', pid));
    makeFolder(siblingPath(outDir, 'tmp', pid), { 'PLAN.md': 'v2\n' });

    const actions = await recoverInterruptedOutput(outDir);
    expect(actions).to.have.length(2);
    expect(actions[0]).to.match(/^restored /);
    expect(snapshotTree(outDir)).to.deep.equal(v1);
    expect(fs.readdirSync(base)).to.deep.equal(['out']);
  });

  it('lets the next write restore and then replace the old output normally', async () => {
    const base = temp.make();
    const outDir = path.join(base, 'out');
    await writeOutput({ outDir, files: FILES_V1 });
    fs.renameSync(outDir, siblingPath(outDir, 'old', deadPid()));
    // The restored folder is ours (it has the marker), so the write may replace it.
    const result = await writeOutput({ outDir, files: FILES_V2 });
    expect(result.recovered[0]).to.match(/^restored /);
    expect(result.replacesExisting).to.equal(true);
    expect(snapshotTree(outDir)['PLAN.md']).to.equal('v2\n');
    expect(fs.readdirSync(base)).to.deep.equal(['out']);
  });

  it('deletes a leftover old folder when the new output is already in place', async () => {
    const base = temp.make();
    const outDir = path.join(base, 'out');
    await writeOutput({ outDir, files: FILES_V2 });
    const old = siblingPath(outDir, 'old', deadPid());
    makeFolder(old, { 'PLAN.md': 'v1\n' });
    await recoverInterruptedOutput(outDir);
    expect(fs.readdirSync(base)).to.deep.equal(['out']);
    expect(snapshotTree(outDir)['PLAN.md']).to.equal('v2\n');
  });

  it('leaves folders of a live run and of other output folders alone', async () => {
    const base = temp.make();
    const outDir = path.join(base, 'out');
    const parentPid = process.ppid; // alive for the whole test
    const liveStaging = siblingPath(outDir, 'tmp', parentPid);
    const otherOutput = siblingPath(path.join(base, 'out-2'), 'tmp', deadPid());
    const lookalike = path.join(base, '.perfplan-tmp-out-x1');
    for (const dir of [liveStaging, otherOutput, lookalike]) fs.mkdirSync(dir);
    const actions = await recoverInterruptedOutput(outDir);
    expect(actions).to.deep.equal([]);
    expect(fs.readdirSync(base).sort()).to.deep.equal([path.basename(liveStaging), path.basename(otherOutput), path.basename(lookalike)].sort());
  });

  it('treats a folder carrying this process id as stale (a reused pid)', async () => {
    const outDir = path.join(temp.make(), 'out');
    const stale = siblingPath(outDir, 'tmp');
    makeFolder(stale, { x: 'y' });
    await writeOutput({ outDir, files: FILES_V1 });
    expect(fs.existsSync(stale)).to.equal(false);
    expect(snapshotTree(outDir)['PLAN.md']).to.equal('v1\n');
  });

  it('does nothing when the parent folder does not exist', async () => {
    expect(await recoverInterruptedOutput(path.join(temp.make(), 'missing', 'out'))).to.deep.equal([]);
  });
});
