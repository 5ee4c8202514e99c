import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_PARTY_RENDERERS } from '../../src/di/index.js';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';
import { BIN_RUN } from '../helpers/paths.js';
import { tempDirs } from '../render/temp-dir.js';
import { readTree, treeDifference } from './output-tree.js';

function generate(spec: string, outDir: string, cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN_RUN, 'generate', spec, '-o', outDir], { cwd, env: { ...process.env, PERFPLAN_DEBUG: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('never loses output: two CLI runs on the same spec write byte-identical folders (corpus)', function () {
  this.timeout(3_600_000);
  const temp = tempDirs('deterministic');
  before(function () {
    skipUnlessCorpus(this);
  });
  after(() => temp.cleanup());

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: whole output folder, every engine present`, async () => {
      const base = temp.make();
      // Two runs side by side (≤2 processes), from different folders: nothing may depend on the cwd or timing.
      for (const side of ['a', 'b']) fs.mkdirSync(path.join(base, side));
      const [first, second] = await Promise.all([generate(spec.file, path.join(base, 'a', 'out'), path.join(base, 'a')), generate(spec.file, path.join(base, 'b', 'out'), path.join(base, 'b'))]);
      expect(first.status, first.stderr).to.equal(0);
      expect(second.status, second.stderr).to.equal(0);
      const a = readTree(path.join(base, 'a', 'out'));
      const b = readTree(path.join(base, 'b', 'out'));
      for (const engine of FIRST_PARTY_RENDERERS) expect([...a.keys()].some((file) => file.startsWith(`${engine}/`)), `${engine}/ files in the output`).to.equal(true);
      expect(treeDifference(b, a)).to.equal(undefined);
      fs.rmSync(base, { recursive: true, force: true });
    });
  }
});
