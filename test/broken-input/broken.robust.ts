import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_SPECS_DIR } from '../helpers/paths.js';
import { tempDirs } from '../render/temp-dir.js';
import { brokenPromises, exitCodeCounts, runVariants } from './run-broken.js';
import { writeVariants, type SpecVariant } from './variants.js';

const SEED = 424242;

describe('broken input (fixture specs): perfplan generate ends with exit 0, 1 or 2 and a message', function () {
  this.timeout(600_000);
  const temp = tempDirs('broken');
  after(() => temp.cleanup());

  it('on truncated, byte-flipped and wrong-typed variants of every fixture spec', async () => {
    const root = temp.make();
    const variants: SpecVariant[] = [];
    for (const name of fs.readdirSync(FIXTURE_SPECS_DIR).filter((file) => /\.(ya?ml|json)$/.test(file)).sort()) {
      variants.push(...writeVariants({ name, file: path.join(FIXTURE_SPECS_DIR, name), multiFile: false, outDir: path.join(root, name), seed: SEED, perSpec: 3 }));
    }
    const started = Date.now();
    const runs = await runVariants({ variants });
    console.log(`    ${runs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s (${exitCodeCounts(runs)})`);
    const broken = brokenPromises(runs);
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });
});
