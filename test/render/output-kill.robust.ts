import { expect } from 'chai';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTPUT_MARKER } from '../../src/render/output-marker.js';
import { recoverInterruptedOutput } from '../../src/render/output-recovery.js';
import { tempDirs } from './temp-dir.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.js');

/** The version tag of a complete output folder; throws if it is incomplete or mixed. */
function completeVersion(outDir: string): string {
  const marker = JSON.parse(fs.readFileSync(path.join(outDir, OUTPUT_MARKER), 'utf8')) as { files: string[] };
  expect(marker.files).to.have.length(200);
  const tags = new Set(marker.files.map((file) => fs.readFileSync(path.join(outDir, file), 'utf8').split(':')[0]));
  expect(tags.size, 'one version in the whole folder').to.equal(1);
  return [...tags][0];
}

describe('render/output-writer killed mid-write', function () {
  this.timeout(60000);
  const temp = tempDirs('kill');
  after(() => temp.cleanup());

  // Fixed delays, not random ones: the kill still lands at different steps of a write.
  for (const delayMs of [0, 7, 23, 41, 66, 97]) {
    it(`leaves the old or the new complete output when killed ${delayMs} ms into rewriting`, async () => {
      const base = temp.make();
      const outDir = path.join(base, 'out');
      const child = fork(CHILD, [outDir], { stdio: 'ignore' });
      await new Promise((resolve) => child.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      await recoverInterruptedOutput(outDir);
      expect(['v1', 'v2']).to.include(completeVersion(outDir));
      expect(fs.readdirSync(base)).to.deep.equal(['out']);
    });
  }
});
