import { expect } from 'chai';
import path from 'node:path';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';
import { tempDirs } from '../render/temp-dir.js';
import { brokenPromises, exitCodeCounts, runVariants } from './run-broken.js';
import { writeVariants, type SpecVariant } from './variants.js';

const SEED = 1337;
const PER_SPEC = Number(process.env.PERFPLAN_BROKEN_PER_SPEC ?? 6);

describe('broken input (corpus): perfplan generate ends with exit 0, 1 or 2 and a message', function () {
  this.timeout(3_600_000);
  const temp = tempDirs('broken-corpus');
  before(function () {
    skipUnlessCorpus(this);
  });
  after(() => temp.cleanup());

  it(`on ${PER_SPEC} truncated, byte-flipped and wrong-typed variants of every corpus spec (seed ${SEED})`, async () => {
    const root = temp.make();
    const variants: SpecVariant[] = [];
    for (const [index, spec] of corpusSpecs().entries()) {
      variants.push(...writeVariants({ name: spec.name, file: spec.file, multiFile: spec.name.endsWith('/'), outDir: path.join(root, String(index)), seed: SEED, perSpec: PER_SPEC }));
    }
    const started = Date.now();
    const runs = await runVariants({ variants });
    console.log(`    ${runs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s (${exitCodeCounts(runs)})`);
    const broken = brokenPromises(runs);
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });
});
